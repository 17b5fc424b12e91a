//! Shared UI pieces: the language, page layouts, navigation by role, error pages.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_location};
use tianping_domain::{i18n::Lang, role::Role};

use crate::api::{AppError, auth::current_user, dto::Me};

/// The request's language on the server (cookie, then `Accept-Language`).
pub fn server_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| crate::api::ctx::lang_of(&p.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// Determines the language and provides it to every component. In the browser it is read
/// from `<html lang>`, which the server wrote, so hydration sees the same language.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .map(|t| Lang::from_tag(&t))
        .unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    let lang = server_lang();
    provide_context(lang);
    lang
}

/// The current language.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Sets the HTTP status of the page being rendered (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The header shared by every page: brand, language switch, and account links.
#[component]
fn Header(#[prop(optional)] me: Option<Me>) -> impl IntoView {
    let lang = use_lang();
    let here = use_location().pathname.get_untracked();
    let (other, other_label) = match lang {
        Lang::Zh => ("en", "English"),
        Lang::En => ("zh", "中文"),
    };
    let switch = format!("/lang/{other}?next={}", urlencode(&here));
    view! {
        <a class="skip-link" href="#main">{lang.pick("跳到正文", "Skip to main content")}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"⚖"</span>
                <span>{lang.pick("天平 · 行政执法监督平台", "Tianping · Enforcement Supervision")}</span>
            </a>
            <nav class="header-links" aria-label=lang.pick("账户", "Account")>
                <a href=switch rel="external" lang=if other == "en" { "en" } else { "zh-CN" } data-test="lang-switch">{other_label}</a>
                {match me {
                    Some(me) => view! {
                        <span class="who" data-test="who">{me.display_name.clone()} " · " {me.role.label(lang)}</span>
                        <a href="/account">{lang.pick("账户", "Account")}</a>
                        <form method="post" action="/auth/logout" class="inline">
                            <button type="submit" class="link-button" data-test="logout">{lang.pick("退出", "Sign out")}</button>
                        </form>
                    }.into_any(),
                    None => view! { <a href="/login" data-test="login-link">{lang.pick("工作人员登录", "Staff sign-in")}</a> }.into_any(),
                }}
            </nav>
        </header>
    }
}

/// Percent-encodes a string for a query parameter.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A page of the public portal.
#[component]
pub fn PortalPage(title: String, children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=title.clone() />
        <Header />
        <main class="portal" id="main">
            <h1>{title}</h1>
            {children()}
        </main>
        <footer class="site-footer">
            {lang.pick(
                "本平台依据《中华人民共和国行政处罚法》和行政执法公示、执法全过程记录、重大执法决定法制审核制度运行。",
                "Run under the Administrative Penalty Law and the three enforcement systems: publicity, full-process recording and legal review.",
            )}
        </footer>
    }
}

