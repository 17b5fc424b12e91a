//! The clue intake queue (案源登记): each clue says how it came to its queue (named by the
//! sender, routed by an agency's matter, sent back, assigned); an agency's staff send back a
//! clue outside its powers, the supervision body's supervisors assign what waits for them.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, role::Role};

use crate::{
    api::{
        clues::{AssignClue, ReturnClue, list_clues},
        dto::{AgencyView, ClueView},
    },
    ui::common::{
        StaffPage, action_error, agency_options, enforcement_agencies, loaded, urlencode, use_lang,
    },
};

/// Clues received for the user's agency (or region), newest first.
#[component]
pub fn ClueQueue() -> impl IntoView {
    let lang = use_lang();
    let send_back = ServerAction::<ReturnClue>::new();
    let assign = ServerAction::<AssignClue>::new();
    let clues = Resource::new(
        move || (send_back.version().get(), assign.version().get()),
        |_| list_clues(),
    );
    // The agencies a supervisor may assign to: the enforcement agencies of the region.
    // (Loaded for every reader: who is signed in is known only inside the staff page.)
    let agencies = enforcement_agencies();
    let error = Signal::derive(move || {
        action_error(send_back.value().get()).or_else(|| action_error(assign.value().get()))
    });
    view! {
        <StaffPage title=lang.pick("案源登记", "Clue intake").to_owned()>
            <p class="muted">{lang.pick(
                "未指明承办机关的 12345 热线和网格线索，按各机关权责清单中的事项和关键词自动分拨；不能确定的，由司法局（行政执法监督机构）分拨。承办机关认为不属本机关职责的，可说明理由退回。每一步都记入审计日志。",
                "Hotline and grid clues that name no agency are routed by the matters and words of the agencies' powers lists; what cannot be decided is assigned by the justice bureau (the supervision body). An agency may send back, with its reason, a clue outside its powers. Every step is recorded in the audit log.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {loaded(clues, move |list| {
                let officer = use_context::<crate::api::dto::Me>()
                    .is_some_and(|me| me.role == Role::Officer);
                if list.is_empty() {
                    return view! {
                        <p class="muted" data-test="clues-empty">{lang.pick("暂无案源。", "No clues yet.")}</p>
                    }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("案源列表", "Clues")>
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
                            {list.into_iter().map(|c| clue_row(c, officer, send_back, assign, agencies, lang)).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            })}
        </StaffPage>
    }
}

fn clue_row(
    c: ClueView,
    officer: bool,
    send_back: ServerAction<ReturnClue>,
    assign: ServerAction<AssignClue>,
    agencies: Resource<Result<Vec<AgencyView>, crate::api::AppError>>,
    lang: Lang,
) -> impl IntoView {
    let status = match c.status.as_str() {
        "pending" => lang.pick("待处理", "Pending"),
        "to_assign" => lang.pick("待监督机构分拨", "To be assigned"),
        "registered" => lang.pick("已登记为案件", "Registered as a case"),
        _ => lang.pick("不予立案", "Declined"),
    };
    let register = (officer && c.status == "pending").then(|| {
        format!(
            "/work/cases/new?clue={}&title={}&description={}&location={}",
            c.id,
            urlencode(&c.title),
            urlencode(&c.description),
            urlencode(&c.location)
        )
    });
    let id = c.id;
    let reference = c.reference.clone();
    let reference_attr = c.reference.clone();
    view! {
        <tr data-test="clue" data-reference=reference_attr data-status=c.status.clone()>
            <td>{c.received_at.chars().take(16).collect::<String>().replace('T', " ")}</td>
            <td>{c.source.label(lang)} <br/><span class="muted nowrap">{reference}</span></td>
            <td><strong>{c.title}</strong><br/><span class="muted">{c.description}</span></td>
            <td>{c.location}</td>
            <td><span data-test="clue-agency">{c.agency.name}</span>
                <br/><span class="muted" data-test="clue-routing" data-by=c.routing.by.as_str()>{c.routing.explanation}</span></td>
            <td>{c.reporter_name.unwrap_or_default()} " " {c.reporter_phone.unwrap_or_default()}</td>
            <td><span class="badge badge-warn" data-test="clue-status">{status}</span>
                {register.map(|href| view! { <br/><a href=href data-test="register-clue">{lang.pick("登记为案件", "Register as a case")}</a> })}
                {c.can_return.then(|| view! {
                    <details class="clue-action">
                        <summary data-test="clue-return-open">{lang.pick("不属本机关职责，退回", "Not ours: send back")}</summary>
                        <ActionForm action=send_back attr:class="form" attr:data-test="clue-return-form">
                            <input type="hidden" name="id" value=id />
                            <div class="field">
                                <label for=format!("clue-{id}-reason")>{lang.pick("退回理由（监督机构和报送方可见）", "Why (the supervision body sees it)")}</label>
                                <textarea id=format!("clue-{id}-reason") name="reason" rows="3" required data-test="clue-return-reason"></textarea>
                            </div>
                            <button type="submit" class="button button-secondary" data-test="clue-return-submit">{lang.pick("退回监督机构", "Send back")}</button>
                        </ActionForm>
                    </details>
                })}
                {c.can_assign.then(|| view! {
                    <ActionForm action=assign attr:class="form clue-action" attr:data-test="clue-assign-form">
                        <input type="hidden" name="id" value=id />
                        <div class="field">
                            <label for=format!("clue-{id}-agency")>{lang.pick("分拨至", "Assign to")}</label>
                            <select id=format!("clue-{id}-agency") name="agency" required data-test="clue-assign-agency">
                                <option value="">{lang.pick("（请选择）", "(choose)")}</option>
                                <Suspense fallback=|| ()>
                                    {agency_options(agencies, None)}
                                </Suspense>
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("clue-{id}-note")>{lang.pick("分拨说明（可不填）", "Note (optional)")}</label>
                            <input id=format!("clue-{id}-note") name="note" type="text" maxlength="500" data-test="clue-assign-note" />
                        </div>
                        <button type="submit" class="button" data-test="clue-assign-submit">{lang.pick("分拨", "Assign")}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
