//! Coercive measures (查封、扣押, issue 23 item 6): the agency's list with each measure's last
//! day, testing periods, warnings and the steps the user may take now, and the form that
//! proposes a measure or records one taken on the spot in an emergency.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, validate::Field};

use super::inspections::{certificate_line, error_alert, succeeded};
use crate::{
    api::{
        AppError,
        coercive::{MeasureStep, OpenMeasure, list_measures, measure_officers},
        coercive_dto::{CoerciveChoice, CoerciveMeasureView},
    },
    ui::{
        common::{StaffPage, action_error, loaded, use_lang},
        form::{field_error, invalid},
    },
};

/// The fields a step asks for, inside its form.
fn step_fields(
    step: &str,
    m: &CoerciveMeasureView,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    let id = m.id;
    match step {
        "extend" => view! {
            <div class="field">
                <label for=format!("cm-{id}-days")>{lang.pick("延长天数（不超过 30 日）", "Days (at most 30)")}</label>
                <input id=format!("cm-{id}-days") name="days" type="number" min="1" max="30" value="30" inputmode="numeric"
                    aria-invalid=invalid(error, Field::Days) data-test="cm-days" />
                {field_error(error, Field::Days)}
            </div>
            <div class="field">
                <label for=format!("cm-{id}-reason")>{lang.pick("延长理由（书面告知当事人）", "Reasons (told to the party in writing)")}</label>
                <textarea id=format!("cm-{id}-reason") name="reason" rows="3" aria-invalid=invalid(error, Field::Reason) data-test="cm-extend-reason"></textarea>
                {field_error(error, Field::Reason)}
            </div>
        }
        .into_any(),
        "release" => {
            let reasons = m.release_reasons.clone();
            view! {
                <div class="field">
                    <label for=format!("cm-{id}-release-reason")>{lang.pick("解除理由", "Reason for the release")}</label>
                    <select id=format!("cm-{id}-release-reason") name="release_reason" aria-invalid=invalid(error, Field::ReleaseReason) data-test="cm-release-reason">
                        // No reason chosen for the head: releasing needs a deliberate choice.
                        <option value="">{lang.pick("（请选择）", "(choose)")}</option>
                        {reasons.into_iter().map(|r: CoerciveChoice| view! { <option value=r.value>{r.label}</option> }).collect_view()}
                    </select>
                    {field_error(error, Field::ReleaseReason)}
                </div>
                <div class="field">
                    <label for=format!("cm-{id}-note")>{lang.pick("说明（可选）", "Explanation (optional)")}</label>
                    <textarea id=format!("cm-{id}-note") name="reason" rows="2" aria-invalid=invalid(error, Field::Reason)></textarea>
                    {field_error(error, Field::Reason)}
                </div>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

/// One measure with the steps the user may take now.
fn measure_card(
    m: CoerciveMeasureView,
    action: ServerAction<MeasureStep>,
    last: RwSignal<Option<i32>>,
    lang: Lang,
) -> AnyView {
    let id = m.id;
    let error = Signal::derive(move || {
        (last.get() == Some(id))
            .then(|| action_error(action.value().get()))
            .flatten()
    });
    let steps = m
        .steps
        .clone()
        .into_iter()
        .map(|s| {
            let step = s.value;
            let primary = if step == "release" {
                "button button-secondary"
            } else {
                "button"
            };
            let fields = step_fields(&step, &m, error, lang);
            let form_test = format!("cm-{step}-form");
            let submit_test = format!("cm-{step}-submit");
            view! {
                <ActionForm action=action attr:class="form" attr:data-test=form_test
                    on:submit=move |_| last.set(Some(id))>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="step" value=step />
                    {fields}
                    <button type="submit" class=primary data-test=submit_test
                        disabled=move || action.pending().get()>{s.label}</button>
                </ActionForm>
            }
        })
        .collect_view();
    let officers = m
        .officers
        .iter()
        .map(|o| {
            let text = certificate_line(
                &o.name,
                o.certificate_number.as_deref(),
                o.certified_today,
                lang,
            );
            view! { <li>{text}</li> }
        })
        .collect_view();
    let testing = m
        .testing
        .iter()
        .map(|t| {
            let to =
                t.to.map(|d| d.to_string())
                    .unwrap_or_else(|| lang.pick("进行中", "running").to_owned());
            view! { <li>{t.from.to_string()} " — " {to}</li> }
        })
        .collect_view();
    let china = |t: chrono::DateTime<chrono::Utc>| {
        tianping_domain::i18n::china_time(t)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    view! {
        <article class="card measure" data-test="measure" data-code=m.code.clone() data-state=m.state.clone()>
            <h2>{m.kind_label.clone()} " · " {m.party.clone()}</h2>
            <p class="meta"><span class="input-code">{m.code.clone()}</span>
                " · " <span class="badge" data-test="cm-state">{m.state_label.clone()}</span>
                {m.emergency.then(|| view! { " " <span class="badge badge-warn">{lang.pick("当场实施", "Taken on the spot")}</span> })}</p>
            {(!m.warnings.is_empty()).then(|| view! {
                <p class="warnings" role="note">{lang.pick("监督预警：", "Supervision warnings: ")}
                    {m.warnings.iter().map(|w| view! {
                        <span class="badge badge-bad" data-test="cm-warning" data-code=w.value.clone()>{w.label.clone()}</span> " "
                    }).collect_view()}</p>
            })}
            <dl class="facts">
                <dt>{lang.pick("场所", "Place")}</dt><dd>{m.place.clone()}</dd>
                <dt>{lang.pick("物品清单", "Items")}</dt><dd><ul class="plain">{m.items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ul></dd>
                <dt>{lang.pick("法律依据", "Legal basis")}</dt><dd>{m.legal_basis.clone()}</dd>
                <dt>{lang.pick("事实和理由", "Facts and reasons")}</dt><dd>{m.reason.clone()}</dd>
                <dt>{lang.pick("当事人到场", "Party present")}</dt><dd>{match &m.witness {
                    None => lang.pick("是", "Yes").to_owned(),
                    Some(w) => format!("{}{w}", lang.pick("否，见证人：", "No; witness: ")),
                }}</dd>
                {m.custody.clone().map(|c| view! { <dt>{lang.pick("保管", "Custody")}</dt><dd>{c}</dd> })}
                <dt>{lang.pick("执法人员", "Officers")}</dt><dd><ul class="plain">{officers}</ul></dd>
                {m.taken_at.map(|t| view! { <dt>{lang.pick("当场实施时间", "Taken on the spot")}</dt><dd>{china(t)}</dd> })}
                {m.report_due.map(|t| view! { <dt>{lang.pick("报告期限", "Report due")}</dt><dd>{china(t)} {m.reported_at.map(|r| match lang {
                    Lang::Zh => format!(" · 已于 {} 报告", china(r)),
                    Lang::En => format!(" · reported {}", china(r)),
                })}</dd> })}
                <dt>{lang.pick("批准", "Approval")}</dt><dd data-test="cm-approved">{m.approved_by.clone().unwrap_or_else(|| lang.pick("尚未批准", "Not yet approved").to_owned())}</dd>
                {m.decided_on.map(|d| view! { <dt>{lang.pick("决定日期", "Decided on")}</dt><dd>{d.to_string()}</dd> })}
                {m.last_day.map(|d| view! { <dt>{lang.pick("期限届满日", "Last day")}</dt><dd data-test="cm-last-day">{d.to_string()}</dd> })}
                {m.extension_days.map(|d| view! { <dt>{lang.pick("延长", "Extension")}</dt><dd>{d} {lang.pick(" 日：", " days: ")} {m.extension_reason.clone()}</dd> })}
                {(!m.testing.is_empty()).then(|| view! { <dt>{lang.pick("检测、检验期间（不计入期限）", "Testing (not counted)")}</dt><dd><ul class="plain">{testing}</ul></dd> })}
                {m.release_reason.clone().map(|r| view! { <dt>{lang.pick("解除", "Released")}</dt><dd data-test="cm-released">{m.released_on.map(|d| d.to_string())} " " {r.label}</dd> })}
            </dl>
            <div class="form-answer">
                {move || error.get().map(error_alert)}
            </div>
            {steps}
        </article>
    }
    .into_any()
}

/// The form that proposes a measure or records one taken on the spot.
#[component]
fn NewMeasure(
    open: ServerAction<OpenMeasure>,
    opened: RwSignal<u32>,
    people: Vec<(i32, String, bool)>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || action_error(open.value().get()));
    // A measure recorded: the form is emptied (a refused one keeps what was typed).
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if opened.get() > 0
            && let Some(form) = form_ref.get_untracked()
        {
            form.reset();
        }
    });
    let select = move |name: &'static str, label: &'static str, list: Vec<(i32, String, bool)>| {
        view! {
            <div class="field">
                <label for=format!("cm-{name}")>{label}</label>
                <select id=format!("cm-{name}") name=name data-test=format!("cm-{name}") aria-invalid=invalid(error, Field::Officers)>
                    <option value="">{lang.pick("（请选择）", "(choose)")}</option>
                    {list.into_iter().map(|(id, name, certified)| view! {
                        <option value=id>{name} {(!certified).then(|| lang.pick("（今日无有效证件）", " (no certificate in force)"))}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="card" data-test="new-measure">
            <h2>{lang.pick("查封、扣押", "Seal up or seize")}</h2>
            <p class="muted">{lang.pick(
                "实施前须向机关负责人报告并经批准；情况紧急需要当场实施的，应当在二十四小时内向负责人报告并补办批准手续。由两名以上持有效执法证的人员实施，当事人到场，不到场的邀请见证人；扣押物品写明保管场所和保管人。",
                "A measure is approved by the head beforehand; one taken on the spot in an emergency is reported to the head within 24 hours and approved afterwards. Two or more certified officers carry it out with the party present, or a witness when the party is absent; seized goods are kept by someone somewhere.",
            )}</p>
            {
                let list = people.clone();
                view! {
                    <ActionForm action=open node_ref=form_ref attr:class="form" attr:data-test="measure-form">
                        <fieldset>
                            <legend>{lang.pick("措施类型", "Kind of measure")}</legend>
                            <label class="check"><input type="radio" name="kind" value="seizure" checked=true data-test="cm-kind-seizure" />{lang.pick("扣押", "Seizure")}</label>
                            <label class="check"><input type="radio" name="kind" value="seal_up" data-test="cm-kind-seal_up" />{lang.pick("查封", "Seal-up")}</label>
                            {field_error(error, Field::MeasureKind)}
                        </fieldset>
                        <div class="field">
                            <label for="cm-party">{lang.pick("当事人", "Party")}</label>
                            <input id="cm-party" name="party" autocomplete="off" aria-invalid=invalid(error, Field::PartyName) data-test="cm-party" />
                            {field_error(error, Field::PartyName)}
                        </div>
                        <div class="field">
                            <label for="cm-place">{lang.pick("场所", "Place")}</label>
                            <input id="cm-place" name="place" autocomplete="off" aria-invalid=invalid(error, Field::Location) data-test="cm-place" />
                            {field_error(error, Field::Location)}
                        </div>
                        <div class="field">
                            <label for="cm-items">{lang.pick("查封、扣押物品清单（每行一项：名称、数量、规格）", "List of items (one per line: name, quantity, specification)")}</label>
                            <textarea id="cm-items" name="items" rows="4" aria-invalid=invalid(error, Field::SeizedItems) data-test="cm-items"></textarea>
                            {field_error(error, Field::SeizedItems)}
                        </div>
                        <div class="field">
                            <label for="cm-basis">{lang.pick("法律依据", "Legal basis")}</label>
                            <input id="cm-basis" name="legal_basis" aria-invalid=invalid(error, Field::LegalBasis) data-test="cm-basis" />
                            {field_error(error, Field::LegalBasis)}
                        </div>
                        <div class="field">
                            <label for="cm-reason">{lang.pick("事实和理由", "Facts and reasons")}</label>
                            <textarea id="cm-reason" name="reason" rows="3" aria-invalid=invalid(error, Field::Reason) data-test="cm-reason"></textarea>
                            {field_error(error, Field::Reason)}
                        </div>
                        <label class="check"><input type="checkbox" name="party_present" value="on" checked=true data-test="cm-party-present" />{lang.pick("当事人到场", "The party is present")}</label>
                        <div class="field">
                            <label for="cm-witness">{lang.pick("见证人（当事人不到场时必填）", "Witness (required when the party is absent)")}</label>
                            <input id="cm-witness" name="witness" autocomplete="off" aria-invalid=invalid(error, Field::Witness) data-test="cm-witness" />
                            {field_error(error, Field::Witness)}
                        </div>
                        <div class="field">
                            <label for="cm-custody">{lang.pick("保管场所及保管人（扣押时必填）", "Custody (required for a seizure)")}</label>
                            <input id="cm-custody" name="custody" autocomplete="off" aria-invalid=invalid(error, Field::Custody) data-test="cm-custody" />
                            {field_error(error, Field::Custody)}
                        </div>
                        <fieldset>
                            <legend>{lang.pick("执法人员（至少两名）", "Officers (at least two)")}</legend>
                            {select("officer_a", lang.pick("执法人员一", "First officer"), list.clone())}
                            {select("officer_b", lang.pick("执法人员二", "Second officer"), list.clone())}
                            {select("officer_c", lang.pick("执法人员三（可选）", "Third officer (optional)"), list)}
                            {field_error(error, Field::Officers)}
                        </fieldset>
                        <label class="check"><input type="checkbox" name="emergency" value="on" data-test="cm-emergency" />{lang.pick("情况紧急，已当场实施（二十四小时内报告负责人）", "Emergency: taken on the spot (report to the head within 24 hours)")}</label>
                        <button type="submit" class="button" data-test="cm-submit" disabled=move || open.pending().get()>{lang.pick("提交", "Submit")}</button>
                    </ActionForm>
                }
            }
            <div class="form-answer" data-test="cm-answer">
                {move || match open.value().get() {
                    Some(Ok(m)) => Some(view! {
                        <div class="alert alert-ok" role="status" data-test="cm-receipt">
                            {lang.pick("已登记：", "Recorded: ")} <span class="input-code">{m.code}</span> " · " {m.state_label}
                        </div>
                    }.into_any()),
                    Some(Err(e)) => Some(error_alert(e)),
                    None => None,
                }}
            </div>
        </section>
    }
}

/// The coercive measures of the user's agency (supervisors: their region's).
#[component]
pub fn MeasureList() -> impl IntoView {
    let lang = use_lang();
    let step = ServerAction::<MeasureStep>::new();
    let open = ServerAction::<OpenMeasure>::new();
    let last = RwSignal::new(None::<i32>);
    let taken = succeeded(move || matches!(step.value().get(), Some(Ok(_))));
    let opened = succeeded(move || matches!(open.value().get(), Some(Ok(_))));
    let list = Resource::new(move || (taken.get(), opened.get()), |_| list_measures());
    let may_open = Resource::new(|| (), |_| measure_officers());
    view! {
        <StaffPage title=lang.pick("行政强制措施", "Coercive measures").to_owned()>
            <p class="muted">{lang.pick(
                "查封、扣押的期限不得超过三十日，情况复杂的经负责人批准可延长一次，延长不超过三十日；检测、检验期间不计入。期限届满或者不再需要的，应当及时解除。",
                "A seal-up or seizure lasts at most 30 days; in a complex case the head may extend it once by at most 30 days; testing time does not count. It is released when the limit ends or it is no longer needed.",
            )}</p>
            <Suspense>
                {move || may_open.get().and_then(Result::ok).map(|people| view! { <NewMeasure open=open opened=opened people=people /> })}
            </Suspense>
            <h2>{lang.pick("措施记录", "Measures")}</h2>
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-measures">{lang.pick("暂无行政强制措施。", "There are no coercive measures.")}</p> }.into_any();
                }
                let (mine, rest): (Vec<_>, Vec<_>) = items
                    .into_iter()
                    .partition(|m| !m.steps.is_empty() || !m.warnings.is_empty());
                mine.into_iter().chain(rest).map(|m| measure_card(m, step, last, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}
