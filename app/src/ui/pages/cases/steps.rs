//! The forms of the next steps on the case page, and the staffing change.

use crate::ui::form::field_error;
use leptos::prelude::*;
use tianping_domain::{
    case::{CommandKind, InvestigationOutcome, ServiceMethod},
    discretion::Circumstance,
    i18n::Lang,
    money::format_yuan,
    review::Measure,
    validate::Field,
};

use super::{Input, Select, officer_options};
use crate::api::{
    AppError,
    case_dto::CaseDetail,
    cases::{ChangeStaffing, TakeStep},
};

/// The form of one next step, folded.
pub(super) fn step_form(
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
        // Evidence is recorded with its file on the evidence tab, not as a step.
        CommandKind::RecordEvidence => {
            return view! {
                <p class="step-link">
                    <a class="button" href=format!("/work/cases/{id}?tab=evidence") data-test="step-record_evidence">{kind.label(lang)}</a>
                </p>
            }
            .into_any();
        }
        CommandKind::ApproveReview => {
            // Decided on the reviewer's work page, with the checklist.
            let pending = c.review_rounds.iter().find(|r| r.outcome.is_none()).map(|r| r.id);
            return view! {
                <p class="step-link">{pending.map(|rid| view! {
                    <a class="button" href=format!("/work/reviews/{rid}") data-test="open-review">{lang.pick("进入法制审核", "Open the legal review")}</a>
                })}</p>
            }.into_any();
        }
        CommandKind::DeclineClue
        | CommandKind::Withdraw
        | CommandKind::Suspend
        | CommandKind::RecordExecution
        | CommandKind::HoldCollectiveDiscussion
        | CommandKind::OrderCorrection
        | CommandKind::Transfer => reason_fields(kind, error, lang),
        CommandKind::ConcludeInvestigation => conclusion_fields(c, error, lang),
        CommandKind::SubmitForReview => submission_fields(c, error, lang),
        CommandKind::ServePriorNotice => view! {
            <Input name="form[date]" label=lang.pick("送达日期", "Served on") field=Field::Date error input_type="date" />
            <Input name="form[amount]" label=lang.pick("拟罚款金额（元）", "Proposed fine (yuan)") field=Field::Fine error />
            <Select name="form[method]" label=lang.pick("送达方式", "Method") field=Field::ServiceMethod error
                options=[ServiceMethod::Direct, ServiceMethod::LeftAtAddress, ServiceMethod::Postal, ServiceMethod::Entrusted, ServiceMethod::Electronic, ServiceMethod::PublicNotice]
                    .into_iter().map(|m| (crate::api::case_dto_code(&m), m.label(lang).to_owned())).collect() />
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
        CommandKind::Decide => decision_fields(c, error, lang),
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

/// The fields of the steps that take a reason (or a receiving organ, or a conclusion).
fn reason_fields(kind: CommandKind, error: Signal<Option<AppError>>, lang: Lang) -> AnyView {
    let label = match kind {
        CommandKind::Transfer => lang.pick("接收机关", "Receiving organ"),
        CommandKind::HoldCollectiveDiscussion => lang.pick("讨论结论", "Conclusion"),
        CommandKind::RecordExecution => lang.pick("执行情况", "What was done"),
        CommandKind::OrderCorrection => lang.pick("改正要求", "What to correct"),
        _ => lang.pick("理由", "Reason"),
    };
    view! {
        <div class="field">
            <label>{label}<textarea name="form[reason]" rows="2" data-test="form[reason]"></textarea></label>
            {field_error(error, Field::Reason)}
        </div>
        {(kind == CommandKind::OrderCorrection).then(|| view! {
            <Input name="form[date]" label=lang.pick("改正期限（留空为立即改正）", "Correct by (empty: at once)") field=Field::Date error input_type="date" />
        })}
        {(kind == CommandKind::RecordExecution).then(|| view! {
            <label class="check"><input type="checkbox" name="form[confirmed]" value="on" />{lang.pick("执行完毕", "Execution finished")}</label>
        })}
    }.into_any()
}

/// The violated provisions of the agency's powers list (its discretion standards), offered as
/// choices for the provision field (issue 22 item 6); another provision may still be typed.
fn provision_choices(c: &CaseDetail, id: &'static str) -> AnyView {
    view! {
        <datalist id=id data-test="provision-choices">
            {c.standards.iter().map(|s| view! { <option value=s.provision.clone()>{s.title.clone()}</option> }).collect_view()}
        </datalist>
    }
    .into_any()
}

/// The conclusion of an investigation: outcome, proposed penalties, catalog circumstances.
fn conclusion_fields(c: &CaseDetail, error: Signal<Option<AppError>>, lang: Lang) -> AnyView {
    view! {
        <Select name="form[outcome]" label=lang.pick("调查结论", "Outcome") field=Field::Outcome error
            options=InvestigationOutcome::ALL.into_iter().map(|o| (crate::api::case_dto_code(&o), o.label(lang).to_owned())).collect() />
        <Input name="form[amount]" label=lang.pick("拟罚款金额（元，无罚款留空）", "Proposed fine (yuan; empty if none)") field=Field::Fine error />
        <Input name="form[confiscation]" label=lang.pick("拟没收违法所得、非法财物价值（元）", "Value to be confiscated (yuan)") field=Field::Confiscation error />
        {provision_choices(c, "provisions-conclude")}
        <Input name="form[provision_violated]" label=lang.pick("违反的法律条款（如《中华人民共和国食品安全法》第三十四条第十项）", "Provision violated") field=Field::Provision error list="provisions-conclude"
            hint=lang.pick("可从本机关权责清单（裁量基准）中选择", "Choose from the agency's powers list (discretion standards) or type it") />
        <Input name="form[provision_applied]" label=lang.pick("处罚依据条款（如《中华人民共和国食品安全法》第一百二十四条第一款）", "Provision applied (legal basis of the penalty)") field=Field::Provision error />
        <fieldset class="checks"><legend>{lang.pick("拟作出的其他处罚", "Other penalties proposed")}</legend>
            {Measure::ALL.into_iter().map(|m| view! {
                <label class="check"><input type="checkbox" name=format!("form[measures][{}]", m.as_str()) value="on" data-test=format!("measure-{}", m.as_str()) />{m.label(lang)}</label>
            }).collect_view()}
        </fieldset>
        <fieldset class="checks"><legend>{lang.pick("重大执法决定目录中的情形", "Circumstances of the major-decision catalog")}</legend>
            {c.catalog_flags.iter().map(|(code, label)| view! {
                <label class="check"><input type="checkbox" name=format!("form[flags][{code}]") value="on" data-test=format!("flag-{code}") />{label.clone()}</label>
            }).collect_view()}
            <label class="check"><input type="checkbox" name="form[departure]" value="on" />{lang.pick("拟减轻处罚或者偏离裁量基准", "Mitigation or departure from the discretion standard proposed")}</label>
            {field_error(error, Field::FlagCode)}
        </fieldset>
        <p class="hint">{lang.pick("系统按本机关现行的重大执法决定目录判断是否须经法制审核。", "Whether legal review is required is judged by the agency's catalog in force.")}</p>
    }
    .into_any()
}

/// The submission to legal review, with the records the stage needs.
fn submission_fields(c: &CaseDetail, error: Signal<Option<AppError>>, lang: Lang) -> AnyView {
    let area = move |name: &'static str, label: &'static str, field: Field| {
        view! {
            <div class="field">
                <label>{label}<textarea name=name rows="4" data-test=name></textarea></label>
                {field_error(error, field)}
            </div>
        }
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
        {field_error(error, Field::EvidenceList)}
    }.into_any()
}

/// The decision: outcome, fine, discretion standard and circumstance, justification.
fn decision_fields(c: &CaseDetail, error: Signal<Option<AppError>>, lang: Lang) -> AnyView {
    let standards: Vec<(String, String)> = std::iter::once((
        String::new(),
        lang.pick("— 不适用 —", "— none —").to_owned(),
    ))
    .chain(
        c.standards
            .iter()
            .map(|s| (s.id.to_string(), format!("{} {}", s.provision, s.title))),
    )
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
        {provision_choices(c, "provisions-decide")}
        <Input name="form[provision_violated]" label=lang.pick("违反的法律条款（已在调查终结时填写的可留空；如《中华人民共和国食品安全法》第三十四条第十项）", "Provision violated") field=Field::Provision error list="provisions-decide" />
        <Input name="form[provision_applied]" label=lang.pick("处罚依据条款（已填写的可留空；如《中华人民共和国食品安全法》第一百二十四条第一款）", "Provision applied (legal basis of the penalty)") field=Field::Provision error />
        <Select name="form[standard]" label=lang.pick("裁量基准", "Discretion standard") field=Field::Standard error options=standards />
        <Select name="form[circumstance]" label=lang.pick("违法情节", "Circumstance") field=Field::Circumstance error
            options=Circumstance::ALL.into_iter().map(|ci| (ci.as_str().to_owned(), ci.label(lang).to_owned())).collect() />
        <ul class="hint" data-test="discretion-bands">{bands}</ul>
        <div class="field">
            <label>{lang.pick("超出裁量幅度的理由", "Justification if outside the band")}<textarea name="form[justification]" rows="2" data-test="form[justification]"></textarea></label>
            {field_error(error, Field::Justification)}
        </div>
    }.into_any()
}

/// The form to change the case's officers (recusal, assignment).
pub(super) fn staffing_form(
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
                    {field_error(error, Field::Reason)}
                </div>
                <button type="submit" class="button" data-test="step-submit">{lang.pick("确定", "Confirm")}</button>
            </ActionForm>
        </details>
    }
}
