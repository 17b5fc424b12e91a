//! A case's state and deadline badges.

use leptos::prelude::*;
use tianping_domain::{
    case::{CaseState, DeadlineKind},
    deadline::Level,
    i18n::Lang,
};

use crate::{api::case_dto::DeadlineBadge, ui::common::use_lang};

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

/// The case's state as a badge: green when terminal.
pub(super) fn state_badge(state: CaseState, lang: Lang) -> impl IntoView {
    let class = if state.is_terminal() {
        "badge badge-ok"
    } else {
        "badge badge-warn"
    };
    view! { <span class=class data-test="case-state" data-state=state.as_str()>{state.label(lang)}</span> }
}
