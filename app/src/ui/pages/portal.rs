//! The public disclosure portal (no login): agencies and their officer rosters (事前公开), the
//! audit log's checkpoints, and document verification (文书核验).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use tianping_domain::publicity::before::{procedures, remedies, rights};

use crate::{
    api::{documents::check_document, org::public_agencies},
    ui::common::{ErrorView, PortalPage, loaded, use_lang},
};

/// The portal's home page.
#[component]
pub fn PortalHome() -> impl IntoView {
    let lang = use_lang();
    let agencies = Resource::new(|| (), |_| public_agencies());
    view! {
        <PortalPage title=lang.pick("行政执法公示", "Enforcement disclosure").to_owned()>
            <p class="lead">
                {lang.pick(
                    "这里公开本市行政执法机关的执法主体、职责依据和持证执法人员，供社会公众查询和监督。",
                    "This portal publishes the city's enforcement agencies, their legal basis and their certified officers, so that the public can check and supervise them.",
                )}
            </p>
            <p><a href="/portal/decisions" data-test="decisions-link">{lang.pick("行政处罚决定公示：查询本市已作出的处罚决定", "Published penalty decisions: search the city's decisions")}</a></p>
            <p><a href="/portal/verify" data-test="verify-link">{lang.pick("文书核验：核验执法文书的真伪和效力", "Verify a document: is it genuine and in force?")}</a></p>
            <p><a href="/portal/inspections/verify" data-test="insp-verify-link">{lang.pick("核验行政检查：执法人员上门检查时，核实检查是否经过批准、人员是否持证", "Check an inspection: officers at your door? See that the inspection was approved and who holds a certificate")}</a></p>
            <p><a href="/portal/enterprise" data-test="enterprise-link">{lang.pick("企业检查记录：凭行政执法监督码查询本企业的检查记录并评价", "Your inspections: open your enterprise's records with its supervision code, and rate each inspection")}</a></p>
            <p><a href="/portal/complaints" data-test="complaints-link">{lang.pick("投诉举报与评议：反映执法问题，查询办理进度", "Complaints, reports and evaluations: tell us about an enforcement action, follow the answer")}</a></p>
            <p><a href="/portal/circulars" data-test="circulars-link">{lang.pick("执法监督通报：行政执法监督机构公开发布的通报", "Supervision circulars: published by the supervision body")}</a></p>
            <p><a href="/portal/annual" data-test="annual-link">{lang.pick("年度行政执法数据：各机关上一年度的执法总体情况", "Annual enforcement data: each agency's figures for the last year")}</a></p>
            <p><a href="/portal/audit" data-test="audit-link">{lang.pick("执法记录防篡改核验：检查点与公钥", "Tamper-evident record: checkpoints and keys")}</a></p>
            <h2>{lang.pick("执法主体", "Enforcement agencies")}</h2>
            {loaded(agencies, move |list| view! {
                            <ul class="card-list" data-test="agency-list">
                                {list.into_iter().map(|a| view! {
                                    <li class="card">
                                        <h3><a href=format!("/portal/agencies/{}", a.code)>{a.name.clone()}</a></h3>
                                        <p class="meta">{a.region_name.clone()} " · " {lang.pick("持证执法人员", "Certified officers")} " " {a.officers.len()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any())}
        </PortalPage>
    }
}

/// One agency's public page (事前公开): legal basis, powers list with discretion benchmarks,
/// procedures with their time limits, remedies, supervision channels and the roster of officers
/// with valid certificates.
#[component]
pub fn AgencyRoster() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let agencies = Resource::new(|| (), |_| public_agencies());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let wanted = code();
                match agencies.await.map(|list| list.into_iter().find(|a| a.code == wanted)) {
                    Ok(Some(a)) => view! {
                        <PortalPage title=a.name.clone()>
                            <dl class="facts">
                                <dt>{lang.pick("统一社会信用代码", "Unified social credit code")}</dt><dd>{a.credit_code.clone()}</dd>
                                <dt>{lang.pick("行政区划", "Region")}</dt><dd>{a.region_name.clone()}</dd>
                                <dt>{lang.pick("设立与职责依据", "Legal basis")}</dt><dd>{a.legal_basis.clone()}</dd>
                            </dl>
                            <nav class="toc" aria-label=lang.pick("本页内容", "On this page")>
                                <a href="#powers">{lang.pick("权责清单", "Powers list")}</a>
                                <a href="#procedures">{lang.pick("执法程序", "Procedures")}</a>
                                <a href="#remedies">{lang.pick("救济渠道", "Remedies")}</a>
                                <a href="#supervision">{lang.pick("监督投诉", "Supervision and complaints")}</a>
                                <a href="#roster">{lang.pick("执法人员", "Officers")}</a>
                            </nav>
                            <h2 id="powers">{lang.pick("权责清单（行政处罚事项及裁量基准）", "Powers list (penalty matters and discretion benchmarks)")}</h2>
                            {if a.powers.is_empty() {
                                view! { <p class="meta">{lang.pick("暂无公开的执法事项。", "No enforcement matters published yet.")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("权责清单", "Powers list")>
                                    <table class="table" data-test="powers">
                                        <thead><tr>
                                            <th scope="col">{lang.pick("执法事项", "Matter")}</th>
                                            <th scope="col">{lang.pick("类别", "Kind")}</th>
                                            <th scope="col">{lang.pick("法律依据", "Legal basis")}</th>
                                            <th scope="col">{lang.pick("裁量基准", "Discretion benchmark")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {a.powers.iter().map(|p| view! {
                                                <tr>
                                                    <td>{p.title.clone()}</td>
                                                    <td>{p.kind.clone()}</td>
                                                    <td>{p.provision.clone()}</td>
                                                    <td>{p.tiers.join("；")}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    </div>
                                }.into_any()
                            }}
                            <h2 id="procedures">{lang.pick("执法程序", "Enforcement procedures")}</h2>
                            {procedures(lang).into_iter().map(|p| view! {
                                <section class="procedure" data-test="procedure">
                                    <h3>{p.name}</h3>
                                    <p>{p.applies}</p>
                                    <ol class="steps">
                                        {p.steps.into_iter().map(|s| view! {
                                            <li>
                                                <strong>{s.name}</strong> " " {s.what}
                                                <span class="meta">
                                                    {(!s.time_limit.is_empty()).then(|| format!("{}{}{}", lang.pick("时限：", "Time limit: "), s.time_limit, lang.pick("；", "; ")))}
                                                    {s.basis}
                                                </span>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                </section>
                            }).collect_view()}
                            <h3>{lang.pick("当事人的权利", "The party's rights")}</h3>
                            <ul>{rights(lang).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                            <h2 id="remedies">{lang.pick("救济渠道", "Remedies")}</h2>
                            <table class="table" data-test="remedies">
                                <thead><tr>
                                    <th scope="col">{lang.pick("途径", "Remedy")}</th>
                                    <th scope="col">{lang.pick("向谁提出", "Where")}</th>
                                    <th scope="col">{lang.pick("期限", "Within")}</th>
                                    <th scope="col">{lang.pick("依据", "Basis")}</th>
                                </tr></thead>
                                <tbody>
                                    {remedies(lang).into_iter().map(|r| view! {
                                        <tr><td>{r.name}</td><td>{r.body}</td><td>{r.time_limit}</td><td>{r.basis}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <h2 id="supervision">{lang.pick("监督与投诉", "Supervision and complaints")}</h2>
                            <p data-test="channels">
                                {lang.pick("对本机关的执法行为有意见或者建议的，可以通过", "To complain about or evaluate this agency's enforcement, use")}
                                " " <a href=format!("/portal/complaints?agency={}", a.code)>{lang.pick("投诉举报与评议", "complaints, reports and evaluations")}</a> " "
                                {lang.pick("在线提出，凭受理编号查询办理进度。", "online, and follow the answer with the tracking number.")}
                                {a.supervisor.clone().map(|s| format!(
                                    "{}{}{}",
                                    lang.pick("本地区行政执法监督机构：", " The region's enforcement supervision body: "),
                                    s,
                                    lang.pick("。", "."),
                                ))}
                            </p>
                            <h2 id="roster">{lang.pick("持证执法人员名单", "Officer roster")}</h2>
                            <table class="table" data-test="roster">
                                <thead><tr>
                                    <th scope="col">{lang.pick("姓名", "Name")}</th>
                                    <th scope="col">{lang.pick("执法证号", "Certificate no.")}</th>
                                    <th scope="col">{lang.pick("执法类别/区域", "Category / area")}</th>
                                    <th scope="col">{lang.pick("有效期至", "Valid to")}</th>
                                </tr></thead>
                                <tbody>
                                    {a.officers.into_iter().map(|o| view! {
                                        <tr>
                                            <td>{o.name}</td>
                                            <td>{o.certificate_number}</td>
                                            <td>{o.scope}</td>
                                            <td>{o.valid_to.map(|d| d.to_string()).unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </PortalPage>
                    }.into_any(),
                    Ok(None) => view! { <crate::ui::common::NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the audit log's checkpoints prove, in plain words, with the latest checkpoints and the
/// keys that sign them.
#[component]
pub fn AuditTransparency() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| crate::api::org::public_audit());
    view! {
        <PortalPage title=lang.pick("执法记录防篡改核验", "Tamper-evident enforcement record").to_owned()>
            <section class="explain" data-test="audit-explain">
                <p>{lang.pick(
                    "本平台对每一项执法操作（立案、调查取证、法制审核、决定、送达、执行等）都按发生顺序记入审计日志，每条记录都与前一条记录的哈希值相连，并汇总为一棵默克尔树（Merkle tree）。",
                    "Every enforcement step (filing, evidence, legal review, decision, service, execution) is written to the audit log in order; each entry is chained to the one before it, and all entries are summed up in a Merkle tree.",
                )}</p>
                <p>{lang.pick(
                    "系统定期用下方公布的密钥对日志的“检查点”进行数字签名。检查点记载了截至当时的记录条数和默克尔树根值。任何人都可以下载保存检查点：今后若有人删除、修改或调换任何一条已记录的操作，哪怕重新计算了全部哈希值，用您保存的检查点核验时都会发现不一致。",
                    "At regular intervals the system signs a checkpoint of the log with the key published below: how many entries it holds and the root of the Merkle tree. Anyone may download and keep a checkpoint: if any recorded step is later deleted, changed or reordered — even with every hash recomputed — checking against the checkpoint you kept will show it.",
                )}</p>
                <p>{lang.pick(
                    "核验方法：运行 tianping audit verify --checkpoint 检查点文件；或通过开放接口获取包含证明（/api/v1/public/audit/proof/inclusion）和一致性证明（/api/v1/public/audit/proof/consistency）自行计算。证明只包含哈希值，不会泄露内部记录的内容。",
                    "How to check: run tianping audit verify --checkpoint FILE, or fetch inclusion proofs (/api/v1/public/audit/proof/inclusion) and consistency proofs (/api/v1/public/audit/proof/consistency) and compute them yourself. Proofs contain hashes only and disclose nothing of internal records.",
                )}</p>
            </section>
            {loaded(data, move |d| view! {
                <h2>{lang.pick("签名密钥", "Signing keys")}</h2>
                <table class="table" data-test="audit-keys">
                    <thead><tr>
                        <th scope="col">{lang.pick("密钥", "Key")}</th>
                        <th scope="col">{lang.pick("启用时间", "Valid from")}</th>
                        <th scope="col">{lang.pick("停用时间", "Retired")}</th>
                        <th scope="col">{lang.pick("公钥（验证串）", "Public key (verifier)")}</th>
                    </tr></thead>
                    <tbody>{d.keys.into_iter().map(|k| view! {
                        <tr><td>{k.name}</td><td>{k.valid_from}</td><td>{k.valid_to.unwrap_or_else(|| lang.pick("在用", "in use").to_owned())}</td><td><code class="wrap">{k.verifier}</code></td></tr>
                    }).collect_view()}</tbody>
                </table>
                <h2>{lang.pick("最近的检查点", "Latest checkpoints")}</h2>
                <p><a href="/api/v1/public/audit/checkpoints">{lang.pick("全部检查点（JSON）", "All checkpoints (JSON)")}</a></p>
                {d.checkpoints.into_iter().map(|c| view! {
                    <article class="checkpoint" data-test="checkpoint">
                        <h3>{lang.pick("记录条数 ", "Entries ")}{c.size}" · "{c.signed_at}</h3>
                        <pre class="note">{c.note}</pre>
                    </article>
                }).collect_view()}
            }.into_any())}
        </PortalPage>
    }
}

/// Document verification (文书核验): by the code printed on a document, or by its file. Works
/// without JavaScript: the code form is a plain GET, the file form posts to a server route that
/// comes back here with the file's hash.
#[component]
pub fn DocumentVerify() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let sha256 = move || query.read().get("sha256").unwrap_or_default();
    let upload_error = move || query.read().get("error");
    let result = Resource::new(
        move || (code(), sha256()),
        |(code, sha256)| async move {
            if code.trim().is_empty() && sha256.trim().is_empty() {
                return Ok(None);
            }
            check_document(code, sha256).await.map(Some)
        },
    );
    view! {
        <PortalPage title=lang.pick("文书核验", "Verify a document").to_owned()>
            <p class="lead">{lang.pick(
                "本平台签发的每一份执法文书都印有核验码和二维码，文书的数字指纹（SHA-256）在签发时记入防篡改的审计日志。输入核验码，或上传文书的 PDF 文件，即可核验文书是否真实、现在是否有效。",
                "Every document issued through this platform carries a verification code and a QR code, and its digital fingerprint (SHA-256) was written to the tamper-evident audit log when it was issued. Enter the code, or upload the PDF, to check that the document is genuine and still in force.",
            )}</p>
            <form method="get" action="/portal/verify" class="form" data-test="verify-code-form">
                <div class="field">
                    <label for="verify-code">{lang.pick("核验码", "Verification code")}</label>
                    <p class="hint" id="verify-code-hint">{lang.pick("16 位字母和数字，例如 7K3M-9QX2-A4B8-C0DE（此前签发的文书为 8 位）", "16 letters and digits, e.g. 7K3M-9QX2-A4B8-C0DE (8 on documents issued before)")}</p>
                    <input id="verify-code" name="code" class="input-code" autocomplete="off" aria-describedby="verify-code-hint" prop:value=code data-test="verify-code" />
                </div>
                <button type="submit" class="button" data-test="verify-code-submit">{lang.pick("核验", "Verify")}</button>
            </form>
            <form method="post" action="/api/v1/public/documents/verify-form" enctype="multipart/form-data" class="form" data-test="verify-file-form">
                <div class="field">
                    <label for="verify-file">{lang.pick("或上传文书 PDF 文件", "Or upload the document's PDF")}</label>
                    <input id="verify-file" name="file" type="file" accept="application/pdf" data-test="verify-file" />
                </div>
                <button type="submit" class="button button-secondary" data-test="verify-file-submit">{lang.pick("上传并核验", "Upload and verify")}</button>
            </form>
            {move || upload_error().map(|e| view! { <p class="alert alert-error" role="alert" data-test="verify-error">{e}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(crate::api::case_dto::VerifyOutcome { document: None })) => view! {
                            <div class="alert alert-error" role="status" data-test="verify-not-found">
                                <h2>{lang.pick("未找到该文书", "No such document")}</h2>
                                <p>{lang.pick(
                                    "没有与此核验码或文件对应的已签发文书。请核对核验码；上传的文件如经过任何修改（哪怕一个字节），也无法通过核验。",
                                    "No issued document matches this code or file. Check the code; a file changed in any way, even by one byte, does not verify.",
                                )}</p>
                            </div>
                        }.into_any(),
                        Ok(Some(crate::api::case_dto::VerifyOutcome { document: Some(d) })) => {
                            let in_force = d.in_force;
                            view! {
                                <div class=if in_force { "alert alert-ok" } else { "alert alert-warn" } role="status" data-test="verify-found">
                                    <h2 data-test="verify-verdict">{if in_force {
                                        lang.pick("真实有效：这是本平台签发的文书", "Genuine and in force: this document was issued through this platform")
                                    } else {
                                        lang.pick("文书真实，但已不再有效", "Genuine, but no longer in force")
                                    }}</h2>
                                    <dl class="facts">
                                        <dt>{lang.pick("文书名称", "Document")}</dt><dd data-test="verify-kind">{d.kind.clone()}</dd>
                                        <dt>{lang.pick("文号", "Number")}</dt><dd data-test="verify-number">{d.number.clone()}</dd>
                                        <dt>{lang.pick("签发机关", "Issued by")}</dt><dd>{d.agency.clone()}</dd>
                                        <dt>{lang.pick("签发日期", "Issued on")}</dt><dd>{d.issued_on.to_string()}</dd>
                                        <dt>{lang.pick("状态", "Status")}</dt><dd data-test="verify-status" data-status=d.status.clone()>{d.status_label.clone()}{d.status_reason.clone().map(|r| format!("（{r}）"))}</dd>
                                        {d.public_version.then(|| view! {
                                            <dt>{lang.pick("版本", "Version")}</dt>
                                            <dd data-test="verify-public-version">{lang.pick("公开版（已依法隐去个人信息）", "Public version (personal data removed as the law requires)")}</dd>
                                        })}
                                        <dt>{lang.pick("数字指纹（SHA-256）", "Fingerprint (SHA-256)")}</dt><dd><code class="wrap">{d.sha256.clone()}</code></dd>
                                    </dl>
                                    {d.audit_seq.map(|seq| view! {
                                        <p><a href=format!("/api/v1/public/audit/proof/inclusion?seq={seq}")>{lang.pick("查看该文书签发记录的审计包含证明", "See the audit inclusion proof of its issue")}</a></p>
                                    })}
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}
