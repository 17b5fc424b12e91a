//! The staff workbench: the home page per role and the organisation pages.

use leptos::prelude::*;
use tianping_domain::{credential::CredentialStatus, i18n::Lang, role::Role};

use crate::{
    api::{
        case_dto::{WorkItem, WorkTask},
        cases::my_work,
        dto::{CredentialView, Me},
        org::{
            LoadHolidays, get_agency, holiday_status, list_agencies, list_users, verify_audit_log,
        },
    },
    ui::{
        common::{ErrorView, StaffPage, id_param, loaded, use_lang},
        pages::cases::DeadlineBadgeView,
    },
};

/// A badge for a credential's standing.
#[component]
pub fn CredentialBadge(status: CredentialStatus) -> impl IntoView {
    let lang = use_lang();
    let class = match status {
        CredentialStatus::Valid => "badge badge-ok",
        CredentialStatus::ExpiringSoon => "badge badge-warn",
        _ => "badge badge-bad",
    };
    view! { <span class=class>{status.label(lang)}</span> }
}

/// A list of credentials.
#[component]
pub fn CredentialList(credentials: Vec<CredentialView>) -> impl IntoView {
    let lang = use_lang();
    if credentials.is_empty() {
        return view! { <p class="muted">{lang.pick("无", "None")}</p> }.into_any();
    }
    view! {
        <ul class="plain">
            {credentials.into_iter().map(|c| view! {
                <li>
                    {c.kind.label(lang)} " " <strong>{c.number}</strong> " · " {c.scope} " · "
                    {c.valid_from.to_string()} " — " {c.valid_to.map(|d| d.to_string()).unwrap_or_else(|| lang.pick("长期", "no end").to_owned())}
                    " " <CredentialBadge status=c.status />
                </li>
            }).collect_view()}
        </ul>
    }.into_any()
}

fn role_intro(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Officer => lang.pick("在此办理本机关案件：登记案源、调查取证、制作文书。", "Handle your agency's cases here: register clues, collect evidence, draft documents."),
        Role::AgencyHead => lang.pick("在此审批立案和处罚决定，主持集体讨论。", "Approve filings and decisions and chair collective discussions here."),
        Role::LegalReviewer => lang.pick("在此审核所服务机关提交的重大执法决定。", "Review the major decisions submitted by the agencies you serve here."),
        Role::Supervisor => lang.pick("在此监督辖区内各机关的执法活动、预警与投诉。", "Supervise the enforcement of every agency in your region, its warnings and complaints here."),
        Role::Admin => lang.pick("在此管理机关、用户、执法证件和目录。", "Manage agencies, users, certificates and catalogs here."),
        Role::Integration => lang.pick("系统对接账号仅通过接口推送案源。", "Integration accounts only push clues through the API."),
    }
}

fn basis_label(basis: &str, lang: Lang) -> &'static str {
    match basis {
        "published" => lang.pick(
            "国务院办公厅通知（已载入）",
            "State Council notice (loaded)",
        ),
        "statutory" => lang.pick(
            "仅按放假办法的法定节日推算（无调休）",
            "Only the fixed holidays of the regulation (no make-up days)",
        ),
        "statutory_solar_only" => lang.pick("仅公历法定节日", "Solar-date holidays only"),
        _ => lang.pick("仅周一至周五", "Monday to Friday only"),
    }
}

