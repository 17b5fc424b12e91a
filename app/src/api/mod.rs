//! Server functions, one file per area, and the types they exchange. Each server function
//! extracts its context, calls one service and maps the result; authorization happens in the
//! service.

pub mod audit_dto;
pub mod auth;
pub mod case_dto;
pub mod cases;
pub mod clues;
pub mod coercive;
pub mod coercive_dto;
pub mod documents;
pub mod dto;
pub mod error;
pub mod inspection_dto;
pub mod inspections;
pub mod org;
pub mod publication_requests;
pub mod publicity;
pub mod publicity_dto;
pub mod request_dto;
pub mod review_dto;
pub mod reviews;
pub mod supervision;
pub mod supervision_dto;

pub use error::AppError;

/// The machine name of a domain enum value (its serde name), as forms send it.
pub fn case_dto_code<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(feature = "ssr")]
pub mod ctx {
    //! The context of a server-function call: state, caller and language.

    use leptos::prelude::use_context;
    use tianping_domain::i18n::Lang;

    use super::AppError;
    use crate::ssr::{
        AppState,
        auth::{self, AuthSession},
    };

    /// The request's language: the `lang` cookie, else `Accept-Language`, else Chinese.
    pub fn lang_of(headers: &http::HeaderMap) -> Lang {
        if let Some(v) = auth::cookie(headers, "lang") {
            return Lang::from_tag(&v);
        }
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// State, request headers and language.
    pub fn request() -> Result<(AppState, http::HeaderMap, Lang), AppError> {
        let state =
            use_context::<AppState>().ok_or_else(|| AppError::Internal("missing state".into()))?;
        let parts = use_context::<http::request::Parts>()
            .ok_or_else(|| AppError::Internal("missing request".into()))?;
        let lang = lang_of(&parts.headers);
        Ok((state, parts.headers, lang))
    }

    /// The authenticated caller of a request: its session and language. Server functions get
    /// it through [`caller`]; the JSON API's extractor wraps [`Caller::from_parts`], so both
    /// edges authenticate the same way.
    #[derive(Debug, Clone)]
    pub struct Caller {
        /// The session.
        pub session: AuthSession,
        /// The request's language.
        pub lang: Lang,
    }

    impl Caller {
        /// Authenticates the request's token (the `Authorization: Bearer` header or the session
        /// cookie): `Unauthenticated` without one or with a stale one. No response status is
        /// set for that refusal: the caller decides whether it is one. An account whose
        /// password an administrator set is refused (`password_change_required`) until it is
        /// changed: see [`Caller::from_parts_pending`] for the few steps it may take.
        pub async fn from_parts(
            headers: &http::HeaderMap,
            state: &AppState,
        ) -> Result<Self, AppError> {
            let caller = Self::from_parts_pending(headers, state).await?;
            if caller.session.must_change_password {
                return Err(AppError::from_service(
                    crate::ssr::ServiceError::PasswordChangeRequired,
                    caller.lang,
                ));
            }
            Ok(caller)
        }

        /// [`Caller::from_parts`] that lets through an account that must still change the
        /// password an administrator set: only for reading who it is, changing the password
        /// and signing out.
        pub async fn from_parts_pending(
            headers: &http::HeaderMap,
            state: &AppState,
        ) -> Result<Self, AppError> {
            let lang = lang_of(headers);
            let token =
                auth::token_from_headers(headers).ok_or_else(|| AppError::unauthenticated(lang))?;
            match auth::authenticate(state, &token).await {
                Ok(session) => Ok(Caller { session, lang }),
                Err(crate::ssr::ServiceError::Unauthenticated) => {
                    Err(AppError::unauthenticated(lang))
                }
                Err(e) => Err(AppError::from_service(e, lang)),
            }
        }
    }

    /// The authenticated caller, if any, even one that must still change its password (for
    /// reading who it is); no status is set when there is none.
    pub async fn session_pending() -> Result<Option<(AppState, AuthSession, Lang)>, AppError> {
        let (state, headers, _) = request()?;
        match Caller::from_parts_pending(&headers, &state).await {
            Ok(caller) => Ok(Some((state, caller.session, caller.lang))),
            Err(AppError::Unauthenticated(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The authenticated caller, or `Unauthenticated` (401 for a server-function request).
    pub async fn caller() -> Result<(AppState, AuthSession, Lang), AppError> {
        let (state, headers, _) = request()?;
        match Caller::from_parts(&headers, &state).await {
            Ok(caller) => Ok((state, caller.session, caller.lang)),
            Err(e @ AppError::Unauthenticated(_)) => Err(e.respond()),
            Err(e) => Err(e),
        }
    }

    /// [`caller`], letting through an account that must still change its password (for the
    /// password change itself).
    pub async fn caller_pending() -> Result<(AppState, AuthSession, Lang), AppError> {
        let (state, headers, _) = request()?;
        match Caller::from_parts_pending(&headers, &state).await {
            Ok(caller) => Ok((state, caller.session, caller.lang)),
            Err(e @ AppError::Unauthenticated(_)) => Err(e.respond()),
            Err(e) => Err(e),
        }
    }
}
