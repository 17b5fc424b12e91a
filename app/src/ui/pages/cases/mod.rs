//! Penalty cases: the list with filters and deadline badges, registering a case, the
//! on-the-spot (summary procedure) form, and the case page with its next steps, tabs and
//! timeline.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use tianping_domain::{
    case::{CaseState, CommandKind, DeadlineKind, InvestigationOutcome, ServiceMethod},
    deadline::Level,
    discretion::Circumstance,
    evidence::EvidenceKind,
    i18n::Lang,
    money::format_yuan,
    review::Measure,
    validate::Field,
};

use crate::{
    api::{
        AppError,
        case_dto::{CaseDetail, CaseFilter, DeadlineBadge, EvidenceView, PersonRef, StepOutcome},
        cases::{
            AddParty, ChangeStaffing, DecideOnTheSpot, FileRemedy, RegisterCase, RuleRemedy,
            TakeStep, case_remedies, get_case, list_cases,
        },
        documents::IssueDocument,
    },
    ui::common::{StaffPage, action_error, id_param, loaded, use_lang},
};

/// A labelled input whose error (if the server named its field) shows beneath it.
#[component]
fn Input(
    name: &'static str,
    label: &'static str,
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let id = name.replace(['[', ']'], "_");
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(field).map(str::to_owned))
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=input_type.unwrap_or("text") value=value aria-invalid=move || message().map(|_| "true") data-test=name />
            {move || message().map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
        </div>
    }
}

/// A labelled select.
#[component]
fn Select(
    name: &'static str,
    label: &'static str,
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = name.replace(['[', ']'], "_");
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(field).map(str::to_owned))
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name data-test=name aria-invalid=move || message().map(|_| "true")>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            {move || message().map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
        </div>
    }
}

fn officer_options(people: &[PersonRef], lang: Lang) -> Vec<(String, String)> {
    let mut v = vec![(
        String::new(),
        lang.pick("— 请选择 —", "— choose —").to_owned(),
    )];
    v.extend(people.iter().map(|p| (p.id.to_string(), p.name.clone())));
    v
}

fn deadline_label(kind: DeadlineKind, lang: Lang) -> &'static str {
    kind.label(lang)
}

/// A deadline badge: days left, amber when due soon, red when overdue.
#[component]
pub fn DeadlineBadgeView(badge: DeadlineBadge) -> impl IntoView {
    let lang = use_lang();
    let class = match badge.level {
        Level::Ok => "badge badge-ok",
        Level::Approaching => "badge badge-warn",
        Level::Overdue => "badge badge-bad",
    };
    let days = match (badge.days_left, lang) {
        (d, Lang::Zh) if d < 0 => format!("逾期 {} 天", -d),
        (0, Lang::Zh) => "今日到期".to_owned(),
        (d, Lang::Zh) => format!("剩 {d} 天"),
        (d, Lang::En) if d < 0 => format!("{} days overdue", -d),
        (0, Lang::En) => "due today".to_owned(),
        (d, Lang::En) => format!("{d} days left"),
    };
    view! {
        <span class=class data-test="deadline-badge" data-level=badge.level.as_str() title=badge.due.to_string()>
            {deadline_label(badge.kind, lang)} " · " {days}
        </span>
    }
}

fn state_badge(state: CaseState, lang: Lang) -> impl IntoView {
    let class = if state.is_terminal() {
        "badge badge-ok"
    } else {
        "badge badge-warn"
    };
    view! { <span class=class data-test="case-state" data-state=state.as_str()>{state.label(lang)}</span> }
}

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

fn go_to_case(outcome: Option<Result<StepOutcome, AppError>>) {
    if let Some(Ok(o)) = outcome {
        let navigate = use_navigate();
        navigate(&format!("/work/cases/{}", o.case_id), Default::default());
    }
}

