//! The user's own account: change password.

use leptos::prelude::*;
use tianping_domain::validate::Field;

use crate::{
    api::auth::ChangePassword,
    ui::common::{StaffPage, action_error, use_lang},
};

/// Change-password form. On success every session ends, so the user signs in again.
#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let error = move || action_error(action.value().get());
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <StaffPage title=lang.pick("修改密码", "Change password").to_owned()>
            {move || if done() {
                view! {
                    <p class="alert alert-ok" role="status" data-test="password-changed">
                        {lang.pick("密码已修改，所有登录会话已失效。", "Password changed; every session has ended.")}
                        " " <a href="/login" rel="external">{lang.pick("请重新登录", "Please sign in again")}</a>
                    </p>
                }.into_any()
            } else {
                let required = use_context::<crate::api::dto::Me>().is_some_and(|m| m.must_change_password);
                view! {
                    {required.then(|| view! {
                        <p class="alert alert-warn" role="alert" data-test="password-change-required">
                            {lang.pick(
                                "您的密码由管理员设置。请先设置只有您本人知道的新密码，之后才能使用系统的其他功能。",
                                "Your password was set by an administrator. Choose a new one that only you know before using anything else.",
                            )}
                        </p>
                    })}
                    <ActionForm action attr:class="form narrow">
                        {move || error().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                        <div class="field">
                            <label for="current_password">{lang.pick("当前密码", "Current password")}</label>
                            <input id="current_password" name="current_password" type="password" autocomplete="current-password" required />
                            {move || error().and_then(|e| e.field_message(Field::Password).map(|m| view! { <p class="field-error">{m.to_owned()}</p> }))}
                        </div>
                        <div class="field">
                            <label for="new_password">{lang.pick("新密码（10–128 个字符）", "New password (10–128 characters)")}</label>
                            <input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="10" maxlength="128" />
                            {move || error().and_then(|e| e.field_message(Field::NewPassword).map(|m| view! { <p class="field-error">{m.to_owned()}</p> }))}
                        </div>
                        <button type="submit" class="button">{lang.pick("修改密码", "Change password")}</button>
                    </ActionForm>
                }.into_any()
            }}
        </StaffPage>
    }
}