/// A navigation entry: (path, Chinese, English).
pub type NavItem = (&'static str, &'static str, &'static str);

const WORKBENCH: NavItem = ("/work", "工作台", "Workbench");
const CASES: NavItem = ("/work/cases", "案件办理", "Cases");
const CASES_READ: NavItem = ("/work/cases", "案件", "Cases");
const CLUES: NavItem = ("/work/clues", "案源登记", "Clue intake");
const CLUES_READ: NavItem = ("/work/clues", "案源", "Clues");
const PUBLICATIONS: NavItem = ("/work/publications", "公示审核", "Publication");
const REQUESTS: NavItem = (
    "/work/publication-requests",
    "更正与信用修复",
    "Correction requests",
);
const MY_AGENCY: NavItem = ("/work/agencies", "本机关", "My agency");
const SERVED_AGENCIES: NavItem = ("/work/agencies", "服务机关", "Agencies served");
const REGION_AGENCIES: NavItem = ("/work/agencies", "辖区机关", "Agencies in region");
const PEOPLE: NavItem = ("/work/users", "人员", "People");
const OFFICERS: NavItem = ("/work/users", "执法人员", "Officers");
const INSPECTIONS: NavItem = ("/work/inspections", "行政检查", "Inspections");
const COERCIVE: NavItem = ("/work/coercive", "行政强制", "Coercive measures");
const WARNINGS: NavItem = ("/work/warnings", "监督预警", "Warnings");
const MATTERS: NavItem = ("/work/matters", "督办事项", "Supervision matters");
const SIGNALS: NavItem = ("/work/signals", "行为监督信号", "Behaviour signals");
const OVERSIGHT: NavItem = ("/work/oversight", "约谈与通报", "Interviews and circulars");
const NOTICES: NavItem = ("/work/notices", "监督文书", "Opinions and decisions");
const FILE_REVIEWS: NavItem = ("/work/file-reviews", "案卷评查", "Case-file review");
const COMPLAINTS: NavItem = ("/work/complaints", "投诉举报", "Complaints");
const STATISTICS: NavItem = ("/work/statistics", "执法统计", "Statistics");
const REVIEWS: NavItem = ("/work/reviews", "法制审核", "Legal review");
const REVIEW_FIGURES: NavItem = ("/work/review-figures", "法制审核统计", "Review figures");
const AUDIT: NavItem = ("/work/audit", "审计日志", "Audit log");
const ADMIN_AGENCIES: NavItem = ("/admin/agencies", "机关管理", "Agencies");
const ADMIN_USERS: NavItem = ("/admin/users", "用户与证件", "Users and credentials");
const ADMIN_CATALOGS: NavItem = (
    "/admin/catalogs",
    "重大执法决定目录",
    "Major-decision catalogs",
);
const ACCOUNT: NavItem = ("/account", "修改密码", "Change password");

/// The navigation of each role, in the order shown. (What a role may open is decided on the
/// server; this only chooses which links to show.)
pub fn nav_for(role: Role) -> &'static [NavItem] {
    match role {
        Role::Officer => &[
            WORKBENCH,
            CASES,
            INSPECTIONS,
            COERCIVE,
            CLUES,
            PUBLICATIONS,
            REQUESTS,
            MY_AGENCY,
            PEOPLE,
            ACCOUNT,
        ],
        Role::AgencyHead => &[
            WORKBENCH,
            CASES,
            INSPECTIONS,
            COERCIVE,
            CLUES,
            PUBLICATIONS,
            REQUESTS,
            MY_AGENCY,
            PEOPLE,
            WARNINGS,
            SIGNALS,
            NOTICES,
            FILE_REVIEWS,
            OVERSIGHT,
            MATTERS,
            COMPLAINTS,
            STATISTICS,
            REVIEW_FIGURES,
            ACCOUNT,
        ],
        Role::LegalReviewer => &[
            WORKBENCH,
            REVIEWS,
            CASES_READ,
            SERVED_AGENCIES,
            REVIEW_FIGURES,
            ACCOUNT,
        ],
        Role::Supervisor => &[
            WORKBENCH,
            WARNINGS,
            SIGNALS,
            NOTICES,
            FILE_REVIEWS,
            OVERSIGHT,
            MATTERS,
            COMPLAINTS,
            REQUESTS,
            STATISTICS,
            CASES_READ,
            INSPECTIONS,
            COERCIVE,
            CLUES_READ,
            REGION_AGENCIES,
            OFFICERS,
            AUDIT,
            REVIEW_FIGURES,
            ACCOUNT,
        ],
        Role::Admin => &[
            WORKBENCH,
            ADMIN_AGENCIES,
            ADMIN_USERS,
            ADMIN_CATALOGS,
            WARNINGS,
            SIGNALS,
            NOTICES,
            FILE_REVIEWS,
            OVERSIGHT,
            COMPLAINTS,
            REQUESTS,
            STATISTICS,
            REVIEW_FIGURES,
            AUDIT,
            ACCOUNT,
        ],
        Role::Integration => &[WORKBENCH, ACCOUNT],
    }
}

