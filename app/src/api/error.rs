//! The error every server function and JSON endpoint returns: serialisable, localised, and
//! free of internals. `AppError::from_service` is the single place where service errors are
//! mapped (and where internal failures are logged, once).

use serde::{Deserialize, Serialize};
use tianping_domain::{
    i18n::Lang,
    validate::{Field, Rule, ValidationError},
};

/// One bad field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// Which rule it broke (`rule`, plus `min`/`max` for lengths).
    #[serde(flatten)]
    pub rule: Rule,
    /// A sentence for the user, in their language.
    pub message: String,
}

/// An error as the client sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input, one entry per field.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("；"))]
    Invalid(Vec<FieldError>),
    /// Not signed in, or the session ended.
    #[error("{0}")]
    Unauthenticated(String),
    /// Wrong user name or password.
    #[error("{0}")]
    InvalidCredentials(String),
    /// Too many failed logins.
    #[error("{message}")]
    TooManyAttempts {
        /// Seconds until the next try.
        retry_after_secs: i64,
        /// A sentence for the user.
        message: String,
    },
    /// Not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// The password an administrator set must be changed before anything else.
    #[error("{0}")]
    PasswordChangeRequired(String),
    /// Does not exist, or not visible to the caller.
    #[error("{0}")]
    NotFound(String),
    /// The step is not possible now; the message says why (the state machine's reason).
    #[error("{0}")]
    Refused(String),
    /// Something failed on the server; details are in the server log only.
    #[error("{0}")]
    Internal(String),
    /// The server's storage is full: nothing was saved (507).
    #[error("{0}")]
    StorageFull(String),
    /// The request could not be sent or the answer not read.
    #[error("{0}")]
    Transport(String),
}

/// A wait in words: seconds under a minute, else minutes.
#[cfg(feature = "ssr")]
fn wait_text(secs: i64, lang: Lang) -> String {
    match (secs < 60, lang) {
        (true, Lang::Zh) => format!("{} 秒", secs.max(1)),
        (true, Lang::En) => format!("{} s", secs.max(1)),
        (false, Lang::Zh) => format!("{} 分钟", (secs + 59) / 60),
        (false, Lang::En) => format!("{} minutes", (secs + 59) / 60),
    }
}

