//! The staff sign-in page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::validate::Field;

use crate::{
    api::auth::Login,
    ui::common::{PortalPage, action_error, use_lang},
};

/// Sign-in form. Keeps the user name on an error; the message never says which of the two
/// fields was wrong.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/work".into());
    let error = move || action_error(action.value().get());
    view! {
        <PortalPage title=lang.pick("工作人员登录", "Staff sign-in").to_owned()>
            <ActionForm action attr:class="form narrow" attr:data-test="login-form">
                <input type="hidden" name="next" value=next />
                {move || error().map(|e| view! { <p class="alert alert-error" role="alert" data-test="login-error">{e.to_string()}</p> })}
                <div class="field">
                    <label for="username">{lang.pick("用户名", "User name")}</label>
                    <input id="username" name="username" autocomplete="username" required maxlength="64" data-test="login-username"
                        aria-invalid=move || error().and_then(|e| e.field_message(Field::Username).map(|_| "true")) />
                </div>
                <div class="field">
                    <label for="password">{lang.pick("密码", "Password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128" data-test="login-password" />
                </div>
                <button type="submit" class="button" data-test="login-submit">{lang.pick("登录", "Sign in")}</button>
            </ActionForm>
        </PortalPage>
    }
}