/// The administrators' calendar panel: what the working-day calendar knows of the coming
/// years, the warning from 1 November when next year's official arrangement is missing, and a
/// form to load it (the calendar's JSON format).
#[component]
fn HolidayPanel() -> impl IntoView {
    let lang = use_lang();
    let load = ServerAction::<LoadHolidays>::new();
    let status = Resource::new(move || load.version().get(), |_| holiday_status());
    let error = Signal::derive(move || crate::ui::common::action_error(load.value().get()));
    view! {
        <section class="card" data-test="holidays">
            <h2>{lang.pick("节假日安排（工作日计算）", "Holiday arrangements (working days)")}</h2>
            {loaded(status, move |s| view! {
                {(!s.missing.is_empty()).then(|| view! {
                    <p class="alert alert-warn" role="alert" data-test="holidays-missing">
                        {match lang {
                            Lang::Zh => format!("尚未载入 {} 年国务院办公厅节假日安排通知。期限暂按放假办法规定的法定节日推算（不含调休），请尽快载入。", s.missing.iter().map(i32::to_string).collect::<Vec<_>>().join("、")),
                            Lang::En => format!("The State Council's holiday arrangement for {} is not loaded. Deadlines count the fixed holidays of the regulation only (no make-up days) until it is.", s.missing.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")),
                        }}
                    </p>
                })}
                <ul class="plain">
                    {s.years.into_iter().map(|y| view! {
                        <li data-test="holiday-year" data-basis=y.basis.clone()>{y.year} " · " {basis_label(&y.basis, lang)}</li>
                    }).collect_view()}
                </ul>
            })}
            <ActionForm action=load attr:class="form" attr:data-test="holidays-form">
                <div class="field">
                    <label for="holidays-json">{lang.pick("载入安排（JSON：{\"2027\": {\"off\": [...], \"work\": [...]}}）", "Load an arrangement (JSON: {\"2027\": {\"off\": [...], \"work\": [...]}})")}</label>
                    <textarea id="holidays-json" name="json" rows="4" data-test="holidays-json"></textarea>
                    {crate::ui::form::field_error(error, tianping_domain::validate::Field::HolidayData)}
                </div>
                <button type="submit" class="button button-secondary" data-test="holidays-submit">{lang.pick("载入", "Load")}</button>
            </ActionForm>
        </section>
    }
}

/// The role's home page: who you are, your credentials and what you can do.
#[component]
pub fn WorkHome() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffPage title=lang.pick("工作台", "Workbench").to_owned()>
            {move || {
                let me = use_context::<Me>();
                me.map(|me| {
                    let needs_certificate = matches!(me.role, Role::Officer | Role::AgencyHead | Role::LegalReviewer);
                    let in_force = me.credentials.iter().any(|c| c.status.in_force());
                    let acts = matches!(me.role, Role::Officer | Role::AgencyHead | Role::LegalReviewer);
                    view! {
                        {acts.then(|| view! { <TodoList /> })}
                        {(me.role == Role::Supervisor).then(|| view! { <SupervisionDay /> })}
                        {(me.role == Role::AgencyHead).then(|| view! { <NoticesOwed /> })}
                        <section class="panel" data-test="home" data-role=me.role.as_str()>
                            <p class="lead">{role_intro(me.role, lang)}</p>
                            <dl class="facts">
                                <dt>{lang.pick("姓名", "Name")}</dt><dd data-test="home-name">{me.display_name.clone()}</dd>
                                <dt>{lang.pick("角色", "Role")}</dt><dd data-test="home-role">{me.role.label(lang)}</dd>
                                <dt>{lang.pick("所属机关", "Agency")}</dt><dd>{me.agency.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</dd>
                                <dt>{lang.pick("证件", "Credentials")}</dt><dd><CredentialList credentials=me.credentials.clone() /></dd>
                            </dl>
                            {(me.role == Role::Admin).then(|| view! { <HolidayPanel /> })}
                            {(needs_certificate && !in_force).then(|| view! {
                                <p class="alert alert-error" role="alert" data-test="no-credential">
                                    {lang.pick("您没有有效的执法证件或法律职业资格，不能办理执法事项。请联系系统管理员。", "You hold no valid certificate or qualification and cannot act. Contact an administrator.")}
                                </p>
                            })}
                        </section>
                    }
                })
            }}
        </StaffPage>
    }
}

/// One case of the to-do list: number, title, state, deadline, and the steps to take (or who
/// holds it).
fn work_row(item: WorkItem, lang: Lang) -> impl IntoView {
    let href = format!("/work/cases/{}", item.case.id);
    let next = if item.steps.is_empty() {
        let who = item
            .held_by
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(lang.pick("或", " or "));
        view! { <span class="muted" data-test="todo-held-by">{lang.pick("等待", "Waiting for ")}{who}</span> }.into_any()
    } else {
        let steps = item
            .steps
            .iter()
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "));
        view! { <a href=href.clone() data-test="todo-steps">{lang.pick("下一步：", "Next: ")}{steps}</a> }.into_any()
    };
    view! {
        <li class="todo-item" data-test="todo-item" data-case=item.case.id data-state=item.case.state.as_str()>
            <a class="todo-case" href=href>
                <span class="case-no">{item.case.number.clone()}</span>
                " "
                <strong>{item.case.title.clone()}</strong>
            </a>
            <div class="todo-meta">
                <span class="badge">{item.case.state.label(lang)}</span>
                {item.case.deadline.clone().map(|b| view! { " " <DeadlineBadgeView badge=b /> })}
                " "
                {next}
            </div>
        </li>
    }
}

