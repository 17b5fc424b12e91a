//! The case page: head, next steps, tabs.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    DeadlineBadgeView,
    documents::documents_tab,
    evidence::evidence_tab,
    overview::overview_tab,
    parties::parties_tab,
    remedies::RemediesTab,
    state_badge,
    steps::{staffing_form, step_form},
};
use crate::{
    api::{
        case_dto::CaseDetail,
        cases::{AddParty, ChangeStaffing, TakeStep, get_case},
        documents::IssueDocument,
    },
    ui::common::{StaffPage, action_error, id_param, loaded, use_lang},
};

/// The case page.
#[component]
pub fn CasePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let id = id_param();
    let step = ServerAction::<TakeStep>::new();
    let party = ServerAction::<AddParty>::new();
    let staffing = ServerAction::<ChangeStaffing>::new();
    let issue = ServerAction::<IssueDocument>::new();
    let case = Resource::new(
        move || {
            (
                id(),
                step.version().get(),
                party.version().get(),
                staffing.version().get(),
                issue.version().get(),
            )
        },
        |(id, ..)| get_case(id),
    );
    let staffing_error = Signal::derive(move || action_error(staffing.value().get()));
    let step_error = Signal::derive(move || action_error(step.value().get()));
    let party_error = Signal::derive(move || action_error(party.value().get()));
    let issue_error = Signal::derive(move || action_error(issue.value().get()));
    let tab = move || query.get().get("tab").unwrap_or_else(|| "overview".into());
    let upload_error = move || query.get().get("error");
    view! {
        <StaffPage title=lang.pick("案件", "Case").to_owned()>
            {loaded(case, move |c: CaseDetail| {
                let s = c.summary.clone();
                let base = format!("/work/cases/{}", s.id);
                let tabs = [
                    ("overview", lang.pick("概况与时间线", "Overview and timeline")),
                    ("parties", lang.pick("当事人", "Parties")),
                    ("evidence", lang.pick("证据", "Evidence")),
                    ("records", lang.pick("笔录", "Records")),
                    ("documents", lang.pick("文书", "Documents")),
                    ("remedies", lang.pick("复议诉讼", "Challenges")),
                ];
                let current = tab();
                let staffing_view = if c.can_change_staffing {
                    Some(staffing_form(&c, staffing, staffing_error, lang))
                } else {
                    None
                };
                let body = match current.as_str() {
                    "parties" => parties_tab(&c, party, party_error, lang).into_any(),
                    "evidence" => evidence_tab(&c, c.evidence.clone(), false, upload_error(), lang).into_any(),
                    "records" => evidence_tab(&c, c.records.clone(), true, upload_error(), lang).into_any(),
                    "documents" => documents_tab(&c, issue, issue_error, lang).into_any(),
                    "remedies" => view! { <RemediesTab case_id=s.id /> }.into_any(),
                    _ => overview_tab(&c, lang).into_any(),
                };
                view! {
                    <header class="case-head" data-test="case-head">
                        <p class="muted" data-test="case-number">{s.number.clone()} " · " {s.procedure.label(lang)} " · " {s.agency.name.clone()}</p>
                        <h2 data-test="case-title">{s.title.clone()}</h2>
                        <p>{state_badge(s.state, lang)} " " {s.deadline.map(|b| view! { <DeadlineBadgeView badge=b /> })}
                           {c.major.then(|| view! { " " <span class="badge badge-bad">{lang.pick("重大案件", "Major case")}</span> })}</p>
                        {c.state_reason.clone().map(|r| view! { <p class="alert" data-test="state-reason">{r}</p> })}
                    </header>
                    <section class="next-steps" aria-labelledby="next-steps-h" data-test="next-steps">
                        <h2 id="next-steps-h">{lang.pick("可办理的环节", "Next steps")}</h2>
                        {move || step_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                        {(!c.waiting.is_empty()).then(|| view! {
                            <ul class="waiting" data-test="waiting-steps">
                                {c.waiting.iter().map(|w| view! {
                                    <li data-test=format!("waiting-{}", crate::api::case_dto_code(&w.kind))>
                                        <strong>{w.kind.label(lang)}</strong> "：" {w.reason.clone()}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        {if c.actions.is_empty() && c.waiting.is_empty() {
                            // Who acts next, when it is not this user (issue 22 item 4).
                            let holders = tianping_domain::case::holders(s.state, s.procedure)
                                .into_iter()
                                .map(|r| r.label(lang))
                                .collect::<Vec<_>>();
                            let next = if holders.is_empty() {
                                lang.pick("本案已办结，没有待办理的环节。", "The case is finished: no step remains.").to_owned()
                            } else {
                                match lang {
                                    tianping_domain::i18n::Lang::Zh => format!("您当前没有可办理的环节，下一步由{}办理。", holders.join("或")),
                                    tianping_domain::i18n::Lang::En => format!("There is no step for you to take now; the next one is for the {}.", holders.join(" or ").to_lowercase()),
                                }
                            };
                            view! { <p class="muted" data-test="no-actions">{next}</p> }.into_any()
                        } else {
                            c.actions.iter().map(|k| step_form(*k, &c, step, step_error, lang)).collect_view().into_any()
                        }}
                        {staffing_view}
                    </section>
                    <nav class="tabs" aria-label=lang.pick("案件信息", "Case information")>
                        {tabs.into_iter().map(|(key, label)| {
                            let here = (key == current).then_some("page");
                            view! { <a href=format!("{base}?tab={key}") aria-current=here data-test=format!("tab-{key}")>{label}</a> }
                        }).collect_view()}
                    </nav>
                    {body}
                }
            })}
        </StaffPage>
    }
}
