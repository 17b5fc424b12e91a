//! Pages and components. Simplified Chinese first, English second; every page renders on the
//! server (works without JavaScript) and hydrates in the browser.

pub mod common;
pub mod form;
pub mod pages;
mod routes;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};

use common::{NotFound, provide_lang};

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
                <Route path=path!("/") view={Lazy::<routes::PortalHomeRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/audit") view={Lazy::<routes::AuditTransparencyRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/verify") view={Lazy::<routes::DocumentVerifyRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions") view={Lazy::<routes::DecisionSearchRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/circulars") view={Lazy::<routes::PublicCircularsRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions/:id") view={Lazy::<routes::DecisionDetailRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/decisions/:id/request") view={Lazy::<routes::PublicationRequestFormRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/requests/status") view={Lazy::<routes::PublicationRequestStatusRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/complaints") view={Lazy::<routes::ComplaintFormRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/complaints/status") view={Lazy::<routes::ComplaintStatusRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/agencies/:code") view={Lazy::<routes::AgencyRosterRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/inspections/verify") view={Lazy::<routes::InspectionVerifyRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/enterprise") view={Lazy::<routes::EnterprisePageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/draws/:id") view={Lazy::<routes::DrawPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/portal/annual") view={Lazy::<routes::AnnualStatisticsRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/login") view={Lazy::<routes::LoginPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work") view={Lazy::<routes::WorkHomeRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/agencies") view={Lazy::<routes::AgencyListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/agencies/:id") view={Lazy::<routes::AgencyDetailRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/users") view={Lazy::<routes::UserListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/audit") view={Lazy::<routes::AuditPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/clues") view={Lazy::<routes::ClueQueueRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/cases") view={Lazy::<routes::CaseListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/cases/new") view={Lazy::<routes::NewCaseRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/cases/summary") view={Lazy::<routes::SummaryCaseRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/cases/:id") view={Lazy::<routes::CasePageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/inspections") view={Lazy::<routes::InspectionListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/coercive") view={Lazy::<routes::MeasureListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/reviews") view={Lazy::<routes::ReviewQueueRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/reviews/:id") view={Lazy::<routes::ReviewWorkRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/review-figures") view={Lazy::<routes::ReviewFiguresRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/warnings") view={Lazy::<routes::WarningListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/signals") view={Lazy::<routes::SignalListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/oversight") view={Lazy::<routes::OversightPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/notices") view={Lazy::<routes::NoticesPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/file-reviews") view={Lazy::<routes::FileReviewsPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/matters") view={Lazy::<routes::MatterListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/publications") view={Lazy::<routes::PublicationQueueRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/publication-requests") view={Lazy::<routes::PublicationRequestQueueRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/complaints") view={Lazy::<routes::ComplaintListRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/statistics") view={Lazy::<routes::StatisticsPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/work/officers/:id") view={Lazy::<routes::OfficerPageRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/admin/catalogs") view={Lazy::<routes::AdminCatalogsRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/admin/agencies") view={Lazy::<routes::AdminAgenciesRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/admin/users") view={Lazy::<routes::AdminUsersRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/account") view={Lazy::<routes::AccountPageRoute>::new()} ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}