/// One inspection or coercive measure of the to-do list: what it is, its warnings and the
/// steps to take, leading to its page.
fn task_row(task: WorkTask, lang: Lang) -> impl IntoView {
    use tianping_domain::{coercive::lifecycle as measure, inspection::lifecycle as visit};
    let label = |s: &str| -> String {
        match task.kind.as_str() {
            "coercive_measure" => measure::StepKind::parse(s).map(|k| k.label(lang)),
            _ => visit::StepKind::parse(s).map(|k| k.label(lang)),
        }
        .unwrap_or(s)
        .to_owned()
    };
    let steps = task
        .steps
        .iter()
        .map(|s| label(s))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let what = if task.kind == "coercive_measure" {
        lang.pick("行政强制", "Coercive measure")
    } else {
        lang.pick("行政检查", "Inspection")
    };
    let warned = !task.warnings.is_empty();
    view! {
        <li class="todo-item" data-test="todo-task" data-kind=task.kind.clone() data-code=task.code.clone()>
            <a class="todo-case" href=task.href.clone()>
                <span class="case-no">{task.code.clone()}</span>
                " "
                <strong>{task.title.clone()}</strong>
            </a>
            <div class="todo-meta">
                <span class="badge">{what}</span>
                {warned.then(|| view! { " " <span class="badge badge-bad">{lang.pick("有监督预警", "Warned")}</span> })}
                " "
                <a href=task.href.clone() data-test="todo-task-steps">{lang.pick("下一步：", "Next: ")}{steps}</a>
            </div>
        </li>
    }
}

/// The day's work of officers, heads and reviewers (issue 22 item 1): the cases waiting for a
/// step of theirs, most urgent deadline first, then their cases waiting for someone else.
#[component]
fn TodoList() -> impl IntoView {
    let lang = use_lang();
    let work = Resource::new(|| (), |_| my_work());
    view! {
        <section class="panel todo" aria-labelledby="todo-h" data-test="todo">
            {loaded(work, move |w| {
                let count = w.yours.len();
                view! {
                    <h2 id="todo-h">{lang.pick("待办事项", "Your work")} " " <span class="count" data-test="todo-count">{count}</span></h2>
                    {if w.yours.is_empty() {
                        view! { <p class="muted" data-test="todo-empty">{lang.pick("目前没有等待您办理的案件。", "No case is waiting for you.")}</p> }.into_any()
                    } else {
                        view! { <ol class="todo-list" data-test="todo-yours">{w.yours.into_iter().map(|i| work_row(i, lang)).collect_view()}</ol> }.into_any()
                    }}
                    {(!w.tasks.is_empty()).then(|| {
                        let n = w.tasks.len();
                        view! {
                            <h3>{lang.pick("行政检查和行政强制", "Inspections and coercive measures")} " " <span class="count" data-test="todo-tasks-count">{n}</span></h3>
                            <ol class="todo-list" data-test="todo-tasks">{w.tasks.into_iter().map(|t| task_row(t, lang)).collect_view()}</ol>
                        }
                    })}
                    {(!w.waiting.is_empty()).then(|| view! {
                        <h3>{lang.pick("您承办、正由他人办理的案件", "Your cases, now with someone else")}</h3>
                        <ol class="todo-list" data-test="todo-waiting">{w.waiting.into_iter().map(|i| work_row(i, lang)).collect_view()}</ol>
                    })}
                }
            })}
        </section>
    }
}

/// For an agency's head: the supervision notices waiting for the agency's report.
#[component]
fn NoticesOwed() -> impl IntoView {
    let lang = use_lang();
    let notices = Resource::new(|| (), |_| crate::api::supervision::list_notices());
    view! {
        {loaded(notices, move |list| {
            use tianping_domain::supervision::notice::NoticeStep;
            let owed: Vec<_> = list.into_iter().filter(|n| n.can.contains(&NoticeStep::Report)).collect();
            (!owed.is_empty()).then(|| view! {
                <p class="alert alert-warn" data-test="notices-owed" data-count=owed.len()>
                    <a href="/work/notices">{lang.pick("待报送整改情况的监督文书 ", "Supervision notices awaiting your report: ")}{owed.len()}</a>
                    {lang.pick("，最早期限 ", ", earliest deadline ")}{owed.iter().map(|n| n.deadline).min().map(|d| d.to_string())}
                </p>
            })
        })}
    }
}