/// A page of the staff workbench: header, navigation by role, content. Sends anyone not
/// signed in to the login page; a page for one role only (`only`) answers 403 to the others.
/// (The data behind every page is authorized again by its server functions.)
#[component]
pub fn StaffPage(
    title: String,
    #[prop(optional)] only: Option<Role>,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = use_lang();
    let me = Resource::new(|| (), |_| current_user());
    let here = use_location().pathname.get_untracked();
    view! {
        <Title text=title.clone() />
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                let title = title.clone();
                let here = here.clone();
                Suspend::new(async move {
                    match me.await {
                        // A password an administrator set: nothing else until it is changed.
                        Ok(Some(me)) if me.must_change_password && here != "/account" => {
                            view! { <Redirect path="/account" /> }.into_any()
                        }
                        Ok(Some(me)) if only.is_some_and(|role| role != me.role) => {
                            view! {
                                <Header me=me.clone() />
                                <main class="staff-main" id="main">
                                    <ErrorView error=AppError::forbidden(lang) />
                                </main>
                            }.into_any()
                        }
                        Ok(Some(me)) => {
                            let nav = nav_for(me.role);
                            let role = me.role;
                            provide_context(me.clone());
                            // The day's steps waiting for this user, beside 工作台 (issue 22 item 1).
                            let todo = matches!(role, Role::Officer | Role::AgencyHead | Role::LegalReviewer)
                                .then(|| Resource::new(|| (), |_| crate::api::cases::my_work_count()));
                            view! {
                                <Header me=me.clone() />
                                <div class="staff">
                                    <nav class="side-nav" aria-label=lang.pick("主导航", "Main navigation") data-test="side-nav" data-role=role.as_str()>
                                        <ul>
                                            {nav.iter().map(|&(href, zh, en)| {
                                                let current = (href == here).then_some("page");
                                                let count = (href == WORKBENCH.0).then_some(todo).flatten().map(|todo| view! {
                                                    <Suspense fallback=|| ()>
                                                        {move || Suspend::new(async move {
                                                            let n = todo.await.unwrap_or(0);
                                                            (n > 0).then(|| view! {
                                                                " " <span class="nav-count" data-test="nav-count"
                                                                    aria-label=match lang { Lang::Zh => format!("{n} 项待办"), Lang::En => format!("{n} to do") }>{n}</span>
                                                            })
                                                        })}
                                                    </Suspense>
                                                });
                                                view! { <li><a href=href aria-current=current>{lang.pick(zh, en)}{count}</a></li> }
                                            }).collect_view()}
                                        </ul>
                                    </nav>
                                    <main class="staff-main" id="main">
                                        <h1>{title}</h1>
                                        {children()}
                                    </main>
                                </div>
                            }.into_any()
                        }
                        Ok(None) => {
                            let next = format!("/login?next={}", urlencode(&here));
                            view! { <Redirect path=next /> }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Renders an error as the right page: sign-in redirect, 403, 404 or a message.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let lang = use_lang();
    match error {
        AppError::Unauthenticated(_) => view! { <Redirect path="/login" /> }.into_any(),
        AppError::Forbidden(_) => {
            set_status(403);
            view! {
                <section class="error-page" data-test="forbidden">
                    <h2>"403 · " {lang.pick("无权访问", "Forbidden")}</h2>
                    <p>{lang.pick("您的角色无权访问此页面。如需权限，请联系系统管理员。", "Your role may not open this page. Ask an administrator if you need access.")}</p>
                    <p><a href="/work">{lang.pick("返回工作台", "Back to the workbench")}</a></p>
                </section>
            }.into_any()
        }
        AppError::NotFound(_) => view! { <NotFoundBody /> }.into_any(),
        other => {
            set_status(other.status());
            view! { <p class="alert alert-error" role="alert">{other.to_string()}</p> }.into_any()
        }
    }
}

#[component]
fn NotFoundBody() -> impl IntoView {
    let lang = use_lang();
    set_status(404);
    view! {
        <section class="error-page" data-test="not-found">
            <h2>"404 · " {lang.pick("页面不存在", "Page not found")}</h2>
            <p>{lang.pick("您要找的页面或记录不存在。", "The page or record you asked for does not exist.")}</p>
            <p><a href="/">{lang.pick("返回首页", "Go to the home page")}</a></p>
        </section>
    }
}

/// The 404 page for unknown paths.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.pick("页面不存在", "Page not found").to_owned() />
        <Header />
        <main class="portal" id="main"><NotFoundBody /></main>
    }
}

/// The error message of a failed action, for a form's alert box.
pub fn action_error<T: Clone + Send + Sync + 'static>(
    value: Option<Result<T, AppError>>,
) -> Option<AppError> {
    value.and_then(|r| r.err())
}

/// Renders a server resource inside a `Suspense`: its value through `render`, or the right
/// error page (sign-in redirect, 403, 404, message).
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The route's numeric `:id` (0 when absent or malformed, which the server answers as not
/// found), tracked so the page's resources reload when it changes.
pub fn id_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    }
}

/// Whether the signed-in user is a supervisor. Read it inside the staff page, which provides
/// `Me`.
pub fn is_supervisor() -> bool {
    use_context::<Me>().is_some_and(|me| me.role == Role::Supervisor)
}

/// The `<option>`s of [`enforcement_agencies`] once loaded, by code; `selected` marks the one
/// whose code it holds (a form prefilled from a link).
pub fn agency_options(
    agencies: Resource<Result<Vec<crate::api::dto::AgencyView>, AppError>>,
    selected: Option<StoredValue<String>>,
) -> impl Fn() -> Option<AnyView> + Copy + Send + Sync + 'static {
    move || {
        agencies.get().and_then(Result::ok).map(|list| {
            list.into_iter()
                .map(|a| {
                    let chosen = selected.is_some_and(|s| s.with_value(|w| *w == a.code));
                    view! { <option value=a.code selected=chosen>{a.name}</option> }
                })
                .collect_view()
                .into_any()
        })
    }
}

/// The enforcement agencies a supervisor may choose from (assigning a clue, recording an
/// interview): those the caller may see.
pub fn enforcement_agencies() -> Resource<Result<Vec<crate::api::dto::AgencyView>, AppError>> {
    Resource::new(
        || (),
        |_| async move {
            crate::api::org::list_agencies().await.map(|all| {
                all.into_iter()
                    .filter(|a| a.kind == tianping_domain::agency::AgencyKind::Enforcement)
                    .collect()
            })
        },
    )
}
