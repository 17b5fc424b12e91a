//! The public disclosure portal (no login): agencies and their officer rosters (事前公开).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::org::public_agencies,
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

/// One agency's public page: legal basis and the roster of officers with valid certificates.
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
                            <h2>{lang.pick("持证执法人员名单", "Officer roster")}</h2>
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
