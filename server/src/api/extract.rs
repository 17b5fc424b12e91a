//! The extractors of the API: the caller, the language, and a body, path and query whose
//! rejections answer the JSON error envelope (never axum's plain text).
//!
//! - [`Caller`] wraps the server functions' [`app::api::ctx::Caller`]: both edges
//!   authenticate the same way; a missing or stale session is 401.
//! - [`Body`]: a body that does not parse is a 422 naming `body`.
//! - [`Path`]: a segment that does not parse is a 400 naming the parameter; a number too large
//!   for an id names no record, so it is a 404.
//! - [`Query`]: a parameter that does not parse is a 400 naming it.

use std::ops::Deref;

use app::{
    api::{AppError, ctx::lang_of},
    ssr::AppState,
};
use axum::{
    Json,
    extract::{
        FromRequest, FromRequestParts, RawPathParams, Request,
        path::ErrorKind,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    http::request::Parts,
};
use serde::de::DeserializeOwned;
use tianping_domain::{
    i18n::Lang,
    validate::{Field, Rule, ValidationError},
};

use super::error::ApiError;

/// The request's language.
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(lang_of(&parts.headers)))
    }
}

/// The authenticated caller (session and language); rejects with 401 otherwise.
pub struct Caller(pub app::api::ctx::Caller);

impl Deref for Caller {
    type Target = app::api::ctx::Caller;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        app::api::ctx::Caller::from_parts(&parts.headers, state)
            .await
            .map(Caller)
            .map_err(ApiError::from)
    }
}

/// [`Caller`] that also admits an account that must still change the password an
/// administrator set: for `/me`, the password change and sign-out only.
pub struct PendingCaller(pub app::api::ctx::Caller);

impl Deref for PendingCaller {
    type Target = app::api::ctx::Caller;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl FromRequestParts<AppState> for PendingCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        app::api::ctx::Caller::from_parts_pending(&parts.headers, state)
            .await
            .map(PendingCaller)
            .map_err(ApiError::from)
    }
}

/// A JSON body whose parse errors become a clear, localised 422 naming the body.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.headers());
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(ApiError::from(body_error(&rejection, lang))),
        }
    }
}

fn body_error(rejection: &JsonRejection, lang: Lang) -> AppError {
    let base = ValidationError::new(Field::Body, Rule::Malformed).message(lang);
    let detail = match rejection {
        JsonRejection::MissingJsonContentType(_) => lang
            .pick("须为 application/json", "must be application/json")
            .to_owned(),
        JsonRejection::BytesRejection(_) => lang
            .pick(
                "过大或无法读取（上限 64 KiB）",
                "is too large or unreadable (limit 64 KiB)",
            )
            .to_owned(),
        other => other.body_text(),
    };
    AppError::Invalid(vec![app::api::error::FieldError {
        field: Field::Body,
        rule: Rule::Malformed,
        message: format!("{base}: {detail}"),
    }])
}

/// Path parameters; see the module docs for the rejections.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers);
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(rejection) => {
                let names: Vec<String> = RawPathParams::from_request_parts(parts, state)
                    .await
                    .map(|raw| raw.iter().map(|(k, _)| k.to_owned()).collect())
                    .unwrap_or_default();
                Err(path_error(rejection, &names, lang))
            }
        }
    }
}

/// Whether `value` is an integer that `expected_type` (an integer type) cannot hold.
fn integer_out_of_range(value: &str, expected_type: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let integer_type = expected_type.len() > 1
        && matches!(expected_type.as_bytes()[0], b'i' | b'u')
        && expected_type[1..].bytes().all(|b| b.is_ascii_digit());
    integer_type && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn path_error(rejection: PathRejection, names: &[String], lang: Lang) -> ApiError {
    let PathRejection::FailedToDeserializePathParams(e) = &rejection else {
        return ApiError::from(AppError::Internal(rejection.body_text()));
    };
    let (name, value, expected_type) = match e.kind() {
        ErrorKind::ParseErrorAtKey {
            key,
            value,
            expected_type,
        } => (key.clone(), value.as_str(), *expected_type),
        ErrorKind::ParseErrorAtIndex {
            index,
            value,
            expected_type,
        } => (
            names.get(*index).cloned().unwrap_or_default(),
            value.as_str(),
            *expected_type,
        ),
        ErrorKind::ParseError {
            value,
            expected_type,
        } => (
            names.first().cloned().unwrap_or_default(),
            value.as_str(),
            *expected_type,
        ),
        _ => {
            return ApiError::malformed_param(
                names.first().map_or("path", String::as_str),
                &e.body_text(),
                lang,
            );
        }
    };
    if integer_out_of_range(value, expected_type) {
        return ApiError::from(AppError::not_found(lang));
    }
    let detail = match lang {
        Lang::Zh => format!("「{value}」不是 {expected_type}"),
        Lang::En => format!("“{value}” is not {expected_type}"),
    };
    ApiError::malformed_param(&name, &detail, lang)
}

/// Query parameters; see the module docs for the rejections.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers);
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(rejection) => Err(query_error(&rejection, lang)),
        }
    }
}

/// The parameter a query rejection names (`name: reason`, or ``missing field `name` ``).
fn query_error(rejection: &QueryRejection, lang: Lang) -> ApiError {
    let text = rejection.body_text();
    let detail = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, detail)| detail);
    let identifier = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    };
    if let Some((name, reason)) = detail.split_once(": ")
        && identifier(name)
    {
        return ApiError::malformed_param(name, reason, lang);
    }
    if let Some(rest) = detail.strip_prefix("missing field `")
        && let Some((name, _)) = rest.split_once('`')
    {
        return ApiError::malformed_param(name, detail, lang);
    }
    ApiError::malformed_param("query", detail, lang)
}

#[cfg(test)]
mod tests {
    use super::integer_out_of_range;

    #[test]
    fn only_integers_too_large_for_an_integer_type_are_out_of_range() {
        assert!(integer_out_of_range("99999999999", "i32"));
        assert!(integer_out_of_range("-99999999999", "i32"));
        assert!(!integer_out_of_range("abc", "i32"));
        assert!(!integer_out_of_range("1.5", "i32"));
        assert!(!integer_out_of_range("", "i32"));
        assert!(!integer_out_of_range("123", "bool"));
    }
}
