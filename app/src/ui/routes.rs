//! Every page is a lazily loaded route: the browser bundle is split (`cargo leptos build
//! --split`), so a first visit downloads the shell and the chunks of the page it opens, not the
//! whole application (issue 22). Each page is a split point of its own. Measured on this
//! bundle (brotli, shell 198 KB): a public page loads 330-440 KB in all, a case page 944 KB in
//! 573 files. Fewer split points were worse: twelve groups by area gave the portal home 584 KB
//! and no fewer files for a case page; one split point for all staff pages gave them 2.2 MB
//! (the chunks they share with the public pages are fetched besides). On the server the views
//! are called directly.
//!
//! `lazy_route` also gives each route its `preload`, which the router awaits before it hydrates
//! the page: a hand-written `LazyRoute` without it left the page's view pending at hydration
//! (a hydration panic on every page).

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::pages::{
    account, admin, annual, cases, clues, coercive, complaints, decisions, file_reviews,
    inspections, login, notices, oversight, portal, requests, reviews, statistics, supervision,
    work,
};

/// One route type per page: `data` has nothing to load (the pages load their own resources),
/// `view` (made lazy by `lazy_route`) renders the page's component.
macro_rules! lazy_pages {
    ($($route:ident => $module:ident :: $page:ident,)*) => {
        $(
            #[doc = concat!("The lazily loaded route of [`", stringify!($module), "::", stringify!($page), "`].")]
            pub struct $route;

            #[lazy_route]
            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                fn view(_this: Self) -> AnyView {
                    view! { <$module::$page /> }.into_any()
                }
            }
        )*
    };
}

lazy_pages! {
    PortalHomeRoute => portal::PortalHome,
    AuditTransparencyRoute => portal::AuditTransparency,
    DocumentVerifyRoute => portal::DocumentVerify,
    DecisionSearchRoute => decisions::DecisionSearch,
    PublicCircularsRoute => oversight::PublicCirculars,
    DecisionDetailRoute => decisions::DecisionDetail,
    PublicationRequestFormRoute => requests::PublicationRequestForm,
    PublicationRequestStatusRoute => requests::PublicationRequestStatus,
    ComplaintFormRoute => complaints::ComplaintForm,
    ComplaintStatusRoute => complaints::ComplaintStatus,
    AgencyRosterRoute => portal::AgencyRoster,
    InspectionVerifyRoute => inspections::InspectionVerify,
    EnterprisePageRoute => inspections::EnterprisePage,
    DrawPageRoute => inspections::DrawPage,
    AnnualStatisticsRoute => annual::AnnualStatistics,
    LoginPageRoute => login::LoginPage,
    AccountPageRoute => account::AccountPage,
    WorkHomeRoute => work::WorkHome,
    AgencyListRoute => work::AgencyList,
    AgencyDetailRoute => work::AgencyDetail,
    UserListRoute => work::UserList,
    AuditPageRoute => work::AuditPage,
    CaseListRoute => cases::CaseList,
    NewCaseRoute => cases::NewCase,
    SummaryCaseRoute => cases::SummaryCase,
    CasePageRoute => cases::CasePage,
    InspectionListRoute => inspections::InspectionList,
    MeasureListRoute => coercive::MeasureList,
    ClueQueueRoute => clues::ClueQueue,
    ReviewQueueRoute => reviews::ReviewQueue,
    ReviewWorkRoute => reviews::ReviewWork,
    ReviewFiguresRoute => reviews::ReviewFigures,
    AdminCatalogsRoute => reviews::AdminCatalogs,
    WarningListRoute => supervision::WarningList,
    SignalListRoute => supervision::SignalList,
    OversightPageRoute => oversight::OversightPage,
    NoticesPageRoute => notices::NoticesPage,
    FileReviewsPageRoute => file_reviews::FileReviewsPage,
    MatterListRoute => supervision::MatterList,
    StatisticsPageRoute => statistics::StatisticsPage,
    OfficerPageRoute => statistics::OfficerPage,
    PublicationQueueRoute => decisions::PublicationQueue,
    PublicationRequestQueueRoute => requests::PublicationRequestQueue,
    ComplaintListRoute => complaints::ComplaintList,
    AdminAgenciesRoute => admin::AdminAgencies,
    AdminUsersRoute => admin::AdminUsers,
}