/// Registering a case (案源登记), optionally from a clue in the queue.
#[component]
pub fn NewCase() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let register = ServerAction::<RegisterCase>::new();
    let error = Signal::derive(move || action_error(register.value().get()));
    Effect::new(move |_| go_to_case(register.value().get()));
    let q = query.get_untracked();
    let clue = StoredValue::new(q.get("clue").unwrap_or_default());
    let title = StoredValue::new(q.get("title").unwrap_or_default());
    let description = StoredValue::new(q.get("description").unwrap_or_default());
    let location = StoredValue::new(q.get("location").unwrap_or_default());
    let sources = StoredValue::new(vec![
        (
            "inspection".to_owned(),
            lang.pick("检查发现", "Inspection").to_owned(),
        ),
        (
            "complaint_or_report".to_owned(),
            lang.pick("投诉举报", "Complaint or report").to_owned(),
        ),
        (
            "transfer".to_owned(),
            lang.pick("移送", "Transfer").to_owned(),
        ),
        (
            "assignment".to_owned(),
            lang.pick("上级交办", "Assignment").to_owned(),
        ),
        (
            "electronic_monitoring".to_owned(),
            lang.pick("电子监控", "Electronic monitoring").to_owned(),
        ),
    ]);
    view! {
        <StaffPage title=lang.pick("登记案源", "Register a case").to_owned()>
            <ActionForm action=register attr:class="form" attr:data-test="new-case-form">
                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                <input type="hidden" name="form[clue]" value=clue.get_value() />
                <Select name="form[source]" label=lang.pick("案源渠道", "Source") field=Field::ClueSource error options=sources.get_value() />
                <Input name="form[title]" label=lang.pick("案由", "Title") field=Field::Title error value=title.get_value() />
                <div class="field">
                    <label for="form_description_">{lang.pick("基本情况", "Description")}</label>
                    <textarea id="form_description_" name="form[description]" rows="4" data-test="form[description]">{description.get_value()}</textarea>
                    {move || error.get().and_then(|e| e.field_message(Field::Description).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
                </div>
                <Input name="form[location]" label=lang.pick("地点", "Location") field=Field::Location error value=location.get_value() />
                <Input name="form[received_on]" label=lang.pick("受理日期", "Received on") field=Field::ReceivedOn error input_type="date" />
                <Input name="form[act_date]" label=lang.pick("违法行为发生日期", "Date of the act") field=Field::ActDate error input_type="date" />
                <button type="submit" class="button" data-test="submit">{lang.pick("登记", "Register")}</button>
            </ActionForm>
        </StaffPage>
    }
}

/// The on-the-spot decision (简易程序), laid out for a phone.
#[component]
pub fn SummaryCase() -> impl IntoView {
    let lang = use_lang();
    let decide = ServerAction::<DecideOnTheSpot>::new();
    let error = Signal::derive(move || action_error(decide.value().get()));
    Effect::new(move |_| go_to_case(decide.value().get()));
    let colleagues = Resource::new(|| (), |_| crate::api::org::list_users());
    view! {
        <StaffPage title=lang.pick("当场行政处罚", "On-the-spot decision").to_owned()>
            <ActionForm action=decide attr:class="form form-narrow" attr:data-test="summary-form">
                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                <Input name="form[title]" label=lang.pick("违法行为", "Act") field=Field::Title error />
                <div class="field">
                    <label for="form_description_">{lang.pick("事实与依据", "Facts and basis")}</label>
                    <textarea id="form_description_" name="form[description]" rows="3" data-test="form[description]"></textarea>
                </div>
                <Input name="form[location]" label=lang.pick("地点", "Location") field=Field::Location error />
                {loaded(colleagues, move |users| {
                    let people: Vec<PersonRef> = users.into_iter()
                        .filter(|u| u.role == tianping_domain::role::Role::Officer && u.active)
                        .map(|u| PersonRef { id: u.id, name: u.display_name, role: u.role })
                        .collect();
                    view! { <Select name="form[officer_2]" label=lang.pick("在场执法人员", "Second officer on the spot") field=Field::Officers error options=officer_options(&people, lang) /> }
                })}
                <Select name="form[penalty]" label=lang.pick("处罚种类", "Penalty") field=Field::Penalty error
                    options=vec![("fine".into(), lang.pick("罚款", "Fine").into()), ("warning".into(), lang.pick("警告", "Warning").into())] />
                <Input name="form[amount]" label=lang.pick("罚款金额（元）", "Fine (yuan)") field=Field::Fine error input_type="text" />
                <fieldset>
                    <legend>{lang.pick("当事人", "Party")}</legend>
                    <Select name="form[party_kind]" label=lang.pick("类型", "Type") field=Field::PartyKind error
                        options=vec![("natural_person".into(), lang.pick("公民", "Natural person").into()), ("organisation".into(), lang.pick("法人或其他组织", "Organisation").into())] />
                    <Input name="form[party_name]" label=lang.pick("姓名/名称", "Name") field=Field::PartyName error />
                    <Input name="form[id_number]" label=lang.pick("身份证号码", "ID number") field=Field::IdNumber error />
                    <Input name="form[credit_code]" label=lang.pick("统一社会信用代码", "Credit code") field=Field::CreditCode error />
                    <Input name="form[legal_representative]" label=lang.pick("法定代表人", "Legal representative") field=Field::LegalRepresentative error />
                    <Input name="form[phone]" label=lang.pick("电话", "Phone") field=Field::Phone error input_type="tel" />
                    <Input name="form[address]" label=lang.pick("地址", "Address") field=Field::Address error />
                </fieldset>
                <button type="submit" class="button" data-test="submit">{lang.pick("作出当场处罚决定", "Decide on the spot")}</button>
            </ActionForm>
        </StaffPage>
    }
}

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
                        {if c.actions.is_empty() {
                            view! { <p class="muted" data-test="no-actions">{lang.pick("您当前没有可办理的环节。", "There is no step for you to take now.")}</p> }.into_any()
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

fn step_form(
    kind: CommandKind,
    c: &CaseDetail,
    step: ServerAction<TakeStep>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    let id = c.summary.id;
    let officers = officer_options(&c.agency_officers, lang);
    let fields = match kind {
        CommandKind::FileCase => view! {
            <Select name="form[officer_1]" label=lang.pick("主办执法人员", "Lead officer") field=Field::Officers error options=officers.clone() />
            <Select name="form[officer_2]" label=lang.pick("协办执法人员", "Second officer") field=Field::Officers error options=officers.clone() />
            <Select name="form[officer_3]" label=lang.pick("其他执法人员（可选）", "Another officer (optional)") field=Field::Officers error options=officers />
        }.into_any(),
        // Approving and returning are one decision, taken on the reviewer's work page.
        CommandKind::ReturnReview => return ().into_any(),
        CommandKind::ApproveReview => {
            // Decided on the reviewer's work page, with the checklist.
            let pending = c.review_rounds.iter().find(|r| r.outcome.is_none()).map(|r| r.id);
            return view! {
                <p class="step-link">{pending.map(|rid| view! {
                    <a class="button" href=format!("/work/reviews/{rid}") data-test="open-review">{lang.pick("进入法制审核", "Open the legal review")}</a>
                })}</p>
            }.into_any();
        }
        CommandKind::DeclineClue | CommandKind::Withdraw | CommandKind::Suspend
        | CommandKind::RecordExecution | CommandKind::HoldCollectiveDiscussion | CommandKind::Transfer => {
            let label = match kind {
                CommandKind::Transfer => lang.pick("接收机关", "Receiving organ"),
                CommandKind::HoldCollectiveDiscussion => lang.pick("讨论结论", "Conclusion"),
                CommandKind::RecordExecution => lang.pick("执行情况", "What was done"),
                _ => lang.pick("理由", "Reason"),
            };
            view! {
                <div class="field">
                    <label>{label}<textarea name="form[reason]" rows="2" data-test="form[reason]"></textarea></label>
                    {move || error.get().and_then(|e| e.field_message(Field::Reason).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
                </div>
                {(kind == CommandKind::RecordExecution).then(|| view! {
                    <label class="check"><input type="checkbox" name="form[confirmed]" value="on" />{lang.pick("执行完毕", "Execution finished")}</label>
                })}
            }.into_any()
        }
        CommandKind::ConcludeInvestigation => view! {
            <Select name="form[outcome]" label=lang.pick("调查结论", "Outcome") field=Field::Outcome error
                options=InvestigationOutcome::ALL.into_iter().map(|o| (crate::api::case_dto_code(&o), o.label(lang).to_owned())).collect() />
            <Input name="form[amount]" label=lang.pick("拟罚款金额（元，无罚款留空）", "Proposed fine (yuan; empty if none)") field=Field::Fine error />
            <Input name="form[confiscation]" label=lang.pick("拟没收违法所得、非法财物价值（元）", "Value to be confiscated (yuan)") field=Field::Confiscation error />
            <fieldset class="checks"><legend>{lang.pick("拟作出的其他处罚", "Other penalties proposed")}</legend>
                {Measure::ALL.into_iter().map(|m| view! {
                    <label class="check"><input type="checkbox" name=format!("form[measures][{}]", m.as_str()) value="on" />{m.label(lang)}</label>
                }).collect_view()}
            </fieldset>
            <fieldset class="checks"><legend>{lang.pick("重大执法决定目录中的情形", "Circumstances of the major-decision catalog")}</legend>
                {c.catalog_flags.iter().map(|(code, label)| view! {
                    <label class="check"><input type="checkbox" name=format!("form[flags][{code}]") value="on" data-test=format!("flag-{code}") />{label.clone()}</label>
                }).collect_view()}
                <label class="check"><input type="checkbox" name="form[departure]" value="on" />{lang.pick("拟减轻处罚或者偏离裁量基准", "Mitigation or departure from the discretion standard proposed")}</label>
                {move || error.get().and_then(|e| e.field_message(Field::FlagCode).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
            </fieldset>
            <p class="hint">{lang.pick("系统按本机关现行的重大执法决定目录判断是否须经法制审核。", "Whether legal review is required is judged by the agency's catalog in force.")}</p>
        }.into_any(),
        CommandKind::SubmitForReview => {
            let area = move |name: &'static str, label: &'static str, field: Field| view! {
                <div class="field">
                    <label>{label}<textarea name=name rows="4" data-test=name></textarea></label>
                    {move || error.get().and_then(|e| e.field_message(field).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
                </div>
            };
            view! {
                {(!c.major_criteria.is_empty()).then(|| view! {
                    <div class="hint" data-test="major-criteria-hint">{lang.pick("本案列入重大执法决定目录：", "This case is in the major-decision catalog: ")}
                        <ul>{c.major_criteria.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul></div>
                })}
                {area("form[report]", lang.pick("调查终结报告（事实、证据、依据、裁量、执法人员资格）", "Investigation report (facts, evidence, basis, discretion, officers' qualifications)"), Field::InvestigationReport)}
                {area("form[draft_decision]", lang.pick("拟作出的处罚决定", "Draft decision"), Field::DraftDecision)}
                {c.needs_statement_record.then(|| area("form[statement_record]", lang.pick("陈述申辩笔录及复核意见", "Statement and defence record, re-check"), Field::StatementRecord))}
                {c.needs_hearing_record.then(|| area("form[hearing_record]", lang.pick("听证笔录和听证报告", "Hearing record and report"), Field::HearingRecord))}
                <p class="hint">{lang.pick("证据清单由系统按已登记的证据自动附送。", "The evidence list is attached from the recorded evidence.")}</p>
                {move || error.get().and_then(|e| e.field_message(Field::EvidenceList).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
            }.into_any()
        }
        CommandKind::ServePriorNotice => view! {
            <Input name="form[date]" label=lang.pick("送达日期", "Served on") field=Field::Date error input_type="date" />
            <Input name="form[amount]" label=lang.pick("拟罚款金额（元）", "Proposed fine (yuan)") field=Field::Fine error />
        }.into_any(),
        CommandKind::RecordStatement => view! {
            <Input name="form[date]" label=lang.pick("收到日期", "Received on") field=Field::Date error input_type="date" />
            <div class="field"><label>{lang.pick("陈述申辩要点及复核意见", "Statement and re-check")}<textarea name="form[reason]" rows="2" data-test="form[reason]"></textarea></label></div>
        }.into_any(),
        CommandKind::RequestHearing => view! {
            <Input name="form[date]" label=lang.pick("申请日期", "Requested on") field=Field::Date error input_type="date" />
        }.into_any(),
        CommandKind::NoticeHearing => view! {
            <Input name="form[date]" label=lang.pick("通知送达日期", "Notice served on") field=Field::Date error input_type="date" />
            <Input name="form[hearing_date]" label=lang.pick("听证日期", "Hearing date") field=Field::HearingDate error input_type="date" />
        }.into_any(),
        CommandKind::HoldHearing => view! {
            <Select name="form[host]" label=lang.pick("听证主持人", "Hearing host") field=Field::Host error options=officers />
        }.into_any(),
        CommandKind::Decide => {
            let standards: Vec<(String, String)> = std::iter::once((String::new(), lang.pick("— 不适用 —", "— none —").to_owned()))
                .chain(c.standards.iter().map(|s| (s.id.to_string(), format!("{} {}", s.provision, s.title))))
                .collect();
            let bands = c.standards.iter().map(|s| view! {
                <li>{s.provision.clone()} ": "
                    {Circumstance::ALL.into_iter().zip(s.bands).map(|(ci, (lo, hi))| format!("{} {}–{} 元", ci.label(lang), format_yuan(lo), format_yuan(hi))).collect::<Vec<_>>().join("；")}
                </li>
            }).collect_view();
            view! {
                <Input name="form[date]" label=lang.pick("决定日期", "Decided on") field=Field::Date error input_type="date" />
                <Select name="form[outcome]" label=lang.pick("决定", "Decision") field=Field::Outcome error
                    options=vec![("penalty".into(), lang.pick("给予行政处罚", "Penalty").into()), ("no_penalty".into(), lang.pick("不予行政处罚", "No penalty").into())] />
                <Input name="form[amount]" label=lang.pick("罚款金额（元）", "Fine (yuan)") field=Field::Fine error />
                <Select name="form[standard]" label=lang.pick("裁量基准", "Discretion standard") field=Field::Standard error options=standards />
                <Select name="form[circumstance]" label=lang.pick("违法情节", "Circumstance") field=Field::Circumstance error
                    options=Circumstance::ALL.into_iter().map(|ci| (ci.as_str().to_owned(), ci.label(lang).to_owned())).collect() />
                <ul class="hint" data-test="discretion-bands">{bands}</ul>
                <div class="field">
                    <label>{lang.pick("超出裁量幅度的理由", "Justification if outside the band")}<textarea name="form[justification]" rows="2" data-test="form[justification]"></textarea></label>
                    {move || error.get().and_then(|e| e.field_message(Field::Justification).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
                </div>
            }.into_any()
        }
        CommandKind::Serve => view! {
            <Input name="form[date]" label=lang.pick("送达日期", "Served on") field=Field::Date error input_type="date" />
            <Select name="form[method]" label=lang.pick("送达方式", "Method") field=Field::ServiceMethod error
                options=[ServiceMethod::Direct, ServiceMethod::LeftAtAddress, ServiceMethod::Postal, ServiceMethod::Entrusted, ServiceMethod::Electronic, ServiceMethod::PublicNotice]
                    .into_iter().map(|m| (crate::api::case_dto_code(&m), m.label(lang).to_owned())).collect() />
            <label class="check"><input type="checkbox" name="form[e_consent]" value="on" />{lang.pick("当事人已签署电子送达确认书", "The party signed consent to e-service")}</label>
        }.into_any(),
        CommandKind::RecordPayment => view! {
            <p class="hint">{lang.pick("待缴：", "Outstanding: ")}{format_yuan(c.outstanding_fen)} {lang.pick(" 元", " yuan")}</p>
            <Input name="form[date]" label=lang.pick("缴款日期", "Paid on") field=Field::Date error input_type="date" />
            <Input name="form[amount]" label=lang.pick("金额（元）", "Amount (yuan)") field=Field::Fine error value=format_yuan(c.outstanding_fen).replace(',', "") />
        }.into_any(),
        CommandKind::Close => {
            let reason = c.close_reason.map(|r| crate::api::case_dto_code(&r)).unwrap_or_default();
            view! { <input type="hidden" name="form[outcome]" value=reason /> }.into_any()
        }
        CommandKind::Extend => view! {
            <Input name="form[days]" label=lang.pick("延长天数", "Days") field=Field::Days error value="30" />
            <div class="field"><label>{lang.pick("理由", "Reason")}<textarea name="form[reason]" rows="2" data-test="form[reason]"></textarea></label></div>
            <label class="check"><input type="checkbox" name="form[confirmed]" value="on" />{lang.pick("已经集体讨论决定（第二次及以后延期）", "Decided by collective discussion (second and later extensions)")}</label>
        }.into_any(),
        _ => ().into_any(),
    };
    view! {
        <details class="step" prop:open=false data-test=format!("step-{}", crate::api::case_dto_code(&kind))>
            <summary>{kind.label(lang)}</summary>
            <ActionForm action=step attr:class="form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="form[kind]" value=crate::api::case_dto_code(&kind) />
                {fields}
                <button type="submit" class="button" data-test="step-submit">{kind.label(lang)}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// Names of the case events that are not state-machine steps.
fn other_action_label(action: &str, lang: Lang) -> &'static str {
    match action {
        "case.add_party" => lang.pick("添加当事人", "Party added"),
        "case.download_evidence" => lang.pick("调阅证据文件", "Evidence file downloaded"),
        "case.recuse" => lang.pick("决定回避", "Recusal"),
        "case.assign_officer" => lang.pick("增派执法人员", "Officer assigned"),
        "document.issue" => lang.pick("签发文书", "Document issued"),
        "case.import_legacy" => lang.pick("历史数据导入", "Imported from a legacy system"),
        "supervision.acknowledge_warning" => lang.pick("确认监督预警", "Warning acknowledged"),
        "supervision.open_matter" => lang.pick("发出督办", "Supervision matter opened"),
        "supervision.answer_matter" => lang.pick("督办整改答复", "Matter answered"),
        "supervision.reopen_matter" => lang.pick("督办退回重新整改", "Matter sent back"),
        "supervision.close_matter" => lang.pick("督办办结", "Matter closed"),
        _ => lang.pick("其他记录", "Other record"),
    }
}

fn staffing_form(
    c: &CaseDetail,
    staffing: ServerAction<ChangeStaffing>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView + use<> {
    let mut people = c.officers.clone();
    people.extend(
        c.agency_officers
            .iter()
            .filter(|p| !c.officers.iter().any(|o| o.id == p.id))
            .cloned(),
    );
    let options = officer_options(&people, lang);
    let case_id = c.summary.id;
    view! {
        <details class="step" prop:open=false data-test="step-staffing">
            <summary>{lang.pick("调整执法人员（回避、增派）", "Change officers (recusal, assignment)")}</summary>
            <ActionForm action=staffing attr:class="form">
                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                <input type="hidden" name="id" value=case_id />
                <Select name="form[change]" label=lang.pick("调整方式", "Change") field=Field::Step error
                    options=vec![("recuse".into(), lang.pick("决定回避", "Recusal").into()), ("assign".into(), lang.pick("增派执法人员", "Assign an officer").into())] />
                <Select name="form[user_id]" label=lang.pick("执法人员", "Officer") field=Field::Officers error options=options />
                <div class="field">
                    <label>{lang.pick("理由（回避须填写）", "Reason (required for a recusal)")}<textarea name="form[reason]" rows="2" data-test="form[reason]"></textarea></label>
                    {move || error.get().and_then(|e| e.field_message(Field::Reason).map(str::to_owned)).map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })}
                </div>
                <button type="submit" class="button" data-test="step-submit">{lang.pick("确定", "Confirm")}</button>
            </ActionForm>
        </details>
    }
}

/// The case's facts as a definition list.
fn facts_list(c: &CaseDetail, lang: Lang) -> AnyView {
    let money = |fen: Option<i64>| {
        fen.map(|f| format!("{} 元", format_yuan(f)))
            .unwrap_or_else(|| "—".into())
    };
    view! {
            <dl class="facts">
                <dt>{lang.pick("基本情况", "Description")}</dt><dd>{c.description.clone()}</dd>
                <dt>{lang.pick("地点", "Location")}</dt><dd>{c.location.clone()}</dd>
                <dt>{lang.pick("受理日期", "Received")}</dt><dd>{c.received_on.to_string()}</dd>
                <dt>{lang.pick("追责时效届满", "Limitation ends")}</dt><dd>{c.limitation_ends.map(|d| d.to_string()).unwrap_or_default()}</dd>
                <dt>{lang.pick("承办人", "Officers")}</dt><dd data-test="case-officers">{c.officers.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、")}</dd>
                {(!c.recused.is_empty()).then(|| view! {
                    <dt>{lang.pick("回避人员", "Recused")}</dt><dd data-test="case-recused">{c.recused.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join("、")}</dd>
                })}
                <dt>{lang.pick("拟罚款", "Proposed fine")}</dt><dd>{money(c.proposed_fine_fen)}</dd>
                {(c.confiscation_fen > 0).then(|| view! { <dt>{lang.pick("拟没收价值", "To be confiscated")}</dt><dd>{money(Some(c.confiscation_fen))}</dd> })}
                {(!c.measures.is_empty()).then(|| view! { <dt>{lang.pick("拟作出的其他处罚", "Other penalties proposed")}</dt><dd>{c.measures.join("、")}</dd> })}
                <dt>{lang.pick("决定罚款", "Fine decided")}</dt><dd data-test="fine">{money(c.fine_fen)}</dd>
                <dt>{lang.pick("已缴 / 待缴", "Paid / outstanding")}</dt><dd>{format!("{} / {} 元", format_yuan(c.paid_fen), format_yuan(c.outstanding_fen))}</dd>
                {c.discretion_check.clone().map(|d| view! {
                    <dt>{lang.pick("裁量", "Discretion")}</dt>
                    <dd data-test="discretion" class=if d == "within" { "" } else { "flag" }>{match d.as_str() { "within" => lang.pick("在裁量幅度内", "Within the band"), "below" => lang.pick("低于裁量幅度（已说明理由）", "Below the band (justified)"), _ => lang.pick("高于裁量幅度（已说明理由）", "Above the band (justified)") }}
                        {c.discretion_justification.clone().map(|j| view! { <br/><span class="muted">{j}</span> })}</dd>
                })}
            </dl>
    }
    .into_any()
}

/// The case's classification against the catalog and its review rounds.
fn review_section(c: &CaseDetail, lang: Lang) -> AnyView {
    if !c.major && c.review_rounds.is_empty() {
        return ().into_any();
    }
    view! {
        <h3>{lang.pick("重大执法决定法制审核", "Legal review of the major decision")}</h3>
        {(!c.major_criteria.is_empty()).then(|| view! {
            <ul data-test="major-criteria">{c.major_criteria.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
        })}
        {super::reviews::rounds_table(&c.review_rounds, lang).into_any()}
    }
    .into_any()
}

fn overview_tab(c: &CaseDetail, lang: Lang) -> impl IntoView {
    let facts = facts_list(c, lang);
    view! {
        <section data-test="overview">
            {facts}
            {review_section(c, lang)}
            <h3>{lang.pick("办案期限", "Deadlines")}</h3>
            <table class="table" data-test="deadlines">
                <thead><tr><th>{lang.pick("期限", "Deadline")}</th><th>{lang.pick("起算", "From")}</th><th>{lang.pick("届满", "Due")}</th><th>{lang.pick("状态", "Status")}</th></tr></thead>
                <tbody>{c.deadlines.iter().map(|d| view! {
                    <tr><td>{d.kind.label(lang)}</td><td>{d.started_on.to_string()}</td><td>{d.due.to_string()}</td>
                        <td>{match d.badge { Some(b) => view! { <DeadlineBadgeView badge=b /> }.into_any(), None => view! { <span class="muted">{match d.status.as_str() { "paused" => lang.pick("暂停计算", "Paused"), _ => lang.pick("已结束", "Ended") }}</span> }.into_any() }}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <h3>{lang.pick("办案时间线（审计日志）", "Timeline (audit log)")}</h3>
            <ol class="timeline" reversed data-test="timeline">
                {c.timeline.iter().rev().map(|t| view! {
                    <li data-test="timeline-entry" data-action=t.action.clone()>
                        <time>{t.at.chars().take(16).collect::<String>().replace('T', " ")}</time> " "
                        <strong>{t.command.map(|k| k.label(lang)).unwrap_or_else(|| other_action_label(&t.action, lang)).to_owned()}</strong> " · " {t.actor.clone()}
                        {t.to.map(|s| view! { " → " {s.label(lang)} })}
                        {(!t.detail.is_empty()).then(|| view! { <br/><span class="muted">{t.detail.clone()}</span> })}
                        <a class="muted seq" href=format!("/api/v1/public/audit/proof/inclusion?seq={}", t.seq) title=lang.pick("默克尔树包含证明", "Merkle inclusion proof") data-test="proof-link">" #" {t.seq}</a>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

fn parties_tab(
    c: &CaseDetail,
    party: ServerAction<AddParty>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView {
    let case_id = c.summary.id;
    view! {
        <section data-test="parties">
            <table class="table">
                <thead><tr><th>{lang.pick("名称", "Name")}</th><th>{lang.pick("证件号码", "Identifier")}</th><th>{lang.pick("法定代表人", "Representative")}</th><th>{lang.pick("电话", "Phone")}</th><th>{lang.pick("地址", "Address")}</th></tr></thead>
                <tbody>{c.parties.iter().map(|p| view! {
                    <tr data-test="party-row"><td>{p.name.clone()}</td><td>{p.identifier.clone()}</td><td>{p.legal_representative.clone().unwrap_or_default()}</td><td>{p.phone.clone().unwrap_or_default()}</td><td>{p.address.clone()}</td></tr>
                }).collect_view()}</tbody>
            </table>
            {c.can_add_party.then(move || view! {
                <h3>{lang.pick("添加当事人", "Add a party")}</h3>
                <ActionForm action=party attr:class="form" attr:data-test="party-form">
                    {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                    <input type="hidden" name="id" value=case_id />
                    <Select name="party[kind]" label=lang.pick("类型", "Type") field=Field::PartyKind error
                        options=vec![("natural_person".into(), lang.pick("公民", "Natural person").into()), ("organisation".into(), lang.pick("法人或其他组织", "Organisation").into())] />
                    <Input name="party[name]" label=lang.pick("姓名/名称", "Name") field=Field::PartyName error />
                    <Input name="party[id_number]" label=lang.pick("身份证号码（公民）", "ID number (persons)") field=Field::IdNumber error />
                    <Input name="party[credit_code]" label=lang.pick("统一社会信用代码（组织）", "Credit code (organisations)") field=Field::CreditCode error />
                    <Input name="party[legal_representative]" label=lang.pick("法定代表人（组织）", "Legal representative") field=Field::LegalRepresentative error />
                    <Input name="party[phone]" label=lang.pick("电话", "Phone") field=Field::Phone error input_type="tel" />
                    <Input name="party[address]" label=lang.pick("地址", "Address") field=Field::Address error />
                    <button type="submit" class="button" data-test="party-submit">{lang.pick("添加", "Add")}</button>
                </ActionForm>
            })}
        </section>
    }
}

fn evidence_tab(
    c: &CaseDetail,
    items: Vec<EvidenceView>,
    records: bool,
    upload_error: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let kinds: Vec<(&str, &str)> = EvidenceKind::ALL
        .into_iter()
        .filter(|k| k.is_record() == records)
        .map(|k| (k.as_str(), k.label(lang)))
        .collect();
    let officers = officer_options(&c.agency_officers, lang);
    let action = format!("/api/v1/cases/{}/evidence", c.summary.id);
    view! {
        <section data-test=if records { "records" } else { "evidence" }>
            <table class="table">
                <thead><tr><th>{lang.pick("名称", "Title")}</th><th>{lang.pick("时间/地点", "When / where")}</th><th>{lang.pick("收集人", "Collected by")}</th><th>{lang.pick("文件", "File")}</th></tr></thead>
                <tbody>{items.into_iter().map(|e| view! {
                    <tr data-test="evidence-row">
                        <td><strong>{e.title}</strong><br/><span class="muted">{EvidenceKind::parse(&e.kind).map(|k| k.label(lang))}</span>
                            {e.subject.map(|s| view! { <br/>{s} })}
                            {e.content.map(|s| view! { <br/><span class="record-text">{s}</span> })}</td>
                        <td>{e.collected_at.chars().take(16).collect::<String>().replace('T', " ")}<br/>{e.location}</td>
                        <td>{e.collectors.join("、")}</td>
                        <td>{e.sha256.map(|sha| view! {
                            <a href=format!("/api/v1/evidence/{}/file", e.id) data-test="evidence-download">{e.file_name.clone().unwrap_or_default()}</a>
                            <br/><code class="muted" title=sha.clone()>{sha.chars().take(12).collect::<String>()} "…"</code>
                        })}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            {c.can_record.then(move || view! {
                <h3>{if records { lang.pick("登记笔录", "Add a record") } else { lang.pick("登记证据", "Add evidence") }}</h3>
                {upload_error.map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e}</p> })}
                <form method="post" action=action enctype="multipart/form-data" class="form" data-test="evidence-form">
                    <div class="field"><label>{lang.pick("种类", "Kind")}
                        <select name="kind" data-test="evidence-kind">{kinds.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}</select></label></div>
                    <div class="field"><label>{lang.pick("名称", "Title")}<input name="title" data-test="evidence-title" /></label></div>
                    <div class="field"><label>{lang.pick("时间", "When")}<input name="collected_at" type="datetime-local" data-test="evidence-at" /></label></div>
                    <div class="field"><label>{lang.pick("地点", "Where")}<input name="location" data-test="evidence-location" /></label></div>
                    <div class="field"><label>{lang.pick("执法人员 1", "Officer 1")}<select name="officer_1" data-test="evidence-officer-1">{officers.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}</select></label></div>
                    <div class="field"><label>{lang.pick("执法人员 2", "Officer 2")}<select name="officer_2" data-test="evidence-officer-2">{officers.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}</select></label></div>
                    {records.then(|| view! {
                        <div class="field"><label>{lang.pick("被询问人/检查对象", "Person questioned / object")}<input name="subject" data-test="evidence-subject" /></label></div>
                        <div class="field"><label>{lang.pick("笔录内容", "Record text")}<textarea name="content" rows="5" data-test="evidence-content"></textarea></label></div>
                    })}
                    <div class="field"><label>{lang.pick("采集设备", "Device")}<input name="device" /></label></div>
                    <div class="field"><label>{lang.pick("文件", "File")}<input name="file" type="file" data-test="evidence-file" /></label></div>
                    <button type="submit" class="button" data-test="evidence-submit">{lang.pick("登记", "Record")}</button>
                </form>
            })}
        </section>
    }
}

fn issued_status(status: &str, lang: Lang) -> AnyView {
    match status {
        "in_force" => {
            view! { <span class="badge badge-ok">{lang.pick("有效", "In force")}</span> }.into_any()
        }
        "superseded" => {
            view! { <span class="badge">{lang.pick("已被新版本替代", "Superseded")}</span> }
                .into_any()
        }
        _ => view! { <span class="badge badge-bad">{lang.pick("已撤回", "Withdrawn")}</span> }
            .into_any(),
    }
}

fn documents_tab(
    c: &CaseDetail,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView {
    let case_id = c.summary.id;
    let can_issue = c.can_issue;
    view! {
        <section data-test="documents">
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            <table class="table">
                <thead><tr><th>{lang.pick("文书", "Document")}</th><th>{lang.pick("时间", "When")}</th><th>{lang.pick("经办人", "By")}</th><th>{lang.pick("签发", "Issued")}</th></tr></thead>
                <tbody>{c.documents.iter().map(|d| document_row(case_id, d, can_issue, issue, error, lang)).collect_view()}</tbody>
            </table>
            <p class="muted">{lang.pick(
                "签发时分配文号和核验码，文书的 SHA-256 写入审计日志；已签发的文书不能修改，只能签发新版本替代，新旧版本都保留。",
                "Issuing assigns the number and verification code and records the document's SHA-256 in the audit log; an issued document cannot be edited, only superseded by a new version, and both are kept.",
            )}</p>
        </section>
    }
}

/// One document record: its preview, its issued versions and the issue controls.
fn document_row(
    case_id: i32,
    d: &crate::api::case_dto::DocumentView,
    can_issue: bool,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    let in_force = d.issued.iter().any(|i| i.status == "in_force");
    let preview = format!("/api/v1/cases/{case_id}/documents/{}/preview", d.id);
    let controls = can_issue.then(|| issue_controls(case_id, d.id, in_force, issue, error, lang));
    view! {
        <tr data-test="document-row">
            <td><strong>{d.kind.label(lang)}</strong><br/>
                <a href=preview target="_blank" rel="noopener" data-test="document-preview">{lang.pick("预览", "Preview")}</a></td>
            <td>{d.created_at.chars().take(16).collect::<String>().replace('T', " ")}</td>
            <td>{d.created_by.clone()}</td>
            <td>
                <ul class="plain-list">{d.issued.iter().map(|i| issued_item(i, lang)).collect_view()}</ul>
                {controls}
            </td>
        </tr>
    }
    .into_any()
}

/// One issued version: number, status, code, downloads.
fn issued_item(i: &crate::api::case_dto::IssuedDocumentView, lang: Lang) -> AnyView {
    let when = i
        .issued_at
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ");
    let public = i.has_public_version.then(|| view! { " · " <a href=format!("/api/v1/documents/{}/file?public=true", i.id) data-test="issued-public">{lang.pick("公开版", "Public version")}</a> });
    let reason = i.status_reason.clone().map(
        |r| view! { <br/><span class="muted">{lang.pick("替代理由：", "Reason: ")}{r}</span> },
    );
    let proof = i.audit_seq.map(|seq| view! { <br/><a class="muted" href=format!("/api/v1/public/audit/proof/inclusion?seq={seq}")>{lang.pick("审计证明", "Audit proof")} " #" {seq}</a> });
    view! {
        <li data-test="issued-document">
            <span data-test="issued-number">{i.number.clone()}</span> " " {issued_status(&i.status, lang)}<br/>
            <span class="muted">{lang.pick("核验码", "Code")} " "</span><code data-test="issued-code">{i.verification_code.clone()}</code>
            <span class="muted">" · " {when} " · " {i.issued_by.clone()}</span><br/>
            <a href=format!("/api/v1/documents/{}/file", i.id) data-test="issued-download">{lang.pick("下载 PDF", "Download PDF")}</a>
            {public}{reason}{proof}
        </li>
    }
    .into_any()
}

/// Issue a record, or (when a version is in force) issue a corrected version with a reason.
fn issue_controls(
    case_id: i32,
    doc_id: i32,
    in_force: bool,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    if !in_force {
        return view! {
            <ActionForm action=issue attr:class="inline-form">
                <input type="hidden" name="case_id" value=case_id />
                <input type="hidden" name="document_id" value=doc_id />
                <input type="hidden" name="reason" value="" />
                <button type="submit" class="button" data-test="issue-submit">{lang.pick("签发", "Issue")}</button>
            </ActionForm>
        }
        .into_any();
    }
    let invalid = move || {
        error
            .get()
            .and_then(|e| e.field_message(Field::Reason).map(|_| "true"))
    };
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(Field::Reason).map(str::to_owned))
            .map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })
    };
    view! {
        <details class="step" data-test="reissue">
            <summary>{lang.pick("签发新版本（更正）", "Issue a new version (correction)")}</summary>
            <ActionForm action=issue attr:class="form">
                <input type="hidden" name="case_id" value=case_id />
                <input type="hidden" name="document_id" value=doc_id />
                <div class="field">
                    <label for=format!("reason-{doc_id}")>{lang.pick("更正理由", "Reason for the correction")}</label>
                    <input id=format!("reason-{doc_id}") name="reason" data-test="reason" aria-invalid=invalid />
                    {message}
                </div>
                <button type="submit" class="button button-secondary" data-test="reissue-submit">{lang.pick("签发新版本", "Issue new version")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// Reconsideration and litigation against the case's decision (复议诉讼): the challenges with
/// their results, and forms to record them for the agency's officers and heads.
#[component]
fn RemediesTab(case_id: i32) -> impl IntoView {
    use tianping_domain::remedy::{RemedyKind, RemedyOutcome};

    let lang = use_lang();
    let file = ServerAction::<FileRemedy>::new();
    let rule = ServerAction::<RuleRemedy>::new();
    let file_error = Signal::derive(move || action_error(file.value().get()));
    let rule_error = Signal::derive(move || action_error(rule.value().get()));
    let remedies = Resource::new(
        move || (file.version().get(), rule.version().get()),
        move |_| case_remedies(case_id),
    );
    view! {
        <section aria-labelledby="remedies-h" data-test="remedies">
            <h2 id="remedies-h">{lang.pick("行政复议与行政诉讼", "Reconsideration and litigation")}</h2>
            <p class="hint">{lang.pick(
                "复议决定或判决撤销、变更、确认违法或者确认无效的，系统立即撤回该决定的公示并公开说明理由（《行政处罚法》第48条）。",
                "A result that revokes, changes, or confirms the decision illegal or invalid withdraws its publication at once, with the reason (APL Art. 48).",
            )}</p>
            {loaded(remedies, move |r| {
                let can_record = r.can_record;
                let outcomes: Vec<(String, String)> = std::iter::once((String::new(), lang.pick("— 请选择 —", "— choose —").to_owned()))
                    .chain(RemedyOutcome::ALL.into_iter().map(|o| (o.as_str().to_owned(), o.label(lang).to_owned())))
                    .collect();
                view! {
                    {if r.items.is_empty() {
                        view! { <p class="muted" data-test="no-remedies">{lang.pick("尚无复议或诉讼。", "No reconsideration or suit so far.")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table" data-test="remedy-list">
                                <thead><tr>
                                    <th scope="col">{lang.pick("途径", "Remedy")}</th>
                                    <th scope="col">{lang.pick("复议机关或法院", "Body or court")}</th>
                                    <th scope="col">{lang.pick("申请/起诉日期", "Filed on")}</th>
                                    <th scope="col">{lang.pick("结果", "Result")}</th>
                                </tr></thead>
                                <tbody>
                                    {r.items.iter().map(|m| {
                                        let pending = m.outcome_label.is_none();
                                        let id = m.id;
                                        let options = outcomes.clone();
                                        view! {
                                            <tr data-test="remedy">
                                                <td>{m.kind_label.clone()}</td>
                                                <td>{m.body.clone()}</td>
                                                <td>{m.filed_on.to_string()}</td>
                                                <td>
                                                    {m.outcome_label.clone().map(|o| view! {
                                                        <span data-test="remedy-outcome">{o}</span> " " {m.decided_on.map(|d| d.to_string())}
                                                        {m.note.clone().map(|n| view! { <br /><span class="meta">{n}</span> })}
                                                        {m.withdrew.then(|| view! { <br /><span class="badge badge-bad">{lang.pick("已撤回公示", "Publication withdrawn")}</span> })}
                                                    })}
                                                    {(pending && can_record).then(move || view! {
                                                        <ActionForm action=rule attr:class="form form-inline" attr:data-test="rule-form">
                                                            <input type="hidden" name="remedy" value=id />
                                                            <Select name="form[outcome]" label=lang.pick("结果", "Result") field=Field::RemedyOutcome error=rule_error options=options />
                                                            <Input name="form[decided_on]" label=lang.pick("作出日期", "Given on") field=Field::DecidedOn error=rule_error input_type="date" />
                                                            <Input name="form[note]" label=lang.pick("文号或说明（可选）", "Number or note (optional)") field=Field::Reason error=rule_error />
                                                            <button type="submit" class="button" data-test="rule-submit">{lang.pick("登记结果", "Record the result")}</button>
                                                        </ActionForm>
                                                    })}
                                                    {(pending && !can_record).then(|| lang.pick("审理中", "Pending"))}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    {move || rule_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                    {can_record.then(|| view! {
                        <h3>{lang.pick("登记复议或诉讼", "Record a reconsideration or suit")}</h3>
                        <ActionForm action=file attr:class="form" attr:data-test="remedy-form">
                            {move || file_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                            <input type="hidden" name="id" value=case_id />
                            <Select name="form[kind]" label=lang.pick("途径", "Remedy") field=Field::RemedyKind error=file_error
                                options=std::iter::once((String::new(), lang.pick("— 请选择 —", "— choose —").to_owned()))
                                    .chain(RemedyKind::ALL.into_iter().map(|k| (k.as_str().to_owned(), k.label(lang).to_owned())))
                                    .collect() />
                            <Input name="form[body]" label=lang.pick("复议机关或人民法院", "Reconsideration body or court") field=Field::RemedyBody error=file_error />
                            <Input name="form[filed_on]" label=lang.pick("申请或起诉日期", "Applied or filed on") field=Field::FiledOn error=file_error input_type="date" />
                            <button type="submit" class="button" data-test="remedy-submit">{lang.pick("登记", "Record")}</button>
                        </ActionForm>
                    })}
                }.into_any()
            })}
        </section>
    }
}
