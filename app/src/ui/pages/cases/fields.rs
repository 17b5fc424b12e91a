//! The labelled inputs and selects of the case forms, with their field errors.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, validate::Field};

use crate::api::{AppError, case_dto::PersonRef};

/// A labelled input whose error (if the server named its field) shows beneath it.
#[component]
pub(super) fn Input(
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
pub(super) fn Select(
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

/// The agency's officers as select options, after an empty choice.
pub(super) fn officer_options(people: &[PersonRef], lang: Lang) -> Vec<(String, String)> {
    let mut v = vec![(
        String::new(),
        lang.pick("— 请选择 —", "— choose —").to_owned(),
    )];
    v.extend(people.iter().map(|p| (p.id.to_string(), p.name.clone())));
    v
}
