//! The form components every page uses: a labelled input or select with the message of the
//! rule its field broke (when the server named that field), and the pieces for hand-built
//! fields (`field_error`, `invalid`).

use leptos::prelude::*;
use tianping_domain::validate::Field;

use crate::api::AppError;

/// The message under a form field when the last submission broke a rule of that field.
pub fn field_error(error: Signal<Option<AppError>>, field: Field) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.field_message(field).map(str::to_owned))
            .map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })
    }
}

/// The message under a form field, naming the field by its label on this form.
pub fn labelled_field_error(
    error: Signal<Option<AppError>>,
    field: Field,
    label: &'static str,
) -> impl IntoView {
    let lang = crate::ui::common::use_lang();
    move || {
        error
            .get()
            .and_then(|e| e.field_message_labelled(field, label, lang))
            .map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })
    }
}

/// `aria-invalid` of a field: `"true"` when the last submission broke one of its rules.
pub fn invalid(
    error: Signal<Option<AppError>>,
    field: Field,
) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    move || {
        error
            .get()
            .and_then(|e| e.field_message(field).map(|_| "true"))
    }
}

fn field_id(name: &str) -> String {
    name.replace(['[', ']'], "_")
}

/// A labelled input, with an optional hint above it and its field error beneath it.
#[component]
pub fn Input(
    name: &'static str,
    label: &'static str,
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    /// The id of a `<datalist>` of suggested values (the user may still type another).
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <input id=id name=name type=input_type.unwrap_or("text") value=value list=list aria-invalid=invalid(error, field) data-test=name />
            {labelled_field_error(error, field, label)}
        </div>
    }
}

/// A labelled select of `(value, label)` options, with its field error.
#[component]
pub fn Select(
    name: &'static str,
    label: &'static str,
    field: Field,
    #[prop(into)] error: Signal<Option<AppError>>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = field_id(name);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name data-test=name aria-invalid=invalid(error, field)>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            {labelled_field_error(error, field, label)}
        </div>
    }
}
