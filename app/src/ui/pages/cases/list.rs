//! The case list with its filters and deadline badges.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{case::CaseState, i18n::Lang};

use super::{DeadlineBadgeView, state_badge};
use crate::{
    api::{case_dto::CaseFilter, cases::list_cases},
    ui::common::{StaffPage, loaded, use_lang},
};

fn filter_form(f: CaseFilter, states: Vec<(String, String)>, lang: Lang) -> impl IntoView {
    view! {
            <form method="get" class="filters" data-test="case-filters" role="search">
                <label>{lang.pick("状态", "State")} " "
                    <select name="state" data-test="filter-state">
                        {states.into_iter().map(|(v, l)| { let sel = v == f.state; view! { <option value=v.clone() selected=sel>{l}</option> } }).collect_view()}
                    </select>
                </label>
                <label>{lang.pick("期限", "Deadline")} " "
                    <select name="deadline" data-test="filter-deadline">
                        {[("", lang.pick("全部", "All")), ("overdue", lang.pick("已逾期", "Overdue")), ("approaching", lang.pick("即将到期", "Due soon")), ("ok", lang.pick("正常", "On track"))]
                            .into_iter().map(|(v, l)| { let sel = v == f.deadline; view! { <option value=v selected=sel>{l}</option> } }).collect_view()}
                    </select>
                </label>
                <label>{lang.pick("承办人编号", "Officer id")} " "<input name="officer" size="4" value=f.officer.clone() data-test="filter-officer" /></label>
                <label>{lang.pick("搜索", "Search")} " "<input name="q" type="search" value=f.q.clone() data-test="filter-q" /></label>
                <button type="submit">{lang.pick("筛选", "Filter")}</button>
            </form>
    }
}

/// The case list.
#[component]
pub fn CaseList() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || {
        let q = query.get();
        CaseFilter {
            state: q.get("state").unwrap_or_default(),
            officer: q.get("officer").unwrap_or_default(),
            deadline: q.get("deadline").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
        }
    };
    let cases = Resource::new(filter, list_cases);
    let f = filter();
    let states: Vec<(String, String)> = std::iter::once((
        String::new(),
        lang.pick("全部状态", "All states").to_owned(),
    ))
    .chain(
        CaseState::ALL
            .into_iter()
            .skip(1)
            .map(|s| (s.as_str().to_owned(), s.label(lang).to_owned())),
    )
    .collect();
    view! {
        <StaffPage title=lang.pick("案件办理", "Cases").to_owned()>
            <p class="actions">
                <a class="button" href="/work/cases/new" data-test="new-case">{lang.pick("登记案源", "Register a case")}</a>
                " "
                <a class="button" href="/work/cases/summary" data-test="summary-case">{lang.pick("当场处罚（简易程序）", "On-the-spot decision")}</a>
            </p>
            {filter_form(f.clone(), states.clone(), lang)}
            {loaded(cases, move |list| {
                if list.is_empty() {
                    return view! { <p class="muted" data-test="cases-empty">{lang.pick("没有符合条件的案件。", "No cases match.")}</p> }.into_any();
                }
                view! {
                    <table class="table" data-test="case-table">
                        <thead><tr>
                            <th scope="col">{lang.pick("案号", "Number")}</th>
                            <th scope="col">{lang.pick("案由", "Case")}</th>
                            <th scope="col">{lang.pick("当事人", "Party")}</th>
                            <th scope="col">{lang.pick("状态", "State")}</th>
                            <th scope="col">{lang.pick("承办人", "Officers")}</th>
                            <th scope="col">{lang.pick("期限", "Deadline")}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| view! {
                                <tr data-test="case-row">
                                    <td><a href=format!("/work/cases/{}", c.id)>{c.number}</a></td>
                                    <td><strong>{c.title}</strong><br/><span class="muted">{c.procedure.label(lang)} " · " {c.agency.name}</span></td>
                                    <td>{c.party.unwrap_or_default()}</td>
                                    <td>{state_badge(c.state, lang)}</td>
                                    <td>{c.officers.join("、")}</td>
                                    <td>{c.deadline.map(|b| view! { <DeadlineBadgeView badge=b /> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </StaffPage>
    }
}
