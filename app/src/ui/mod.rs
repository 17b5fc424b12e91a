//! Pages and components. Simplified Chinese first, English second; every page renders on the
//! server (works without JavaScript) and hydrates in the browser.

pub mod common;
pub mod form;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use common::{NotFound, provide_lang};
use pages::{
    account, admin, annual, cases, clues, coercive, complaints, decisions, file_reviews,
    inspections, login, notices, oversight, portal, requests, reviews, statistics, supervision,
    work,
};

/// The HTML document around the app (server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = common::server_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HashedStylesheet id="leptos" options=options.clone() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = provide_lang();
    view! {
        <Title formatter=move |t: String| format!("{t} · {}", lang.pick("天平 行政执法监督平台", "Tianping")) />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=portal::PortalHome ssr=SsrMode::Async />
                <Route path=path!("/portal/audit") view=portal::AuditTransparency ssr=SsrMode::Async />
                <Route path=path!("/portal/verify") view=portal::DocumentVerify ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions") view=decisions::DecisionSearch ssr=SsrMode::Async />
                <Route path=path!("/portal/circulars") view=oversight::PublicCirculars ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions/:id") view=decisions::DecisionDetail ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions/:id/request") view=requests::PublicationRequestForm ssr=SsrMode::Async />
                <Route path=path!("/portal/requests/status") view=requests::PublicationRequestStatus ssr=SsrMode::Async />
                <Route path=path!("/portal/complaints") view=complaints::ComplaintForm ssr=SsrMode::Async />
                <Route path=path!("/portal/complaints/status") view=complaints::ComplaintStatus ssr=SsrMode::Async />
                <Route path=path!("/portal/agencies/:code") view=portal::AgencyRoster ssr=SsrMode::Async />
                <Route path=path!("/portal/inspections/verify") view=inspections::InspectionVerify ssr=SsrMode::Async />
                <Route path=path!("/portal/enterprise") view=inspections::EnterprisePage ssr=SsrMode::Async />
                <Route path=path!("/portal/draws/:id") view=inspections::DrawPage ssr=SsrMode::Async />
                <Route path=path!("/portal/annual") view=annual::AnnualStatistics ssr=SsrMode::Async />
                <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                <Route path=path!("/work") view=work::WorkHome ssr=SsrMode::Async />
                <Route path=path!("/work/agencies") view=work::AgencyList ssr=SsrMode::Async />
                <Route path=path!("/work/agencies/:id") view=work::AgencyDetail ssr=SsrMode::Async />
                <Route path=path!("/work/users") view=work::UserList ssr=SsrMode::Async />
                <Route path=path!("/work/audit") view=work::AuditPage ssr=SsrMode::Async />
                <Route path=path!("/work/clues") view=clues::ClueQueue ssr=SsrMode::Async />
                <Route path=path!("/work/cases") view=cases::CaseList ssr=SsrMode::Async />
                <Route path=path!("/work/cases/new") view=cases::NewCase ssr=SsrMode::Async />
                <Route path=path!("/work/cases/summary") view=cases::SummaryCase ssr=SsrMode::Async />
                <Route path=path!("/work/cases/:id") view=cases::CasePage ssr=SsrMode::Async />
                <Route path=path!("/work/inspections") view=inspections::InspectionList ssr=SsrMode::Async />
                <Route path=path!("/work/coercive") view=coercive::MeasureList ssr=SsrMode::Async />
                <Route path=path!("/work/reviews") view=reviews::ReviewQueue ssr=SsrMode::Async />
                <Route path=path!("/work/reviews/:id") view=reviews::ReviewWork ssr=SsrMode::Async />
                <Route path=path!("/work/review-figures") view=reviews::ReviewFigures ssr=SsrMode::Async />
                <Route path=path!("/work/warnings") view=supervision::WarningList ssr=SsrMode::Async />
                <Route path=path!("/work/signals") view=supervision::SignalList ssr=SsrMode::Async />
                <Route path=path!("/work/oversight") view=oversight::OversightPage ssr=SsrMode::Async />
                <Route path=path!("/work/notices") view=notices::NoticesPage ssr=SsrMode::Async />
                <Route path=path!("/work/file-reviews") view=file_reviews::FileReviewsPage ssr=SsrMode::Async />
                <Route path=path!("/work/matters") view=supervision::MatterList ssr=SsrMode::Async />
                <Route path=path!("/work/publications") view=decisions::PublicationQueue ssr=SsrMode::Async />
                <Route path=path!("/work/publication-requests") view=requests::PublicationRequestQueue ssr=SsrMode::Async />
                <Route path=path!("/work/complaints") view=complaints::ComplaintList ssr=SsrMode::Async />
                <Route path=path!("/work/statistics") view=statistics::StatisticsPage ssr=SsrMode::Async />
                <Route path=path!("/work/officers/:id") view=statistics::OfficerPage ssr=SsrMode::Async />
                <Route path=path!("/admin/catalogs") view=reviews::AdminCatalogs ssr=SsrMode::Async />
                <Route path=path!("/admin/agencies") view=admin::AdminAgencies ssr=SsrMode::Async />
                <Route path=path!("/admin/users") view=admin::AdminUsers ssr=SsrMode::Async />
                <Route path=path!("/account") view=account::AccountPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
