//! Complaints, reports and evaluations: the portal form and status page (public, no login), and
//! the supervision side's list where supervisors assign and agency heads handle and answer.

use crate::ui::form::{field_error, invalid, labelled_field_error};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{i18n::Lang, supervision::complaint::ComplaintKind, validate::Field};

use crate::{
    api::{
        AppError,
        supervision::{
            StepComplaint, SubmitComplaint, complaint_agencies, complaint_status, list_complaints,
        },
        supervision_dto::ComplaintView,
    },
    ui::common::{PortalPage, StaffPage, action_error, loaded, use_lang},
};

/// The portal form for complaints, reports and evaluations, and the receipt with the tracking
/// number after filing.
#[component]
pub fn ComplaintForm() -> impl IntoView {
    let lang = use_lang();
    let submit = ServerAction::<SubmitComplaint>::new();
    let agencies = Resource::new(|| (), |_| complaint_agencies());
    // Opened from an agency's page (`?agency=CODE`): that agency is chosen.
    let query = use_query_map();
    let preset = query.read_untracked().get("agency").unwrap_or_default();
    let error = Signal::derive(move || action_error(submit.value().get()));
    let receipt = move || submit.value().get().and_then(Result::ok);
    // Filed: the form goes (a second tap has nothing to press) and the receipt takes its place.
    let filed = Memo::new(move |_| receipt().is_some());
    // The answer is where the user looks (issue 22 item 2): focus moves to the receipt or the
    // error, which scrolls it into view on a phone.
    let answer = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if submit.value().get().is_some() {
            request_animation_frame(move || {
                if let Some(el) = answer.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    view! {
        <PortalPage title=lang.pick("投诉举报与评议", "Complaints, reports and evaluations").to_owned()>
            <p class="lead">{lang.pick(
                "对行政执法行为或执法机关有意见，可以在这里投诉、举报或评议。执法监督机构（司法局）收到后分办至有关机关，并在规定期限内答复。您的姓名和电话只用于联系您，不会公开。",
                "Tell us about an enforcement action or agency: file a complaint, a report or an evaluation. The supervision body (justice bureau) assigns it to the agency concerned and a reply follows within the time limit. Your name and phone are used only to contact you and are never published.",
            )}</p>
            <p><a href="/portal/complaints/status" data-test="status-link">{lang.pick("已提交？按受理编号查询办理进度", "Already filed? Look up its progress by tracking number")}</a></p>
            <div class="form-answer" tabindex="-1" node_ref=answer data-test="form-answer">
                {move || receipt().map(|r| view! {
                    <div class="alert alert-ok" role="status" data-test="complaint-receipt">
                        <h2>{lang.pick("已受理", "Received")}</h2>
                        <p>{lang.pick("受理编号（请妥善保存，凭此查询进度）：", "Tracking number (keep it: it opens the status page): ")}
                            <strong class="input-code" data-test="tracking-no">{r.tracking_no.clone()}</strong></p>
                        <p>{lang.pick("答复期限：", "Reply due by: ")} {r.reply_by.to_string()}</p>
                        <p><a href=format!("/portal/complaints/status?no={}", r.tracking_no) data-test="receipt-status-link">{lang.pick("查看办理进度", "See its progress")}</a></p>
                        <p><a href="/portal/complaints" rel="external" data-test="complaint-another">{lang.pick("提交另一件", "File another")}</a></p>
                    </div>
                })}
                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            </div>
            <div hidden=move || filed.get() data-test="complaint-form-wrap">
            <ActionForm action=submit attr:class="form" attr:data-test="complaint-form">
                <fieldset>
                    <legend>{lang.pick("类别", "Kind")}</legend>
                    {ComplaintKind::ALL.into_iter().map(|k| view! {
                        <label class="check"><input type="radio" name="form[kind]" value=k.as_str() checked=k == ComplaintKind::Complaint data-test=format!("kind-{}", k.as_str()) />{k.label(lang)}</label>
                    }).collect_view()}
                    {field_error(error, Field::ComplaintKind)}
                </fieldset>
                <div class="field">
                    <label for="c-agency">{lang.pick("涉及的执法机关", "Agency concerned")}</label>
                    <select id="c-agency" name="form[agency]" data-test="complaint-agency" aria-invalid=invalid(error, Field::Agency)>
                        <option value="">{lang.pick("请选择", "Choose")}</option>
                        {loaded(agencies, move |list| list.into_iter().map(|(code, name)| {
                            let selected = code == preset;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view())}
                    </select>
                    {labelled_field_error(error, Field::Agency, lang.pick("涉及的执法机关", "Agency concerned"))}
                </div>
                <div class="field">
                    <label for="c-case">{lang.pick("案件或决定书编号（如知道）", "Case or decision number (if known)")}</label>
                    <input id="c-case" name="form[case_number]" data-test="complaint-case" aria-invalid=invalid(error, Field::CaseNumber) />
                    {field_error(error, Field::CaseNumber)}
                </div>
                <div class="field">
                    <label for="c-subject">{lang.pick("标题", "Subject")}</label>
                    <input id="c-subject" name="form[subject]" maxlength="100" data-test="complaint-subject" aria-invalid=invalid(error, Field::ComplaintSubject) />
                    {field_error(error, Field::ComplaintSubject)}
                </div>
                <div class="field">
                    <label for="c-content">{lang.pick("具体内容（10–2000 字）", "What happened (10–2,000 characters)")}</label>
                    <textarea id="c-content" name="form[content]" rows="6" data-test="complaint-content" aria-invalid=invalid(error, Field::ComplaintContent)></textarea>
                    {field_error(error, Field::ComplaintContent)}
                </div>
                <div class="field">
                    <label for="c-rating">{lang.pick("评价（仅评议填写）", "Rating (evaluations only)")}</label>
                    <select id="c-rating" name="form[rating]" data-test="complaint-rating" aria-invalid=invalid(error, Field::Rating)>
                        <option value="">"—"</option>
                        <option value="5">{lang.pick("5 非常满意", "5 very satisfied")}</option>
                        <option value="4">{lang.pick("4 满意", "4 satisfied")}</option>
                        <option value="3">{lang.pick("3 基本满意", "3 fair")}</option>
                        <option value="2">{lang.pick("2 不满意", "2 dissatisfied")}</option>
                        <option value="1">{lang.pick("1 非常不满意", "1 very dissatisfied")}</option>
                    </select>
                    {field_error(error, Field::Rating)}
                </div>
                <div class="field">
                    <label for="c-name">{lang.pick("您的姓名（举报、评议可不填）", "Your name (optional for reports and evaluations)")}</label>
                    <input id="c-name" name="form[contact_name]" autocomplete="name" data-test="complaint-name" aria-invalid=invalid(error, Field::ContactName) />
                    {field_error(error, Field::ContactName)}
                </div>
                <div class="field">
                    <label for="c-phone">{lang.pick("联系电话（投诉必填）", "Your phone (required for complaints)")}</label>
                    <input id="c-phone" name="form[contact_phone]" type="tel" autocomplete="tel" data-test="complaint-phone" aria-invalid=invalid(error, Field::ContactPhone) />
                    {field_error(error, Field::ContactPhone)}
                </div>
                <button type="submit" class="button" data-test="complaint-submit" disabled=move || submit.pending().get()>{lang.pick("提交", "Submit")}</button>
            </ActionForm>
            </div>
        </PortalPage>
    }
}

/// The status of a complaint by its tracking number (`?no=`): no content, no contact data.
#[component]
pub fn ComplaintStatus() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let number = move || query.read().get("no").unwrap_or_default();
    let found = Resource::new(number, |no| async move {
        if no.trim().is_empty() {
            return Ok(None);
        }
        complaint_status(no).await.map(Some)
    });
    view! {
        <PortalPage title=lang.pick("投诉举报办理进度", "Complaint status").to_owned()>
            <form method="get" action="/portal/complaints/status" class="form" data-test="status-form">
                <div class="field">
                    <label for="status-no">{lang.pick("受理编号", "Tracking number")}</label>
                    <input id="status-no" name="no" class="input-code" autocomplete="off" prop:value=number data-test="status-no" />
                </div>
                <button type="submit" class="button" data-test="status-submit">{lang.pick("查询", "Look up")}</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(c)) => view! {
                            <section class="card" data-test="complaint-status" data-status=c.status.clone()>
                                <h2>{c.kind_label.clone()} "：" {c.subject.clone()}</h2>
                                <dl class="facts">
                                    <dt>{lang.pick("受理编号", "Tracking number")}</dt><dd>{c.tracking_no.clone()}</dd>
                                    <dt>{lang.pick("涉及机关", "Agency concerned")}</dt><dd>{c.agency.clone()}</dd>
                                    <dt>{lang.pick("受理日期", "Received on")}</dt><dd>{c.received_on.to_string()}</dd>
                                    <dt>{lang.pick("办理状态", "Status")}</dt><dd data-test="status-label">{c.status_label.clone()}</dd>
                                    {c.assigned_to.clone().map(|a| view! { <dt>{lang.pick("承办机关", "Handled by")}</dt><dd>{a}</dd> })}
                                    <dt>{lang.pick("答复期限", "Reply due by")}</dt><dd>{c.reply_by.to_string()}</dd>
                                    {c.answered_on.map(|d| view! { <dt>{lang.pick("答复日期", "Answered on")}</dt><dd>{d.to_string()}</dd> })}
                                    {c.reply.clone().map(|r| view! { <dt>{lang.pick("答复意见", "Reply")}</dt><dd data-test="status-reply">{r}</dd> })}
                                </dl>
                            </section>
                        }.into_any(),
                        Err(AppError::NotFound(_)) => view! {
                            <p class="alert alert-error" role="status" data-test="status-not-found">{lang.pick("未找到该受理编号，请核对后重试。", "No complaint has this tracking number; check it and try again.")}</p>
                        }.into_any(),
                        Err(e) => view! { <p class="alert alert-error" role="alert" data-test="status-error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}

fn step_form(
    c: &ComplaintView,
    action: ServerAction<StepComplaint>,
    kind: &'static str,
    label: &'static str,
    button: &'static str,
) -> AnyView {
    let cid = c.id;
    let id = format!("complaint-{cid}-{kind}");
    view! {
        <ActionForm action=action attr:class="form" attr:data-test=format!("complaint-{kind}-form")>
            <input type="hidden" name="complaint_id" value=cid />
            <input type="hidden" name="step" value=kind />
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea id=id name="text" rows="3" data-test=format!("complaint-{kind}-text")></textarea>
            </div>
            <button type="submit" class="button" data-test=format!("complaint-{kind}-submit")>{button}</button>
        </ActionForm>
    }
    .into_any()
}

fn assign_form(c: &ComplaintView, action: ServerAction<StepComplaint>, lang: Lang) -> AnyView {
    let cid = c.id;
    let id = format!("complaint-{cid}-agency");
    let options = c.agencies.clone();
    let current = c.agency.clone();
    view! {
        <ActionForm action=action attr:class="form form-inline" attr:data-test="complaint-assign-form">
            <input type="hidden" name="complaint_id" value=cid />
            <input type="hidden" name="step" value="assign" />
            <div class="field">
                <label for=id.clone()>{lang.pick("分办至", "Assign to")}</label>
                <select id=id name="agency" data-test="complaint-assign-agency">
                    {options.into_iter().map(|a| { let selected = a.name == current; view! { <option value=a.id selected=selected>{a.name}</option> } }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button" data-test="complaint-assign-submit">{lang.pick("分办", "Assign")}</button>
        </ActionForm>
    }
    .into_any()
}

fn complaint_card(c: ComplaintView, action: ServerAction<StepComplaint>, lang: Lang) -> AnyView {
    let contact = match (&c.contact_name, &c.contact_phone) {
        (None, None) => lang.pick("匿名", "Anonymous").to_owned(),
        (n, p) => format!(
            "{} {}",
            n.clone().unwrap_or_default(),
            p.clone().unwrap_or_default()
        ),
    };
    let badge = if c.overdue {
        "badge badge-bad"
    } else {
        "badge"
    };
    view! {
        <article class="card complaint" data-test="complaint" data-status=c.status.clone() data-tracking=c.tracking_no.clone()>
            <h2>{c.kind_label.clone()} "：" {c.subject.clone()}</h2>
            <p class="meta">{c.tracking_no.clone()} " · " {c.agency.clone()} " · "
                <span class=badge data-test="complaint-status">{c.status_label.clone()}</span>
                " · " {lang.pick("答复期限 ", "Reply due ")} {c.reply_by.to_string()}
                {c.overdue.then(|| view! { " " <span class="badge badge-bad" data-test="complaint-overdue">{lang.pick("已超期", "Overdue")}</span> })}</p>
            <dl class="facts">
                <dt>{lang.pick("具体内容", "What happened")}</dt><dd>{c.content.clone()}</dd>
                {c.case_number.clone().map(|n| view! { <dt>{lang.pick("涉及案件", "Case")}</dt><dd>{n}</dd> })}
                {c.rating.map(|r| view! { <dt>{lang.pick("评价", "Rating")}</dt><dd>{r} " / 5"</dd> })}
                <dt>{lang.pick("联系人（不公开）", "Contact (never published)")}</dt><dd data-test="complaint-contact">{contact}</dd>
                {c.assigned_to.clone().map(|a| view! { <dt>{lang.pick("承办机关", "Assigned to")}</dt><dd data-test="complaint-assigned">{a} <span class="muted">"（" {c.assigned_by.clone().unwrap_or_default()} "）"</span></dd> })}
                {c.handling_note.clone().map(|n| view! { <dt>{lang.pick("办理情况", "Handling")}</dt><dd>{n} <span class="muted">"（" {c.handled_by.clone().unwrap_or_default()} "）"</span></dd> })}
                {c.reply.clone().map(|r| view! { <dt>{lang.pick("答复意见", "Reply")}</dt><dd data-test="complaint-reply">{r} <span class="muted">"（" {c.replied_by.clone().unwrap_or_default()} " · " {c.answered_on.map(|d| d.to_string()).unwrap_or_default()} "）"</span></dd> })}
            </dl>
            {c.can_assign.then(|| assign_form(&c, action, lang))}
            {c.can_handle.then(|| step_form(&c, action, "handle", lang.pick("办理情况", "How it is being handled"), lang.pick("记录办理情况", "Record")))}
            {c.can_reply.then(|| step_form(&c, action, "reply", lang.pick("答复意见（投诉人可见）", "Reply (the complainant sees it)"), lang.pick("答复", "Send the reply")))}
        </article>
    }
    .into_any()
}

/// The complaints the user handles: unanswered first, by reply deadline.
#[component]
pub fn ComplaintList() -> impl IntoView {
    let lang = use_lang();
    let step = ServerAction::<StepComplaint>::new();
    let list = Resource::new(move || step.version().get(), |_| list_complaints());
    let error = Signal::derive(move || action_error(step.value().get()));
    view! {
        <StaffPage title=lang.pick("投诉举报与评议", "Complaints and evaluations").to_owned()>
            <p class="muted">{lang.pick(
                "监督机构在 3 个工作日内分办，承办机关在受理之日起 15 个工作日内答复（期限按本地规定可配置）。每一步都记入审计日志。",
                "The supervision body assigns within 3 working days; the agency replies within 15 working days of receipt (local limits, configurable). Every step is recorded in the audit log.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-complaints">{lang.pick("暂无投诉举报。", "There are no complaints.")}</p> }.into_any();
                }
                items.into_iter().map(|c| complaint_card(c, step, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}
