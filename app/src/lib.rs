//! Tianping's Leptos application.
//!
//! - [`domain`]: the pure rules (a separate crate, re-exported), shared by server and browser;
//! - [`api`]: server functions and the types that cross the wire;
//! - [`ui`]: pages and components;
//! - `ssr` (server only): persistence, services, authentication.

// The views of the larger pages (the admin user table) are deep types: the release build of the
// browser bundle needs more than the default 128 levels to lay them out.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;

pub use tianping_domain as domain;

/// The browser's entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Every page is a lazily loaded chunk of the bundle (see `ui::routes`): hydration waits for
    // the chunk of the page being hydrated, so it runs as a task.
    wasm_bindgen_futures::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), ui::App).await;
        owner.forget();
        // A marker for the end-to-end tests: the page's chunk ran and the page is interactive.
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(
                &window,
                &"__tianping_hydrated".into(),
                &wasm_bindgen::JsValue::TRUE,
            );
        }
    });
}
