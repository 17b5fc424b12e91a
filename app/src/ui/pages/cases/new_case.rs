//! Registering a case (案源登记).

use crate::ui::form::field_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::validate::Field;

use super::{Input, Select, go_to_case};
use crate::{
    api::cases::RegisterCase,
    ui::common::{StaffPage, action_error, use_lang},
};

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
                    {field_error(error, Field::Description)}
                </div>
                <Input name="form[location]" label=lang.pick("地点", "Location") field=Field::Location error value=location.get_value() />
                <Input name="form[received_on]" label=lang.pick("受理日期", "Received on") field=Field::ReceivedOn error input_type="date" />
                <Input name="form[act_date]" label=lang.pick("违法行为发生日期", "Date of the act") field=Field::ActDate error input_type="date" />
                <Input name="form[act_ended_on]" label=lang.pick("违法行为终了日期（连续或者继续状态的，选填）", "Date a continuing act ended (optional)") field=Field::ActEndedOn error input_type="date" />
                <fieldset class="field">
                    <legend>{lang.pick("追责时效（《行政处罚法》第三十六条）", "Limitation period (APL Art. 36)")}</legend>
                    <label class="check"><input type="checkbox" name="form[endangers]" value="on" data-test="form[endangers]" />{lang.pick("涉及公民生命健康安全、金融安全", "Concerns life and health, public safety or financial security")}</label>
                    <label class="check"><input type="checkbox" name="form[harmful]" value="on" data-test="form[harmful]" />{lang.pick("有危害后果", "Had harmful consequences")}</label>
                </fieldset>
                <button type="submit" class="button" data-test="submit">{lang.pick("登记", "Register")}</button>
            </ActionForm>
        </StaffPage>
    }
}
