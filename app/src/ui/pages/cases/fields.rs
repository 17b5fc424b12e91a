//! Options shared by the case forms.

use tianping_domain::i18n::Lang;

use crate::api::case_dto::PersonRef;

/// The agency's officers as select options, after an empty choice.
pub(super) fn officer_options(people: &[PersonRef], lang: Lang) -> Vec<(String, String)> {
    let mut v = vec![(
        String::new(),
        lang.pick("— 请选择 —", "— choose —").to_owned(),
    )];
    v.extend(people.iter().map(|p| (p.id.to_string(), p.name.clone())));
    v
}
