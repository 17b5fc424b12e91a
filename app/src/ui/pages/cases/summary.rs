//! The on-the-spot decision (简易程序).

use leptos::prelude::*;
use tianping_domain::validate::Field;

use super::{Input, Select, go_to_case, officer_options};
use crate::{
    api::{case_dto::PersonRef, cases::DecideOnTheSpot},
    ui::common::{StaffPage, action_error, loaded, use_lang},
};

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
                // Issue 22 item 5 and APL Art. 44: asked once before a decision that takes effect
                // at once (the box carries no name: it only holds the submission back).
                <label class="check confirm-check">
                    <input type="checkbox" required data-test="confirm-informed" />
                    {lang.pick(
                        "已向当事人告知拟作出的处罚内容及事实、理由、依据，以及依法享有的陈述、申辩权利（《行政处罚法》第四十四条）；决定作出后即生效并交付当事人",
                        "The party was told the penalty intended, its facts, reasons and basis, and the right to state and defend (APL Art. 44); the decision takes effect and is handed over at once",
                    )}
                </label>
                <button type="submit" class="button" data-test="submit">{lang.pick("作出当场处罚决定", "Decide on the spot")}</button>
            </ActionForm>
        </StaffPage>
    }
}
