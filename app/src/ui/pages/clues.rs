//! The clue intake queue (案源登记).

use leptos::prelude::*;

use crate::{
    api::clues::list_clues,
    ui::common::{StaffPage, loaded, urlencode, use_lang},
};

/// Clues received for the user's agency (or region), newest first.
#[component]
pub fn ClueQueue() -> impl IntoView {
    let lang = use_lang();
    let clues = Resource::new(|| (), |_| list_clues());
    view! {
        <StaffPage title=lang.pick("案源登记", "Clue intake").to_owned()>
            {loaded(clues, move |list| {
                        let officer = use_context::<crate::api::dto::Me>()
                            .is_some_and(|me| me.role == tianping_domain::role::Role::Officer);
                        if list.is_empty() {
                            return view! {
                                <p class="muted" data-test="clues-empty">{lang.pick("暂无案源。", "No clues yet.")}</p>
                            }.into_any();
                        }
                        view! {
                            <table class="table" data-test="clue-table">
                                <thead><tr>
                                    <th scope="col">{lang.pick("接收时间", "Received")}</th>
                                    <th scope="col">{lang.pick("渠道", "Source")}</th>
                                    <th scope="col">{lang.pick("标题", "Title")}</th>
                                    <th scope="col">{lang.pick("地点", "Location")}</th>
                                    <th scope="col">{lang.pick("承办机关", "Agency")}</th>
                                    <th scope="col">{lang.pick("反映人", "Reporter")}</th>
                                    <th scope="col">{lang.pick("状态", "Status")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|c| {
                                        let status = match c.status.as_str() {
                                            "pending" => lang.pick("待处理", "Pending"),
                                            "registered" => lang.pick("已登记为案件", "Registered as a case"),
                                            _ => lang.pick("不予立案", "Declined"),
                                        };
                                        let register = (officer && c.status == "pending").then(|| format!(
                                            "/work/cases/new?clue={}&title={}&description={}&location={}",
                                            c.id, urlencode(&c.title), urlencode(&c.description), urlencode(&c.location)
                                        ));
                                        view! {
                                            <tr>
                                                <td>{c.received_at.chars().take(16).collect::<String>().replace('T', " ")}</td>
                                                <td>{c.source.label(lang)} <br/><span class="muted">{c.reference}</span></td>
                                                <td><strong>{c.title}</strong><br/><span class="muted">{c.description}</span></td>
                                                <td>{c.location}</td>
                                                <td>{c.agency.name}</td>
                                                <td>{c.reporter_name.unwrap_or_default()} " " {c.reporter_phone.unwrap_or_default()}</td>
                                                <td><span class="badge badge-warn">{status}</span>
                                                    {register.map(|href| view! { <br/><a href=href data-test="register-clue">{lang.pick("登记为案件", "Register as a case")}</a> })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
            })}
        </StaffPage>
    }
}
