//! The public disclosure portal (no login): agencies and their officer rosters (事前公开).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::org::public_agencies,
    ui::common::{ErrorView, PortalPage, loaded, use_lang},
};

/// The portal's home page.
#[component]
pub fn PortalHome() -> impl IntoView {
    let lang = use_lang();
    let agencies = Resource::new(|| (), |_| public_agencies());
    view! {
        <PortalPage title=lang.pick("行政执法公示", "Enforcement disclosure").to_owned()>
            <p class="lead">
                {lang.pick(
                    "这里公开本市行政执法机关的执法主体、职责依据和持证执法人员，供社会公众查询和监督。",
                    "This portal publishes the city's enforcement agencies, their legal basis and their certified officers, so that the public can check and supervise them.",
                )}
            </p>
            <h2>{lang.pick("执法主体", "Enforcement agencies")}</h2>
            {loaded(agencies, move |list| view! {
                            <ul class="card-list" data-test="agency-list">
                                {list.into_iter().map(|a| view! {
                                    <li class="card">
                                        <h3><a href=format!("/portal/agencies/{}", a.code)>{a.name.clone()}</a></h3>
                                        <p class="meta">{a.region_name.clone()} " · " {lang.pick("持证执法人员", "Certified officers")} " " {a.officers.len()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any())}
        </PortalPage>
    }
}

/// One agency's public page: legal basis and the roster of officers with valid certificates.
#[component]
pub fn AgencyRoster() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let agencies = Resource::new(|| (), |_| public_agencies());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let wanted = code();
                match agencies.await.map(|list| list.into_iter().find(|a| a.code == wanted)) {
                    Ok(Some(a)) => view! {
                        <PortalPage title=a.name.clone()>
                            <dl class="facts">
                                <dt>{lang.pick("统一社会信用代码", "Unified social credit code")}</dt><dd>{a.credit_code.clone()}</dd>
                                <dt>{lang.pick("行政区划", "Region")}</dt><dd>{a.region_name.clone()}</dd>
                                <dt>{lang.pick("设立与职责依据", "Legal basis")}</dt><dd>{a.legal_basis.clone()}</dd>
                            </dl>
                            <h2>{lang.pick("持证执法人员名单", "Officer roster")}</h2>
                            <table class="table" data-test="roster">
                                <thead><tr>
                                    <th scope="col">{lang.pick("姓名", "Name")}</th>
                                    <th scope="col">{lang.pick("执法证号", "Certificate no.")}</th>
                                    <th scope="col">{lang.pick("执法类别/区域", "Category / area")}</th>
                                    <th scope="col">{lang.pick("有效期至", "Valid to")}</th>
                                </tr></thead>
                                <tbody>
                                    {a.officers.into_iter().map(|o| view! {
                                        <tr>
                                            <td>{o.name}</td>
                                            <td>{o.certificate_number}</td>
                                            <td>{o.scope}</td>
                                            <td>{o.valid_to.map(|d| d.to_string()).unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </PortalPage>
                    }.into_any(),
                    Ok(None) => view! { <crate::ui::common::NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
