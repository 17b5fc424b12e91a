//! The case page's reconsideration and litigation tab.

use leptos::prelude::*;
use tianping_domain::validate::Field;

use super::{Input, Select};
use crate::ui::form::field_error;
use crate::{
    api::cases::{FileRemedy, RuleRemedy, case_remedies},
    ui::common::{action_error, loaded, use_lang},
};

/// Reconsideration and litigation against the case's decision (复议诉讼): the challenges with
/// their results, and forms to record them for the agency's officers and heads.
#[component]
pub(super) fn RemediesTab(case_id: i32) -> impl IntoView {
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
                                        let litigation = m.kind == "litigation";
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
                                                            {litigation.then(|| view! {
                                                                <label class="check"><input type="checkbox" name="form[effective]" value="on" data-test="rule-effective" />{lang.pick("裁判已发生法律效力", "The judgment has taken effect")}</label>
                                                                {field_error(rule_error, Field::Effective)}
                                                            })}
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