impl AppError {
    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Unauthenticated(_) | AppError::InvalidCredentials(_) => 401,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Forbidden(_) | AppError::PasswordChangeRequired(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Refused(_) => 409,
            AppError::Internal(_) => 500,
            AppError::StorageFull(_) => 507,
            AppError::Transport(_) => 400,
        }
    }

    /// A stable machine code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::Unauthenticated(_) => "unauthenticated",
            AppError::InvalidCredentials(_) => "invalid_credentials",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Forbidden(_) => "forbidden",
            AppError::PasswordChangeRequired(_) => "password_change_required",
            AppError::NotFound(_) => "not_found",
            AppError::Refused(_) => "refused",
            AppError::Internal(_) => "internal",
            AppError::StorageFull(_) => "storage_full",
            AppError::Transport(_) => "bad_request",
        }
    }

    /// Bad input from validation errors.
    pub fn invalid(errors: &[ValidationError], lang: Lang) -> Self {
        AppError::Invalid(
            errors
                .iter()
                .map(|e| FieldError {
                    field: e.field,
                    rule: e.rule.clone(),
                    message: e.message(lang),
                })
                .collect(),
        )
    }

    /// The message for one field naming it by the form's own `label`, if that field is wrong.
    pub fn field_message_labelled(&self, field: Field, label: &str, lang: Lang) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| {
                tianping_domain::validate::ValidationError::new(e.field, e.rule.clone())
                    .message_labelled(label, lang)
            }),
            _ => None,
        }
    }

    /// The message for one field, if that field is wrong (forms show it beside the input).
    pub fn field_message(&self, field: Field) -> Option<&str> {
        match self {
            AppError::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }

    /// "Not signed in", localised.
    pub fn unauthenticated(lang: Lang) -> Self {
        AppError::Unauthenticated(lang.pick("请先登录。", "Please sign in.").into())
    }

    /// "Not found", localised.
    pub fn not_found(lang: Lang) -> Self {
        AppError::NotFound(
            lang.pick("未找到该页面或记录。", "The page or record was not found.")
                .into(),
        )
    }

    /// "Forbidden", localised.
    pub fn forbidden(lang: Lang) -> Self {
        AppError::Forbidden(
            lang.pick(
                "您没有权限执行此操作。",
                "You do not have permission to do this.",
            )
            .into(),
        )
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(detail) | E::MissingArg(detail) | E::Deserialization(detail) => {
                AppError::Invalid(vec![FieldError {
                    field: Field::Body,
                    rule: Rule::Malformed,
                    message: format!(
                        "「请求内容」格式不正确 / Request body is malformed: {detail}"
                    ),
                }])
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The single mapping point from service errors. Internal failures are logged here, once.
    pub fn from_service(err: crate::ssr::ServiceError, lang: Lang) -> Self {
        use crate::ssr::ServiceError as S;
        let mapped = match err {
            S::Validation(e) => AppError::invalid(&[e], lang),
            S::ValidationMany(es) => AppError::invalid(&es, lang),
            S::Unauthenticated => AppError::unauthenticated(lang),
            S::InvalidCredentials => AppError::InvalidCredentials(
                lang.pick("用户名或密码错误。", "Wrong user name or password.")
                    .into(),
            ),
            S::TooManyAttempts { retry_after_secs } => AppError::TooManyAttempts {
                retry_after_secs,
                message: match lang {
                    Lang::Zh => format!(
                        "登录失败次数过多，请 {} 后再试。",
                        wait_text(retry_after_secs, lang)
                    ),
                    Lang::En => format!(
                        "Too many failed sign-ins. Try again in {}.",
                        wait_text(retry_after_secs, lang)
                    ),
                },
            },
            S::Busy { retry_after_secs } => AppError::TooManyAttempts {
                retry_after_secs,
                message: lang
                    .pick(
                        "同时登录的人太多，请稍候几秒再试。",
                        "Too many sign-ins at once; try again in a few seconds.",
                    )
                    .into(),
            },
            S::RateLimited { retry_after_secs } => AppError::TooManyAttempts {
                retry_after_secs,
                message: match lang {
                    Lang::Zh => format!(
                        "提交过于频繁，请 {} 分钟后再试；已填写的内容仍保留在表单中。",
                        (retry_after_secs + 59) / 60
                    ),
                    Lang::En => format!(
                        "Too many submissions. Try again in {} minutes; what you typed is still in the form.",
                        (retry_after_secs + 59) / 60
                    ),
                },
            },
            S::ComplaintRefused(status) => AppError::Refused(match lang {
                Lang::Zh => format!("该件当前为「{}」，不能办理此操作。", status.label(lang)),
                Lang::En => format!(
                    "The complaint is “{}”: this step is not possible now.",
                    status.label(lang)
                ),
            }),
            S::StateConflict(message) => AppError::Refused(message),
            S::Forbidden => AppError::forbidden(lang),
            S::PasswordChangeRequired => AppError::PasswordChangeRequired(
                lang.pick(
                    "您的密码由管理员设置，请先修改密码后再使用系统。",
                    "Your password was set by an administrator: change it before anything else.",
                )
                .into(),
            ),
            S::NotFound => AppError::not_found(lang),
            // A step of another role or another agency is a permission matter (403); every
            // other refusal is about the case's state or facts (409).
            S::Refused(
                e @ (tianping_domain::case::CaseError::WrongRole { .. }
                | tianping_domain::case::CaseError::NotOfThisAgency),
            ) => AppError::Forbidden(e.message(lang)),
            S::Refused(e) => AppError::Refused(e.message(lang)),
            S::MatterRefused(status) => AppError::Refused(match lang {
                Lang::Zh => format!(
                    "该督办事项当前为「{}」，不能办理此操作。",
                    status.label(lang)
                ),
                Lang::En => format!(
                    "The matter is “{}”: this step is not possible now.",
                    status.label(lang)
                ),
            }),
            S::Db(e) if crate::ssr::db::storage_full(&e) => {
                let id = error_id();
                tracing::error!(error_id = %id, "storage full, write refused: {e}");
                AppError::StorageFull(match lang {
                    Lang::Zh => format!(
                        "服务器存储空间已满，本次提交未保存。请稍后重试，并告知系统管理员（错误编号 {id}）。"
                    ),
                    Lang::En => format!(
                        "The server's storage is full: nothing was saved. Try again later and tell the administrator (error id {id})."
                    ),
                })
            }
            S::Db(e) => {
                let id = error_id();
                tracing::error!(error_id = %id, "database error: {e}");
                AppError::Internal(internal_message(lang, &id))
            }
            S::Internal(e) => {
                let id = error_id();
                tracing::error!(error_id = %id, "internal error: {e}");
                AppError::Internal(internal_message(lang, &id))
            }
        };
        mapped.respond()
    }

    /// In a server-function request (`/api/…`), sets the HTTP status to match the error, so
    /// that machine callers see 401/403/404/422 rather than a generic failure. Page renders
    /// keep their own status (redirects, 403 and 404 pages), and so does a plain HTML form post
    /// (no JavaScript: `Accept: text/html`), which goes back to its page with the error shown
    /// under the fields.
    pub fn respond(self) -> Self {
        use leptos::prelude::use_context;
        let is_fn_call = use_context::<http::request::Parts>().is_some_and(|p| {
            let plain_form = p
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"));
            p.uri.path().starts_with("/api/") && !plain_form
        });
        if is_fn_call
            && let (Some(opts), Ok(status)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(self.status()),
            )
        {
            opts.set_status(status);
        }
        self
    }
}

#[cfg(feature = "ssr")]
fn error_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

#[cfg(feature = "ssr")]
fn internal_message(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("系统内部错误，请稍后重试（错误编号 {id}）。"),
        Lang::En => format!("Internal error; please try again later (error id {id})."),
    }
}
