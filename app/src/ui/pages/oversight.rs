//! Interviews (约谈) and circulars (通报) of the supervision body (issue 24 item 3): the
//! supervisors record and issue them; the agencies' heads read theirs; public circulars are on
//! the portal (`/portal/circulars`).

use leptos::prelude::*;
use tianping_domain::{
    i18n::Lang,
    supervision::oversight::{CircularScope, FollowUp},
};

use crate::{
    api::{
        supervision::{
            FollowUpInterview, IssueCircular, RecordInterview, list_circulars, list_interviews,
            public_circulars,
        },
        supervision_dto::{CircularView, InterviewView},
    },
    ui::common::{
        PortalPage, StaffPage, action_error, agency_options, enforcement_agencies, is_supervisor,
        loaded, use_lang,
    },
};

/// The staff page: forms for supervisors, then the interviews and circulars.
#[component]
pub fn OversightPage() -> impl IntoView {
    let lang = use_lang();
    let record = ServerAction::<RecordInterview>::new();
    let follow = ServerAction::<FollowUpInterview>::new();
    let issue = ServerAction::<IssueCircular>::new();
    let interviews = Resource::new(
        move || (record.version().get(), follow.version().get()),
        |_| list_interviews(),
    );
    let circulars = Resource::new(move || issue.version().get(), |_| list_circulars());
    // Who is signed in is known only inside the staff page (it provides `Me`).
    let agencies = enforcement_agencies();
    let error = Signal::derive(move || {
        action_error(record.value().get())
            .or_else(|| action_error(follow.value().get()))
            .or_else(|| action_error(issue.value().get()))
    });
    let options = agency_options(agencies, None);
    view! {
        <StaffPage title=lang.pick("约谈与通报", "Interviews and circulars").to_owned()>
            <p class="muted">{lang.pick(
                "行政执法监督机构对问题突出的机关负责人进行约谈，记录参加人员、约谈事由和整改承诺，并按期回访；通报分内部通报和公开通报，公开通报在门户网站发布（自动隐去身份证号、电话和住址）。每一步都记入审计日志。",
                "The supervision body interviews the heads of agencies with serious problems, records who took part, why and what was committed to, and follows up by a set day; circulars are internal or public, public ones are published on the portal (ID numbers, phones and addresses masked). Every step is recorded in the audit log.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {move || is_supervisor().then(|| view! {
                <details class="panel" data-test="interview-new">
                    <summary>{lang.pick("记录约谈", "Record an interview")}</summary>
                    <ActionForm action=record attr:class="form" attr:data-test="interview-form">
                        <div class="field">
                            <label for="iv-agency">{lang.pick("约谈机关", "Agency interviewed")}</label>
                            <select id="iv-agency" name="agency" required data-test="iv-agency">
                                <option value="">{lang.pick("（请选择）", "(choose)")}</option>
                                <Suspense fallback=|| ()>{options}</Suspense>
                            </select>
                        </div>
                        <div class="field">
                            <label for="iv-held">{lang.pick("约谈日期", "Day of the interview")}</label>
                            <input id="iv-held" name="held_on" type="date" required data-test="iv-held" />
                        </div>
                        <div class="field">
                            <label for="iv-people">{lang.pick("参加人员（每行一人，写明单位和职务）", "Participants (one per line, with their post)")}</label>
                            <textarea id="iv-people" name="participants" rows="3" required data-test="iv-people"></textarea>
                        </div>
                        <div class="field">
                            <label for="iv-reasons">{lang.pick("约谈事由", "Reasons")}</label>
                            <textarea id="iv-reasons" name="reasons" rows="3" required data-test="iv-reasons"></textarea>
                        </div>
                        <div class="field">
                            <label for="iv-commit">{lang.pick("整改承诺（可在回访时补充）", "Commitments (may follow)")}</label>
                            <textarea id="iv-commit" name="commitments" rows="3" data-test="iv-commit"></textarea>
                        </div>
                        <div class="field">
                            <label for="iv-follow">{lang.pick("回访日期", "Follow-up day")}</label>
                            <input id="iv-follow" name="follow_up_on" type="date" required data-test="iv-follow" />
                        </div>
                        <button type="submit" class="button" data-test="iv-submit">{lang.pick("记录约谈", "Record")}</button>
                    </ActionForm>
                </details>
                <details class="panel" data-test="circular-new">
                    <summary>{lang.pick("发布通报", "Issue a circular")}</summary>
                    <ActionForm action=issue attr:class="form" attr:data-test="circular-form">
                        <div class="field">
                            <label for="ci-title">{lang.pick("标题", "Title")}</label>
                            <input id="ci-title" name="title" type="text" required maxlength="100" data-test="ci-title" />
                        </div>
                        <div class="field">
                            <label for="ci-body">{lang.pick("正文", "Text")}</label>
                            <textarea id="ci-body" name="body" rows="6" required data-test="ci-body"></textarea>
                        </div>
                        <fieldset class="field">
                            <legend>{lang.pick("通报范围", "Scope")}</legend>
                            <label><input type="radio" name="scope" value="internal" checked data-test="ci-internal" /> {CircularScope::Internal.label(lang)}</label>
                            <label><input type="radio" name="scope" value="public" data-test="ci-public" /> {CircularScope::Public.label(lang)}{lang.pick("（在门户网站发布）", " (on the portal)")}</label>
                        </fieldset>
                        <div class="field">
                            <label for="ci-agency">{lang.pick("涉及机关（可不选）", "Agency concerned (optional)")}</label>
                            <select id="ci-agency" name="agency" data-test="ci-agency">
                                <option value="">{lang.pick("（不指定）", "(none)")}</option>
                                <Suspense fallback=|| ()>{options}</Suspense>
                            </select>
                        </div>
                        <button type="submit" class="button" data-test="ci-submit">{lang.pick("发布通报", "Issue")}</button>
                    </ActionForm>
                </details>
            })}
            <h2>{lang.pick("约谈", "Interviews")}</h2>
            {loaded(interviews, move |list| {
                if list.is_empty() {
                    return view! { <p class="muted" data-test="no-interviews">{lang.pick("暂无约谈记录。", "No interviews.")}</p> }.into_any();
                }
                list.into_iter().map(|i| interview_card(i, follow, lang)).collect_view().into_any()
            })}
            <h2>{lang.pick("通报", "Circulars")}</h2>
            {loaded(circulars, move |list| {
                if list.is_empty() {
                    return view! { <p class="muted" data-test="no-circulars">{lang.pick("暂无通报。", "No circulars.")}</p> }.into_any();
                }
                list.into_iter().map(|c| circular_card(c, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}

fn interview_card(
    i: InterviewView,
    follow: ServerAction<FollowUpInterview>,
    lang: Lang,
) -> AnyView {
    let badge = match i.follow_up {
        FollowUp::Done => "badge badge-ok",
        FollowUp::Due => "badge",
        FollowUp::Overdue => "badge badge-bad",
    };
    let id = i.id;
    view! {
        <article class="card" data-test="interview" data-follow-up=i.follow_up.as_str()>
            <h3>{i.agency.name.clone()} " · " {i.held_on.to_string()}</h3>
            <p class="meta"><span class=badge data-test="interview-follow-up">{i.follow_up_label.clone()}</span>
                " · " {lang.pick("回访日期 ", "Follow-up ")} {i.follow_up_on.to_string()}
                " · " {lang.pick("记录人 ", "Recorded by ")} {i.recorded_by.clone()}</p>
            <dl class="facts">
                <dt>{lang.pick("参加人员", "Participants")}</dt><dd>{i.participants.join("；")}</dd>
                <dt>{lang.pick("约谈事由", "Reasons")}</dt><dd>{i.reasons.clone()}</dd>
                <dt>{lang.pick("整改承诺", "Commitments")}</dt><dd>{i.commitments.clone()}</dd>
                {i.follow_up_note.clone().map(|n| view! { <dt>{lang.pick("回访情况", "Follow-up")}</dt><dd data-test="interview-note">{n} " （" {i.followed_up_on.map(|d| d.to_string()).unwrap_or_default()} "）"</dd> })}
            </dl>
            {i.can_follow_up.then(|| view! {
                <ActionForm action=follow attr:class="form" attr:data-test="follow-up-form">
                    <input type="hidden" name="interview_id" value=id />
                    <div class="field">
                        <label for=format!("fu-{id}")>{lang.pick("回访情况", "What the follow-up found")}</label>
                        <textarea id=format!("fu-{id}") name="note" rows="3" required data-test="follow-up-note"></textarea>
                    </div>
                    <button type="submit" class="button" data-test="follow-up-submit">{lang.pick("记录回访", "Record the follow-up")}</button>
                </ActionForm>
            })}
        </article>
    }
    .into_any()
}

fn circular_card(c: CircularView, lang: Lang) -> AnyView {
    let names: Vec<String> = c.agencies.iter().map(|a| a.name.clone()).collect();
    view! {
        <article class="card" data-test="circular" data-scope=c.scope.as_str()>
            <h3>{c.title.clone()}</h3>
            <p class="meta"><span class="nowrap">{c.number.clone()}</span> " · " {c.issued_by.clone()} " · " {c.issued_on.to_string()}
                " · " <span class="badge">{c.scope.label(lang)}</span></p>
            {(!names.is_empty()).then(|| view! { <p class="muted">{lang.pick("涉及：", "Concerns: ")}{names.join("、")}</p> })}
            <p class="prewrap">{c.body.clone()}</p>
        </article>
    }
    .into_any()
}

/// The portal's public circulars.
#[component]
pub fn PublicCirculars() -> impl IntoView {
    let lang = use_lang();
    let list = Resource::new(|| (), |_| public_circulars());
    view! {
        <PortalPage title=lang.pick("执法监督通报", "Supervision circulars").to_owned()>
            <p>{lang.pick(
                "行政执法监督机构公开发布的通报。通报中的个人身份证号、电话和住址已隐去。",
                "Circulars published by the supervision body. Personal ID numbers, phones and addresses are masked.",
            )}</p>
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-public-circulars">{lang.pick("暂无公开通报。", "No circulars have been published.")}</p> }.into_any();
                }
                items.into_iter().map(|c| view! {
                    <article class="card" data-test="public-circular">
                        <h2>{c.title}</h2>
                        <p class="meta"><span class="nowrap">{c.number}</span> " · " {c.issued_by} " · " {c.issued_on.to_string()}</p>
                        {(!c.agencies.is_empty()).then(|| view! { <p class="muted">{lang.pick("涉及：", "Concerns: ")}{c.agencies.join("、")}</p> })}
                        <p class="prewrap">{c.body}</p>
                    </article>
                }).collect_view().into_any()
            })}
        </PortalPage>
    }
}
