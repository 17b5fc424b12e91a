//! The JSON error envelope every `/api/v1` refusal answers with:
//! `{"error": {"code", "message", "fields": [{"field", "rule", "message", ...}]}}` and a
//! matching status.
//!
//! Invariants: every rejection of the API (a service's error, a malformed body, path or query,
//! a missing session) passes through [`ApiError`], so no route answers plain text; a `field`
//! is named as the request names it (a handler renames the domain's field where its parameter
//! is called otherwise, with [`ApiError::renamed`]); the domain's names stay untouched.

use app::api::AppError;
use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use tianping_domain::{
    i18n::Lang,
    validate::{Field, Rule},
};
use utoipa::{
    ToSchema,
    openapi::schema::{Object, ObjectBuilder, Type},
};

/// One bad input of the envelope, named as the request names it.
#[derive(Debug, Serialize, ToSchema)]
pub struct WireField {
    /// The parameter or body field as the request names it.
    field: String,
    /// The rule it broke, with the rule's limits (`min`, `max`, `max_mib`, `from`).
    #[serde(flatten)]
    rule: Rule,
    /// What is wrong, in the caller's language.
    message: String,
}

/// The machine codes of [`ErrorDetail::code`] (the `code()` of `AppError` and `bad_request`).
pub const ERROR_CODES: [&str; 11] = [
    "invalid_input",
    "unauthenticated",
    "invalid_credentials",
    "too_many_attempts",
    "forbidden",
    "password_change_required",
    "not_found",
    "refused",
    "internal",
    "storage_full",
    "bad_request",
];

fn error_code_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(ERROR_CODES))
        .description(Some("What went wrong, for machines"))
        .build()
}

/// The body of every refusal.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    /// The error.
    error: ErrorDetail,
}

/// The error of [`ErrorEnvelope`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// One of [`ERROR_CODES`].
    #[schema(schema_with = error_code_schema)]
    code: &'static str,
    /// What went wrong, in the caller's language.
    message: String,
    /// The bad inputs (empty unless the input is at fault).
    fields: Vec<WireField>,
}

/// An API error response: status, code, message and the bad fields.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<WireField>,
    retry_after_secs: Option<i64>,
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

/// A field's name on the wire (its serde name).
fn wire_name(field: Field) -> String {
    match serde_json::to_value(field) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{field:?}"),
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let code = e.code();
        let message = e.to_string();
        let retry_after_secs = match &e {
            AppError::TooManyAttempts {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        };
        let fields = match e {
            AppError::Invalid(fields) => fields
                .into_iter()
                .map(|f| WireField {
                    field: wire_name(f.field),
                    rule: f.rule,
                    message: f.message,
                })
                .collect(),
            _ => Vec::new(),
        };
        ApiError {
            status,
            code,
            message,
            fields,
            retry_after_secs,
        }
    }
}

impl ApiError {
    /// Names the domain's fields as this request's parameters are called (`(field, name)`).
    pub fn renamed(mut self, names: &[(Field, &str)]) -> Self {
        for f in &mut self.fields {
            if let Some((_, name)) = names.iter().find(|(field, _)| wire_name(*field) == f.field) {
                f.field = (*name).to_owned();
            }
        }
        self
    }

    /// A path or query parameter that does not parse (400, `bad_request`).
    pub fn malformed_param(name: &str, detail: &str, lang: Lang) -> Self {
        let message = match lang {
            Lang::Zh => format!("参数「{name}」格式不正确：{detail}"),
            Lang::En => format!("Parameter “{name}” is malformed: {detail}"),
        };
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.clone(),
            fields: vec![WireField {
                field: name.to_owned(),
                rule: Rule::Malformed,
                message,
            }],
            retry_after_secs: None,
        }
    }

    /// A well-formed parameter outside the range the API documents (422, `invalid_input`).
    pub fn out_of_range(name: &str, min: u64, max: u64, lang: Lang) -> Self {
        let message = match lang {
            Lang::Zh => format!("参数「{name}」须在 {min}–{max} 之间"),
            Lang::En => format!("Parameter “{name}” must be between {min} and {max}"),
        };
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_input",
            message: message.clone(),
            fields: vec![WireField {
                field: name.to_owned(),
                rule: Rule::OneOf,
                message,
            }],
            retry_after_secs: None,
        }
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Whether a field of the error broke this rule.
    pub fn has_rule(&self, matches: impl Fn(&Rule) -> bool) -> bool {
        self.fields.iter().any(|f| matches(&f.rule))
    }

    /// Answers with another status (the same envelope).
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorEnvelope {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                fields: self.fields,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Maps a service's error in the request's language.
pub fn fail(lang: Lang) -> impl Fn(app::ssr::ServiceError) -> ApiError {
    move |e| ApiError::from(AppError::from_service(e, lang))
}

/// Maps a service's error, naming the fields as the request does (`(field, name)`).
pub fn fail_named(
    lang: Lang,
    names: &'static [(Field, &'static str)],
) -> impl Fn(app::ssr::ServiceError) -> ApiError {
    move |e| ApiError::from(AppError::from_service(e, lang)).renamed(names)
}
