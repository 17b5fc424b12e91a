//! The case page's parties tab.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, validate::Field};

use super::{Input, Select};
use crate::api::{AppError, case_dto::CaseDetail, cases::AddParty};

/// The parties tab, with the form to add one.
pub(super) fn parties_tab(
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
                    <Select name="party[id_kind]" label=lang.pick("证件类型（公民）", "ID document (persons)") field=Field::IdKind error
                        options=tianping_domain::party::IdKind::ALL.into_iter().map(|k| (k.as_str().to_owned(), k.label(lang).to_owned())).collect() />
                    <Input name="party[id_number]" label=lang.pick("证件号码（公民）", "ID document number (persons)") field=Field::IdNumber error />
                    {crate::ui::form::field_error(error, Field::DocumentNumber)}
                    <Input name="party[birth_date]" label=lang.pick("出生日期（证件号码不含出生日期的，如护照）", "Date of birth (when the document number does not carry it, e.g. a passport)") field=Field::BirthDate error input_type="date" />
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
