//! Administrative inspections (issue 23): the agency's list where officers take each step
//! (on a phone at the enterprise's door too), and the two portal pages: the check of an
//! inspection code at the door, and the enterprise's own records opened by its supervision
//! code, where it rates an inspection once it has been told the result.
//!
//! Both portal pages are plain GET forms: they work without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{i18n::Lang, inspection::lifecycle::Outcome, validate::Field};

use crate::{
    api::{
        AppError,
        inspection_dto::{DrawView, EnterpriseInspection, InspectionView},
        inspections::{
            InspectionStep, RateInspection, RunDraw, check_inspection, draw_items,
            enterprise_records, inspection_figures, list_draws, list_inspections, published_draw,
        },
    },
    ui::{
        common::{PortalPage, StaffPage, action_error, id_param, loaded, use_lang},
        form::{field_error, invalid},
    },
};

/// A refusal's sentences, one per reason (the server joins them with a semicolon).
pub(crate) fn reasons(message: &str) -> Vec<String> {
    message
        .split(['；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How many times an action has succeeded (`ok` reads its last answer; a refusal does not
/// count), to reload what it changed without clearing a form that must be corrected.
pub(crate) fn succeeded(ok: impl Fn() -> bool + Send + Sync + 'static) -> RwSignal<u32> {
    let count = RwSignal::new(0u32);
    Effect::new(move |_| {
        if ok() {
            count.update(|n| *n += 1);
        }
    });
    count
}

/// The alert of a failed step or rating: every reason on its own line.
pub(crate) fn error_alert(e: AppError) -> AnyView {
    let lines = reasons(&e.to_string());
    view! {
        <div class="alert alert-error" role="alert" data-test="form-error">
            <ul class="reasons">
                {lines.into_iter().map(|l| view! { <li data-test="form-error-reason">{l}</li> }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// An officer with their enforcement certificate's number and whether it is in force today.
pub(crate) fn certificate_line(
    name: &str,
    number: Option<&str>,
    in_force: bool,
    lang: Lang,
) -> String {
    match (number, in_force) {
        (Some(n), true) => format!("{name}（{n}）"),
        (Some(n), false) => format!(
            "{name}（{n}，{}）",
            lang.pick("今日无效", "not in force today")
        ),
        (None, _) => format!("{name}（{}）", lang.pick("无执法证", "no certificate")),
    }
}

/// The fields a step asks for, inside its form.
fn step_fields(step: &str, id: i32, error: Signal<Option<AppError>>, lang: Lang) -> AnyView {
    match step {
        "register" => {
            let fid = format!("insp-{id}-code");
            view! {
                <div class="field">
                    <label for=fid.clone()>{lang.pick("企业的行政执法监督码", "The enterprise's supervision code")}</label>
                    <p class="hint" id=format!("{fid}-hint")>{lang.pick(
                        "扫描企业出示的二维码，或输入码下方的 18 位编码（JD 开头），例如 JD7K3M-9QX2-A4B8-C0DE",
                        "Scan the QR code the enterprise shows, or type the 18 characters under it (starting JD), e.g. JD7K3M-9QX2-A4B8-C0DE",
                    )}</p>
                    <input id=fid.clone() name="supervision_code" class="input-code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby=format!("{fid}-hint") aria-invalid=invalid(error, Field::SupervisionCode) data-test="insp-supervision-code" />
                    {field_error(error, Field::SupervisionCode)}
                </div>
            }
            .into_any()
        }
        "record" => {
            let fid = format!("insp-{id}-findings");
            view! {
                <div class="field">
                    <label for=fid.clone()>{lang.pick("现场检查情况（现场检查笔录）", "What was found on site (on-site record)")}</label>
                    <textarea id=fid name="findings" rows="5" aria-invalid=invalid(error, Field::Findings) data-test="insp-findings"></textarea>
                    {field_error(error, Field::Findings)}
                </div>
            }
            .into_any()
        }
        "notify" => {
            let fid = format!("insp-{id}-note");
            view! {
                <fieldset>
                    <legend>{lang.pick("检查结果", "Result")}</legend>
                    {Outcome::ALL.into_iter().map(|o| view! {
                        <label class="check"><input type="radio" name="outcome" value=o.as_str() checked=o == Outcome::NoProblem data-test=format!("insp-outcome-{}", o.as_str()) />{o.label(lang)}</label>
                    }).collect_view()}
                    {field_error(error, Field::Outcome)}
                </fieldset>
                <div class="field">
                    <label for=fid.clone()>{lang.pick("告知企业的内容（责令整改或移送立案时必填）", "What the enterprise is told (required for rectification or a penalty case)")}</label>
                    <textarea id=fid name="note" rows="3" aria-invalid=invalid(error, Field::Reason) data-test="insp-note"></textarea>
                    {field_error(error, Field::Reason)}
                </div>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// One inspection with the steps the user may take now.
fn inspection_card(
    i: InspectionView,
    action: ServerAction<InspectionStep>,
    last: RwSignal<Option<i32>>,
    lang: Lang,
) -> AnyView {
    let id = i.id;
    // Field errors show under the card that was submitted, not under every card.
    let error = Signal::derive(move || {
        (last.get() == Some(id))
            .then(|| action_error(action.value().get()))
            .flatten()
    });
    let officers = i
        .officers
        .iter()
        .map(|o| {
            let cert = certificate_line(&o.name, o.certificate_number.as_deref(), o.certified_today, lang);
            view! { <li data-test="insp-officer" data-certified=o.certified_today.to_string()>{cert}</li> }
        })
        .collect_view();
    let steps = i
        .steps
        .clone()
        .into_iter()
        .map(|s| {
            let step = s.step;
            let primary = if step == "close" {
                "button button-secondary"
            } else {
                "button"
            };
            let form_test = format!("insp-{step}-form");
            let submit_test = format!("insp-{step}-submit");
            let fields = step_fields(&step, id, error, lang);
            view! {
                <ActionForm action=action attr:class="form" attr:data-test=form_test
                    on:submit=move |_| last.set(Some(id))>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="step" value=step />
                    {fields}
                    <button type="submit" class=primary data-test=submit_test
                        disabled=move || action.pending().get()>{s.label}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <article class="card inspection" data-test="inspection" data-code=i.code.clone() data-state=i.state.clone()>
            <h2>{i.enterprise.clone()}</h2>
            <p class="meta"><span class="input-code">{i.code.clone()}</span> " · " {i.kind_label.clone()}
                " · " <span class="badge" data-test="insp-state">{i.state_label.clone()}</span>
                {i.emergency.then(|| view! { " " <span class="badge badge-warn">{lang.pick("紧急", "Emergency")}</span> })}
                {i.joint_group.map(|_| view! { " " <span class="badge">{lang.pick("综合查一次", "Joint visit")}</span> })}</p>
            {(!i.warnings.is_empty()).then(|| view! {
                <p class="warnings" role="note">{lang.pick("监督预警：", "Supervision warnings: ")}
                    {i.warnings.iter().map(|w| view! {
                        <span class="badge badge-bad" data-test="insp-warning" data-code=w.code.clone()>{w.label.clone()}</span> " "
                    }).collect_view()}</p>
            })}
            <dl class="facts">
                <dt>{lang.pick("检查事项", "Item")}</dt><dd>{i.item_code.clone()} " " {i.item.clone()}</dd>
                <dt>{lang.pick("统一社会信用代码", "Credit code")}</dt><dd>{i.enterprise_credit_code.clone()}</dd>
                <dt>{lang.pick("检查期间", "Window")}</dt><dd>{i.window_from.to_string()} " — " {i.window_to.to_string()}</dd>
                <dt>{lang.pick("批准", "Approval")}</dt><dd data-test="insp-approved">{match &i.approved_by {
                    Some(who) => who.clone(),
                    None => lang.pick("尚未批准", "Not yet approved").to_owned(),
                }}</dd>
                {i.registered_on.map(|d| view! { <dt>{lang.pick("扫码入企", "Registered at the door")}</dt><dd data-test="insp-registered">{d.to_string()}</dd> })}
                <dt>{lang.pick("检查人员", "Officers")}</dt><dd><ul class="plain">{officers}</ul></dd>
                {i.findings.clone().map(|f| view! { <dt>{lang.pick("现场检查情况", "Findings")}</dt><dd>{f}</dd> })}
                {i.outcome_label.clone().map(|o| view! { <dt>{lang.pick("检查结果", "Result")}</dt><dd data-test="insp-outcome">{o} {i.result_note.clone().map(|n| format!("：{n}"))}</dd> })}
                {i.clue_id.map(|c| view! { <dt>{lang.pick("案源", "Clue")}</dt><dd><a href="/work/clues" data-test="insp-clue">{format!("#{c}")}</a></dd> })}
                {i.rating.map(|r| view! { <dt>{lang.pick("企业评价", "Enterprise's rating")}</dt><dd>{r} " / 5" {i.rating_comment.clone().map(|c| format!("：{c}"))}</dd> })}
            </dl>
            <div class="form-answer" data-test="insp-answer">
                {move || error.get().map(error_alert)}
            </div>
            {steps}
        </article>
    }
    .into_any()
}

/// The inspections of the user's agency (supervisors: their region's), with each step the
/// user may take now: approval, code-registered entry at the door, the on-site record, the
/// result notice, closing.
#[component]
pub fn InspectionList() -> impl IntoView {
    let lang = use_lang();
    let step = ServerAction::<InspectionStep>::new();
    let last = RwSignal::new(None::<i32>);
    // Reloaded after a step taken, not after a refusal: what was typed stays for correcting.
    let taken = succeeded(move || matches!(step.value().get(), Some(Ok(_))));
    let list = Resource::new(move || taken.get(), |_| list_inspections());
    view! {
        <StaffPage title=lang.pick("行政检查", "Inspections").to_owned()>
            <p class="muted">{lang.pick(
                "入企检查须经批准、持证人员不少于两人、事项在本机关检查事项清单内并在年度频次上限内；到达企业后先扫描企业的行政执法监督码登记，登记不通过不得检查。每一步都记入审计日志。",
                "An on-site inspection needs approval, at least two certified officers, an item on the agency's published list and room under the yearly cap; at the door, scan the enterprise's supervision code to register first: no inspection without a registration. Every step is recorded in the audit log.",
            )}</p>
            <DrawSection />
            <FiguresSection />
            <h2>{lang.pick("检查记录", "Inspections")}</h2>
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-inspections">{lang.pick("暂无行政检查。", "There are no inspections.")}</p> }.into_any();
                }
                // Those with a step waiting for the user, or a warning, first.
                let (mine, rest): (Vec<_>, Vec<_>) = items
                    .into_iter()
                    .partition(|i| !i.steps.is_empty() || !i.warnings.is_empty());
                mine.into_iter().chain(rest).map(|i| inspection_card(i, step, last, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}

/// This year's figures per agency (issue 23 item 9): visits, the share of joint visits,
/// warned visits and enterprises over their cap; seal-ups and seizures, in force, past their
/// limit, released and their mean duration.
#[component]
fn FiguresSection() -> impl IntoView {
    let lang = use_lang();
    let rows = Resource::new(|| (), |_| inspection_figures(String::new()));
    view! {
        <section class="card" data-test="inspection-figures">
            <h2>{lang.pick("本年度行政检查和行政强制统计", "This year's inspections and coercive measures")}</h2>
            {loaded(rows, move |rows| {
                if rows.is_empty() {
                    return view! { <p class="muted">{lang.pick("本年度尚无数据。", "Nothing this year yet.")}</p> }.into_any();
                }
                view! {
                    <table class="table stack" data-test="figures-table">
                        <thead><tr>
                            <th scope="col">{lang.pick("机关", "Agency")}</th>
                            <th scope="col">{lang.pick("入企检查", "Visits")}</th>
                            <th scope="col">{lang.pick("综合查一次占比", "Joint share")}</th>
                            <th scope="col">{lang.pick("有预警的检查", "Warned visits")}</th>
                            <th scope="col">{lang.pick("检查企业／超频次", "Enterprises / over cap")}</th>
                            <th scope="col">{lang.pick("查封／扣押", "Seal-ups / seizures")}</th>
                            <th scope="col">{lang.pick("实施中／超期", "In force / overdue")}</th>
                            <th scope="col">{lang.pick("已解除（平均天数）", "Released (mean days)")}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| {
                                let share = format!("{}.{}%", r.joint_permille / 10, r.joint_permille % 10);
                                let mean = r.mean_days.map(|d| format!("（{d}）")).unwrap_or_default();
                                view! {
                                    <tr data-test="figures-row" data-agency=r.agency_id>
                                        <th scope="row" data-label=lang.pick("机关", "Agency")>{r.agency}</th>
                                        <td data-label=lang.pick("入企检查", "Visits")>{r.visits}</td>
                                        <td data-label=lang.pick("综合查一次占比", "Joint share")>{share}</td>
                                        <td data-label=lang.pick("有预警的检查", "Warned visits")>{r.warned_visits}</td>
                                        <td data-label=lang.pick("检查企业／超频次", "Enterprises / over cap")>{r.enterprises} " / " {r.enterprises_over_cap}</td>
                                        <td data-label=lang.pick("查封／扣押", "Seal-ups / seizures")>{r.seal_ups} " / " {r.seizures}</td>
                                        <td data-label=lang.pick("实施中／超期", "In force / overdue")>{r.in_force} " / " <span data-test="figures-overdue">{r.overdue}</span></td>
                                        <td data-label=lang.pick("已解除（平均天数）", "Released (mean days)")>{r.released} {mean}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </section>
    }
}

/// The random draws (双随机) of the agency: the head's form, and the draws made, each linked to
/// its public page.
#[component]
fn DrawSection() -> impl IntoView {
    let lang = use_lang();
    let run = ServerAction::<RunDraw>::new();
    let drawn = succeeded(move || matches!(run.value().get(), Some(Ok(_))));
    let items = Resource::new(|| (), |_| draw_items());
    let draws = Resource::new(move || drawn.get(), |_| list_draws());
    let error = Signal::derive(move || action_error(run.value().get()));
    view! {
        <section class="card" data-test="draws">
            <h2>{lang.pick("双随机抽取", "Random draws (双随机)")}</h2>
            <p class="muted">{lang.pick(
                "从本辖区检查对象中随机抽取企业，从持有效执法证的执法人员中随机抽取检查人员。抽取前先将随机种子的摘要记入审计日志，抽取结果连同种子和候选名单一并公开，任何人都可以复核。",
                "Enterprises are drawn at random from the region's targets and officers from those certified today. The seed's digest is written to the audit log before the draw; the result is published with the seed and the candidates, so anyone can re-run it.",
            )}</p>
            {loaded(items, move |items| {
                (!items.is_empty()).then(|| view! {
                    <ActionForm action=run attr:class="form form-inline" attr:data-test="draw-form">
                        <div class="field">
                            <label for="draw-item">{lang.pick("检查事项", "Item")}</label>
                            <select id="draw-item" name="item_id" data-test="draw-item" aria-invalid=invalid(error, Field::InspectionItem)>
                                {items.into_iter().map(|(id, code, name)| view! { <option value=id>{code} " " {name}</option> }).collect_view()}
                            </select>
                            {field_error(error, Field::InspectionItem)}
                        </div>
                        <div class="field">
                            <label for="draw-enterprises">{lang.pick("抽取企业数", "Enterprises")}</label>
                            <input id="draw-enterprises" name="enterprises" type="number" min="1" max="500" value="5" inputmode="numeric" data-test="draw-enterprises" aria-invalid=invalid(error, Field::Enterprise) />
                            {field_error(error, Field::Enterprise)}
                        </div>
                        <div class="field">
                            <label for="draw-officers">{lang.pick("抽取检查人员数", "Officers")}</label>
                            <input id="draw-officers" name="officers" type="number" min="2" max="500" value="2" inputmode="numeric" data-test="draw-officers" aria-invalid=invalid(error, Field::Officers) />
                            {field_error(error, Field::Officers)}
                        </div>
                        <button type="submit" class="button" data-test="draw-submit" disabled=move || run.pending().get()>{lang.pick("抽取并公开", "Draw and publish")}</button>
                    </ActionForm>
                })
            })}
            {move || error.get().map(error_alert)}
            {loaded(draws, move |list| {
                if list.is_empty() {
                    return view! { <p data-test="no-draws">{lang.pick("尚无抽取记录。", "No draws yet.")}</p> }.into_any();
                }
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|d| view! {
                            <li data-test="draw">
                                <a href=format!("/portal/draws/{}", d.id)>{d.drawn_on.to_string()} " " {d.item_code.clone()} " " {d.item.clone()}</a>
                                " · " {lang.pick("抽中企业 ", "enterprises ")} {d.enterprises.len()}
                                " · " {d.officers.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、")}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}

/// A published draw (一公开): the result, the seed and its commitment in the audit log, the
/// candidates, and how to re-run it.
#[component]
pub fn DrawPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let draw = Resource::new(id, published_draw);
    view! {
        <PortalPage title=lang.pick("双随机抽取结果", "Random draw").to_owned()>
            {loaded(draw, move |d: DrawView| view! {
                <section data-test="draw-page" data-verified=d.verified.to_string()>
                    <p class="lead">{d.agency.clone()} " · " {d.item_code.clone()} " " {d.item.clone()} " · " {d.drawn_on.to_string()}</p>
                    <div class=if d.verified { "alert alert-ok" } else { "alert alert-error" } role="status" data-test="draw-verdict">
                        {if d.verified {
                            lang.pick("复核一致：用公开的种子和候选名单重新抽取，结果相同。", "Checked: re-running the draw from the published seed and candidates gives the same result.")
                        } else {
                            lang.pick("复核不一致：公开的种子和候选名单不能得出该结果。", "Mismatch: the published seed and candidates do not give this result.")
                        }}
                    </div>
                    <h2>{lang.pick("抽中的企业", "Enterprises drawn")}</h2>
                    <ol data-test="draw-enterprises">
                        {d.enterprises.iter().map(|e| view! { <li>{e.name.clone()} " (" {e.id.clone()} ")"</li> }).collect_view()}
                    </ol>
                    <h2>{lang.pick("抽中的检查人员", "Officers drawn")}</h2>
                    <ol data-test="draw-officers">
                        {d.officers.iter().map(|e| view! { <li>{e.name.clone()} " (" {lang.pick("执法证号 ", "certificate ")} {e.id.clone()} ")"</li> }).collect_view()}
                    </ol>
                    <h2>{lang.pick("如何复核", "How to check it")}</h2>
                    <p>{lang.pick(
                        "对每个候选编号（企业为统一社会信用代码，人员为执法证号）计算 SHA-256(种子 ‖ 0x00 ‖ 编号)，按摘要从小到大排序，取前若干个。种子的 SHA-256 摘要在抽取前已记入审计日志（可查看包含证明），抽取后无法更换种子。",
                        "For each candidate identifier (credit code; certificate number) compute SHA-256(seed ‖ 0x00 ‖ identifier), sort ascending, take the first ones. The seed's SHA-256 was written to the audit log before the draw (see its inclusion proof): the seed could not be changed afterwards.",
                    )}</p>
                    <dl class="facts">
                        <dt>{lang.pick("种子", "Seed")}</dt><dd><code class="wrap" data-test="draw-seed">{d.seed.clone()}</code></dd>
                        <dt>{lang.pick("种子摘要（抽取前记入审计日志）", "Commitment (logged before the draw)")}</dt><dd><code class="wrap">{d.commitment.clone()}</code></dd>
                        <dt>{lang.pick("审计事件", "Audit event")}</dt><dd><a href=format!("/api/v1/public/audit/proof/inclusion?seq={}", d.commitment_seq)>{format!("#{}", d.commitment_seq)}</a></dd>
                        <dt>{lang.pick("候选企业", "Candidate enterprises")}</dt><dd>{d.enterprise_candidates.len()}</dd>
                        <dt>{lang.pick("候选检查人员", "Candidate officers")}</dt><dd>{d.officer_candidates.len()}</dd>
                    </dl>
                    <p><a href=format!("/api/v1/public/draws/{}", d.id) data-test="draw-json">{lang.pick("下载全部数据（JSON，含候选名单）", "Download everything (JSON, with the candidates)")}</a></p>
                </section>
            })}
        </PortalPage>
    }
}

/// The check at the door: anyone (the enterprise first) types or scans the inspection code
/// shown by the officers and sees whether it is on record, approved, and who may inspect.
#[component]
pub fn InspectionVerify() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let result = Resource::new(code, |code| async move {
        if code.trim().is_empty() {
            return Ok(None);
        }
        check_inspection(code).await.map(Some)
    });
    view! {
        <PortalPage title=lang.pick("核验行政检查", "Check an inspection").to_owned()>
            <p class="lead">{lang.pick(
                "执法人员入企检查时应出示检查编码（JC 开头）和执法证。输入检查编码，可以核实这次检查是否经过批准、在批准期间内，以及哪些持证人员可以实施检查。",
                "Officers at your door show an inspection code (starting JC) and their enforcement certificates. Enter the code to check that the inspection was approved, is within its approved window, and which certified officers may carry it out.",
            )}</p>
            <form method="get" action="/portal/inspections/verify" class="form" data-test="insp-verify-form">
                <div class="field">
                    <label for="insp-code">{lang.pick("检查编码", "Inspection code")}</label>
                    <p class="hint" id="insp-code-hint">{lang.pick("例如 JC20261204-7K3M9QX2A4B8C0DE", "e.g. JC20261204-7K3M9QX2A4B8C0DE")}</p>
                    <input id="insp-code" name="code" class="input-code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="insp-code-hint" prop:value=code data-test="insp-verify-code" />
                </div>
                <button type="submit" class="button" data-test="insp-verify-submit">{lang.pick("核验", "Check")}</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(c)) if !c.genuine => view! {
                            <div class="alert alert-error" role="status" data-test="insp-verify-unknown">
                                <h2>{lang.pick("没有这次检查的记录", "No inspection on record")}</h2>
                                <p>{lang.pick(
                                    "本平台没有这个检查编码。请核对编码；如对方坚持检查，可以拨打 12345 或在本门户投诉。",
                                    "No inspection has this code. Check it; if the visitors insist, call 12345 or complain on this portal.",
                                )}</p>
                                <p><a href="/portal/complaints">{lang.pick("投诉举报", "Complain")}</a></p>
                            </div>
                        }.into_any(),
                        Ok(Some(c)) => {
                            let ok = c.approved && c.officers.iter().filter(|o| o.certificate_in_force).count() >= 2;
                            view! {
                                <div class=if ok { "alert alert-ok" } else { "alert alert-warn" } role="status" data-test="insp-verify-found" data-approved=c.approved.to_string()>
                                    <h2 data-test="insp-verify-verdict">{if !c.approved {
                                        lang.pick("检查记录真实，但尚未批准", "On record, but not yet approved")
                                    } else if ok {
                                        lang.pick("检查记录真实，已经批准", "On record and approved")
                                    } else {
                                        lang.pick("检查已批准，但持证人员不足两人", "Approved, but fewer than two officers hold a certificate in force")
                                    }}</h2>
                                    <dl class="facts">
                                        <dt>{lang.pick("检查编码", "Code")}</dt><dd class="input-code">{c.code.clone()}</dd>
                                        <dt>{lang.pick("检查机关", "Agency")}</dt><dd data-test="insp-verify-agency">{c.agency.clone().unwrap_or_default()}</dd>
                                        <dt>{lang.pick("检查事项", "Item")}</dt><dd>{c.item.clone().unwrap_or_default()}</dd>
                                        {c.window_from.zip(c.window_to).map(|(f, t)| view! { <dt>{lang.pick("批准期间", "Approved window")}</dt><dd>{f.to_string()} " — " {t.to_string()}</dd> })}
                                        <dt>{lang.pick("状态", "Status")}</dt><dd>{c.state_label.clone().unwrap_or_default()}</dd>
                                    </dl>
                                    <h3>{lang.pick("检查人员", "Officers")}</h3>
                                    <ul class="plain">
                                        {c.officers.iter().map(|o| view! {
                                            <li data-test="insp-verify-officer" data-in-force=o.certificate_in_force.to_string()>
                                                {o.name.clone()} " · " {o.certificate_number.clone().unwrap_or_else(|| lang.pick("无执法证", "no certificate").to_owned())}
                                                " · " {if o.certificate_in_force { lang.pick("证件有效", "certificate in force") } else { lang.pick("证件无效", "certificate NOT in force") }}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </div>
                            }.into_any()
                        }
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}

/// The rating form of one inspection on the enterprise's page.
fn rating_form(
    v: &EnterpriseInspection,
    supervision_code: String,
    action: ServerAction<RateInspection>,
    lang: Lang,
) -> AnyView {
    let fid = format!("rate-{}", v.code);
    let comment_id = format!("{fid}-comment");
    let inspection_code = v.code.clone();
    view! {
        <ActionForm action=action attr:class="form form-inline" attr:data-test="rate-form">
            <input type="hidden" name="supervision_code" value=supervision_code />
            <input type="hidden" name="inspection_code" value=inspection_code />
            <div class="field">
                <label for=fid.clone()>{lang.pick("评价这次检查", "Rate this inspection")}</label>
                <select id=fid name="rating" data-test="rate-rating">
                    <option value="5">{lang.pick("5 非常满意", "5 very satisfied")}</option>
                    <option value="4">{lang.pick("4 满意", "4 satisfied")}</option>
                    <option value="3">{lang.pick("3 基本满意", "3 fair")}</option>
                    <option value="2">{lang.pick("2 不满意", "2 dissatisfied")}</option>
                    <option value="1">{lang.pick("1 非常不满意", "1 very dissatisfied")}</option>
                </select>
            </div>
            <div class="field">
                <label for=comment_id.clone()>{lang.pick("意见（可不填，最多 500 字）", "Comment (optional, up to 500 characters)")}</label>
                <textarea id=comment_id name="comment" rows="2" maxlength="500" data-test="rate-comment"></textarea>
            </div>
            <button type="submit" class="button" data-test="rate-submit" disabled=move || action.pending().get()>{lang.pick("提交评价", "Send the rating")}</button>
        </ActionForm>
    }
    .into_any()
}

/// A table of the enterprise's inspections.
fn visits_table(
    visits: Vec<EnterpriseInspection>,
    supervision_code: String,
    action: ServerAction<RateInspection>,
    lang: Lang,
    test: &'static str,
) -> AnyView {
    view! {
        <table class="table stack" data-test=test>
            <thead><tr>
                <th>{lang.pick("日期", "Date")}</th>
                <th>{lang.pick("检查机关与事项", "Agency and item")}</th>
                <th>{lang.pick("检查人员", "Officers")}</th>
                <th>{lang.pick("状态与结果", "Status and result")}</th>
            </tr></thead>
            <tbody>
                {visits.into_iter().map(|v| {
                    let form = v.may_rate.then(|| rating_form(&v, supervision_code.clone(), action, lang));
                    view! {
                        <tr data-test="enterprise-visit" data-code=v.code.clone()>
                            <td data-label=lang.pick("日期", "Date")>{v.on.to_string()}</td>
                            <td data-label=lang.pick("检查机关与事项", "Agency and item")>{v.agency.clone()} <br /> {v.item.clone()} <br />
                                <a class="input-code" href=format!("/portal/inspections/verify?code={}", v.code)>{v.code.clone()}</a></td>
                            <td data-label=lang.pick("检查人员", "Officers")>{v.officers.join("、")}</td>
                            <td data-label=lang.pick("状态与结果", "Status and result")>{v.state_label.clone()}
                                {v.outcome_label.clone().map(|o| view! { <br /> <strong>{o}</strong> })}
                                {v.result_note.clone().map(|n| view! { <br /> {n} })}
                                {v.rating.map(|r| view! { <br /> <span data-test="visit-rating">{lang.pick("您的评价：", "Your rating: ")} {r} " / 5"</span> })}
                                {form}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The enterprise's own page, opened by its supervision code (行政执法监督码): every
/// inspection of it on record, those to come, its yearly cap, and the rating of each
/// inspection once it has been told the result.
#[component]
pub fn EnterprisePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let rate = ServerAction::<RateInspection>::new();
    let rated_count = succeeded(move || matches!(rate.value().get(), Some(Ok(_))));
    let record = Resource::new(
        move || (code(), rated_count.get()),
        |(code, _)| async move {
            if code.trim().is_empty() {
                return Ok(None);
            }
            enterprise_records(code).await.map(Some)
        },
    );
    let rate_error = move || action_error(rate.value().get());
    let rated = move || matches!(rate.value().get(), Some(Ok(_)));
    view! {
        <PortalPage title=lang.pick("企业检查记录", "Your inspections").to_owned()>
            <p class="lead">{lang.pick(
                "输入贵企业的行政执法监督码，查看各执法机关对贵企业的检查记录、即将进行的检查和年度检查频次上限，并对已告知结果的检查进行评价。监督码请妥善保管，不要公开张贴。",
                "Enter your enterprise's supervision code to see every inspection of it on record, those to come and the yearly cap, and to rate an inspection once you have been told its result. Keep the code to yourself; do not post it publicly.",
            )}</p>
            <form method="get" action="/portal/enterprise" class="form" data-test="enterprise-form">
                <div class="field">
                    <label for="ent-code">{lang.pick("行政执法监督码", "Supervision code")}</label>
                    <p class="hint" id="ent-code-hint">{lang.pick("JD 开头的 18 位编码，印在监督码二维码下方", "18 characters starting JD, printed under the QR code")}</p>
                    <input id="ent-code" name="code" class="input-code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="ent-code-hint" prop:value=code data-test="enterprise-code" />
                </div>
                <button type="submit" class="button" data-test="enterprise-submit">{lang.pick("查询", "Look up")}</button>
            </form>
            <div class="form-answer" data-test="rate-answer">
                {move || rated().then(|| view! { <p class="alert alert-ok" role="status" data-test="rate-done">{lang.pick("评价已提交，谢谢。", "Thank you: your rating was sent.")}</p> })}
                {move || rate_error().map(error_alert)}
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match record.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(r)) => {
                            let code = code();
                            view! {
                                <section data-test="enterprise-record">
                                    <h2 data-test="enterprise-name">{r.name.clone()}</h2>
                                    <dl class="facts">
                                        <dt>{lang.pick("统一社会信用代码", "Credit code")}</dt><dd>{r.credit_code.clone()}</dd>
                                        <dt>{lang.pick("信用风险等级", "Risk grade")}</dt><dd data-test="enterprise-grade">{r.grade_label.clone()}</dd>
                                        {r.yearly_cap.map(|cap| view! {
                                            <dt>{lang.pick("入企检查频次上限", "Yearly cap on on-site inspections")}</dt>
                                            <dd data-test="enterprise-cap">{match lang {
                                                Lang::Zh => format!("每个执法机关每年不超过 {cap} 次（综合查一次计一次；上级部署的专项检查不计入）"),
                                                Lang::En => format!("at most {cap} a year per agency (a joint visit counts once; special inspections ordered by a superior do not count)"),
                                            }}</dd>
                                        })}
                                    </dl>
                                    <h3>{lang.pick("即将进行的检查", "Inspections to come")}</h3>
                                    {if r.upcoming.is_empty() {
                                        view! { <p data-test="no-upcoming">{lang.pick("暂无。", "None.")}</p> }.into_any()
                                    } else {
                                        visits_table(r.upcoming.clone(), code.clone(), rate, lang, "enterprise-upcoming")
                                    }}
                                    <h3>{lang.pick("检查记录", "Inspections made")}</h3>
                                    {if r.visits.is_empty() {
                                        view! { <p data-test="no-visits">{lang.pick("暂无。", "None.")}</p> }.into_any()
                                    } else {
                                        visits_table(r.visits.clone(), code, rate, lang, "enterprise-visits")
                                    }}
                                    <p><a href="/portal/complaints">{lang.pick("对检查有意见？投诉举报", "Unhappy with an inspection? Complain")}</a></p>
                                </section>
                            }.into_any()
                        }
                        Err(AppError::NotFound(_)) => view! {
                            <p class="alert alert-error" role="status" data-test="enterprise-not-found">{lang.pick(
                                "没有企业持有这个监督码，请核对后重试。",
                                "No enterprise holds this code; check it and try again.",
                            )}</p>
                        }.into_any(),
                        Err(e) => error_alert(e),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}

#[cfg(test)]
mod tests {
    use super::reasons;

    #[test]
    fn a_refusal_splits_into_its_reasons() {
        assert_eq!(
            reasons("检查事项未公布；执法人员王五今日无有效执法证； "),
            vec!["检查事项未公布", "执法人员王五今日无有效执法证"]
        );
        assert_eq!(reasons("One; two"), vec!["One", "two"]);
        assert!(reasons("").is_empty());
    }
}