/// The supervisor's day (issue 22 item 1): current warnings, complaints to assign and
/// supervision matters past their due date, each leading to its list.
#[component]
fn SupervisionDay() -> impl IntoView {
    use crate::api::{
        coercive::list_measures,
        inspections::list_inspections,
        supervision::{list_complaints, list_matters, list_warnings},
    };
    let lang = use_lang();
    let warnings = Resource::new(|| (), |_| list_warnings(None, None));
    let visits = Resource::new(|| (), |_| list_inspections());
    let measures = Resource::new(|| (), |_| list_measures());
    let complaints = Resource::new(|| (), |_| list_complaints());
    let matters = Resource::new(|| (), |_| list_matters());
    let clues = Resource::new(|| (), |_| crate::api::clues::list_clues());
    let signals = Resource::new(|| (), |_| crate::api::supervision::list_signals());
    let interviews = Resource::new(|| (), |_| crate::api::supervision::list_interviews());
    let notices = Resource::new(|| (), |_| crate::api::supervision::list_notices());
    let reviews = Resource::new(|| (), |_| crate::api::supervision::list_file_reviews());
    view! {
        <section class="panel todo" aria-labelledby="day-h" data-test="supervision-day">
            <h2 id="day-h">{lang.pick("待办事项", "Your work")}</h2>
            <ul class="todo-list">
                <li class="todo-item">
                    {loaded(notices, move |list| {
                        use tianping_domain::supervision::notice::{NoticeStatus, Rectification};
                        let overdue = list.iter().filter(|n| n.rectification == Rectification::Overdue).count();
                        let reported = list.iter().filter(|n| n.status == NoticeStatus::Reported).count();
                        view! {
                            <a href="/work/notices" data-test="day-notices" data-count=overdue>
                                {lang.pick("逾期未整改的监督文书 ", "Rectifications overdue: ")}<span class="count">{overdue}</span>
                                {lang.pick("（待审核的整改报告 ", " (reports to examine: ")}{reported}{lang.pick("）", ")")}
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(matters, move |list| {
                        let open = list.iter().filter(|m| m.status == "open").count();
                        let overdue = list.iter().filter(|m| m.overdue).count();
                        view! {
                            <a href="/work/matters" data-test="day-matters" data-count=overdue>
                                {lang.pick("逾期未办结的督办事项 ", "Supervision matters overdue: ")}<span class="count">{overdue}</span>
                                {lang.pick("（办理中 ", " (open: ")}{open}{lang.pick("）", ")")}
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(reviews, move |rounds| {
                        let n = rounds.iter().flat_map(|r| &r.files).filter(|f| f.can_score).count();
                        view! {
                            <a href="/work/file-reviews" data-test="day-reviews" data-count=n>
                                {lang.pick("待评分的评查案卷 ", "Case files to score: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(interviews, move |list| {
                        let n = list
                            .iter()
                            .filter(|i| i.follow_up == tianping_domain::supervision::oversight::FollowUp::Overdue)
                            .count();
                        view! {
                            <a href="/work/oversight" data-test="day-interviews" data-count=n>
                                {lang.pick("回访逾期的约谈 ", "Interviews with an overdue follow-up: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(warnings, move |w| view! {
                        <a href="/work/warnings" data-test="day-warnings" data-count=w.total>
                            {lang.pick("当前预警 ", "Current warnings: ")}<span class="count">{w.total}</span>
                            {lang.pick("，其中严重 ", ", serious: ")}{w.critical}
                        </a>
                    })}
                </li>
                <li class="todo-item">
                    {loaded(complaints, move |list| {
                        let n = list.iter().filter(|c| c.status == "received").count();
                        view! {
                            <a href="/work/complaints" data-test="day-complaints" data-count=n>
                                {lang.pick("待分办的投诉举报 ", "Complaints to assign: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(clues, move |list| {
                        let n = list.iter().filter(|c| c.can_assign).count();
                        view! {
                            <a href="/work/clues" data-test="day-clues" data-count=n>
                                {lang.pick("待分拨的线索 ", "Clues to assign: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(signals, move |list| {
                        let n = list.len();
                        view! {
                            <a href="/work/signals" data-test="day-signals" data-count=n>
                                {lang.pick("行为监督信号 ", "Behaviour signals: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(visits, move |list| {
                        let n = list.iter().filter(|i| !i.warnings.is_empty()).count();
                        view! {
                            <a href="/work/inspections" data-test="day-inspections" data-count=n>
                                {lang.pick("有监督预警的行政检查 ", "Inspections with warnings: ")}<span class="count">{n}</span>
                            </a>
                        }
                    })}
                </li>
                <li class="todo-item">
                    {loaded(measures, move |list| {
                        let n = list.iter().filter(|m| !m.warnings.is_empty()).count();
                        let overdue = list
                            .iter()
                            .filter(|m| m.warnings.iter().any(|w| w.value == "measure_overdue"))
                            .count();
                        view! {
                            <a href="/work/coercive" data-test="day-measures" data-count=n>
                                {lang.pick("有监督预警的查封、扣押 ", "Seal-ups and seizures with warnings: ")}<span class="count">{n}</span>
                                {lang.pick("（超期未解除 ", " (past the limit: ")}{overdue}{lang.pick("）", ")")}
                            </a>
                        }
                    })}
                </li>
            </ul>
        </section>
    }
}

/// Agencies the user may see.
#[component]
pub fn AgencyList() -> impl IntoView {
    let lang = use_lang();
    let agencies = Resource::new(|| (), |_| list_agencies());
    view! {
        <StaffPage title=lang.pick("机关", "Agencies").to_owned()>
            {loaded(agencies, move |list| view! {
                            <table class="table" data-test="agency-table">
                                <thead><tr>
                                    <th scope="col">{lang.pick("名称", "Name")}</th>
                                    <th scope="col">{lang.pick("代码", "Code")}</th>
                                    <th scope="col">{lang.pick("类别", "Kind")}</th>
                                    <th scope="col">{lang.pick("行政区划", "Region")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr>
                                            <td><a href=format!("/work/agencies/{}", a.id)>{a.name}</a></td>
                                            <td>{a.code}</td>
                                            <td>{a.kind.label(lang)}</td>
                                            <td>{a.region_name}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any())}
        </StaffPage>
    }
}

/// One agency's record (404 when the user may not see it).
#[component]
pub fn AgencyDetail() -> impl IntoView {
    let lang = use_lang();
    let agency = Resource::new(id_param(), get_agency);
    view! {
        <StaffPage title=lang.pick("机关信息", "Agency").to_owned()>
            {loaded(agency, move |a| view! {
                            <dl class="facts" data-test="agency-detail">
                                <dt>{lang.pick("名称", "Name")}</dt><dd>{a.name}</dd>
                                <dt>{lang.pick("代码", "Code")}</dt><dd>{a.code}</dd>
                                <dt>{lang.pick("文号简称", "Short name")}</dt><dd>{a.short_name}</dd>
                                <dt>{lang.pick("类别", "Kind")}</dt><dd>{a.kind.label(lang)}</dd>
                                <dt>{lang.pick("行政区划", "Region")}</dt><dd>{a.region_name} " (" {a.region_code} ")"</dd>
                                <dt>{lang.pick("统一社会信用代码", "Credit code")}</dt><dd>{a.credit_code}</dd>
                                <dt>{lang.pick("设立依据", "Legal basis")}</dt><dd>{a.legal_basis}</dd>
                            </dl>
                        }.into_any())}
        </StaffPage>
    }
}

/// People the user may see.
#[component]
pub fn UserList() -> impl IntoView {
    let lang = use_lang();
    let users = Resource::new(|| (), |_| list_users());
    view! {
        <StaffPage title=lang.pick("人员", "People").to_owned()>
            {loaded(users, move |list| view! {
                            <table class="table" data-test="user-table">
                                <thead><tr>
                                    <th scope="col">{lang.pick("姓名", "Name")}</th>
                                    <th scope="col">{lang.pick("角色", "Role")}</th>
                                    <th scope="col">{lang.pick("所属机关", "Agency")}</th>
                                    <th scope="col">{lang.pick("证件", "Credentials")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|u| view! {
                                        <tr>
                                            <td>{u.display_name}</td>
                                            <td>{u.role.label(lang)}</td>
                                            <td>{u.agency.map(|a| a.name).unwrap_or_else(|| "—".into())}</td>
                                            <td><CredentialList credentials=u.credentials /></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any())}
        </StaffPage>
    }
}

/// Verifies the audit chain (admins and supervisors; 403 for others).
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let status = Resource::new(|| (), |_| verify_audit_log());
    view! {
        <StaffPage title=lang.pick("审计日志校验", "Audit log verification").to_owned()>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) if s.ok => view! {
                            <p class="alert alert-ok" data-test="audit-ok">
                                {lang.pick("审计日志完整：", "The audit log is intact: ")} {s.count} {lang.pick(" 条事件，链头哈希 ", " events, head hash ")}
                                <code class="hash">{s.head.unwrap_or_default()}</code>
                            </p>
                        }.into_any(),
                        Ok(s) => view! {
                            <p class="alert alert-error" role="alert" data-test="audit-bad">
                                {lang.pick("审计日志被篡改：", "The audit log has been tampered with: ")} {s.problem.unwrap_or_default()}
                            </p>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </StaffPage>
    }
}
