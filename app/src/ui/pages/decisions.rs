//! After-the-fact publication: the public search and decision pages (no login, plain GET
//! forms and links, so they work without JavaScript), and the agency's publication queue where
//! an officer compares the redacted text with the original and approves it.

use crate::ui::form::invalid;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{i18n::Lang, publicity::WithdrawalBasis, validate::Field};

use crate::{
    api::{
        AppError,
        publicity::{StepPublication, get_public_decision, list_publications, search_decisions},
        publicity_dto::{PublicDecision, PublicationView},
    },
    ui::common::{PortalPage, StaffPage, action_error, id_param, loaded, urlencode, use_lang},
};

fn party_kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "natural_person" => lang.pick("自然人", "Natural person"),
        "individual_business" => lang.pick("个体工商户", "Individual business"),
        _ => lang.pick("法人或其他组织", "Organisation"),
    }
}

/// A text with the searched words marked (`<mark>`), issue 22 item 9.
fn marked(text: &str, q: &str) -> AnyView {
    tianping_domain::publicity::highlight::highlight(text, q)
        .into_iter()
        .map(|(run, hit)| {
            if hit {
                view! { <mark data-test="search-hit">{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

fn result_item(d: PublicDecision, q: &str, lang: Lang) -> AnyView {
    view! {
        <li class="card" data-test="decision-item">
            <h2><a href=format!("/portal/decisions/{}", d.id) data-test="decision-link">{marked(&d.title, q)}</a></h2>
            <p class="meta">{marked(&d.number, q)} " · " {d.agency.clone()} " · " {lang.pick("决定日期 ", "Decided ")} {d.decided_on.to_string()}</p>
            <p>{lang.pick("当事人：", "Party: ")} {marked(&d.party, q)}
                {(!d.provision.is_empty()).then(|| view! { " · " {marked(&d.provision, q)} })}
                {d.fine.clone().map(|f| view! { " · " {lang.pick("罚款 ", "fine ")} {f} })}</p>
        </li>
    }
    .into_any()
}

/// The public search of published decisions (事后公开): words and filters in the URL, newest
/// first, twenty per page.
#[component]
pub fn DecisionSearch() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let input = move || {
        let q = query.read();
        tianping_domain::publicity::SearchInput {
            q: q.get("q").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            fine_min: q.get("fine_min").unwrap_or_default(),
            fine_max: q.get("fine_max").unwrap_or_default(),
            party: q.get("party").unwrap_or_default(),
            page: q.get("page").unwrap_or_default(),
        }
    };
    let results = Resource::new(input, search_decisions);
    // The agencies to choose from by name (a code typed by hand found nothing, issue 22 item 9).
    let agencies = Resource::new(|| (), |_| crate::api::supervision::complaint_agencies());
    view! {
        <PortalPage title=lang.pick("行政处罚决定公示", "Published penalty decisions").to_owned()>
            <p class="lead">{lang.pick(
                "本市行政执法机关作出的行政处罚决定，自作出之日起 7 个工作日内在此公开。自然人的姓名、身份证号码、联系方式和住址等个人信息已依法处理。",
                "Penalty decisions of the city's agencies are published here within 7 working days. Natural persons' names, ID numbers, contact details and addresses are redacted as the law requires.",
            )}</p>
            {move || {
                let i = input();
                let more_open = [&i.from, &i.to, &i.fine_min, &i.fine_max, &i.party]
                    .iter()
                    .any(|v| !v.trim().is_empty());
                view! {
                    <form method="get" action="/portal/decisions" class="form form-inline" data-test="decision-search">
                        <div class="field">
                            <label for="d-q">{lang.pick("关键词", "Words")}</label>
                            <input id="d-q" name="q" value=i.q.clone() data-test="search-q" />
                        </div>
                        <div class="field">
                            <label for="d-agency">{lang.pick("执法机关", "Agency")}</label>
                            <select id="d-agency" name="agency" data-test="search-agency">
                                <option value="">{lang.pick("全部", "All")}</option>
                                {let chosen = i.agency.clone(); loaded(agencies, move |list| list.into_iter().map(|(code, name)| {
                                    let selected = code.eq_ignore_ascii_case(&chosen);
                                    view! { <option value=code selected=selected>{name}</option> }
                                }).collect_view())}
                            </select>
                        </div>
                        // The rarer filters fold away (on a phone seven filters pushed the results
                        // below the fold); open when one of them is in use.
                        <details class="more-filters" open=more_open data-test="more-filters">
                        <summary>{lang.pick("更多条件（日期、金额、当事人类型）", "More filters (dates, fine, party)")}</summary>
                        <div class="form-inline">
                        <div class="field">
                            <label for="d-from">{lang.pick("决定日期起", "Decided from")}</label>
                            <input id="d-from" name="from" type="date" value=i.from.clone() />
                        </div>
                        <div class="field">
                            <label for="d-to">{lang.pick("决定日期止", "Decided to")}</label>
                            <input id="d-to" name="to" type="date" value=i.to.clone() />
                        </div>
                        <div class="field">
                            <label for="d-fmin">{lang.pick("罚款下限（元）", "Fine from (yuan)")}</label>
                            <input id="d-fmin" name="fine_min" inputmode="decimal" value=i.fine_min.clone() />
                        </div>
                        <div class="field">
                            <label for="d-fmax">{lang.pick("罚款上限（元）", "Fine to (yuan)")}</label>
                            <input id="d-fmax" name="fine_max" inputmode="decimal" value=i.fine_max.clone() />
                        </div>
                        <div class="field">
                            <label for="d-party">{lang.pick("当事人类型", "Party")}</label>
                            <select id="d-party" name="party">
                                <option value="">{lang.pick("全部", "All")}</option>
                                {["natural_person", "organisation", "individual_business"].into_iter().map(|k| view! {
                                    <option value=k selected=i.party == k>{party_kind_label(k, lang)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        </div>
                        </details>
                        <button type="submit" class="button" data-test="search-submit">{lang.pick("查询", "Search")}</button>
                    </form>
                }
            }}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let i = input();
                    match results.await {
                        Ok(page) => {
                            let link = |p: u64| format!(
                                "/portal/decisions?q={}&agency={}&from={}&to={}&fine_min={}&fine_max={}&party={}&page={p}",
                                urlencode(&i.q), urlencode(&i.agency), urlencode(&i.from), urlencode(&i.to),
                                urlencode(&i.fine_min), urlencode(&i.fine_max), urlencode(&i.party)
                            );
                            view! {
                                <p data-test="search-total">{match lang {
                                    Lang::Zh => format!("共 {} 条，第 {}/{} 页", page.total, page.page, page.pages),
                                    Lang::En => format!("{} found, page {} of {}", page.total, page.page, page.pages),
                                }}</p>
                                {if page.items.is_empty() {
                                    view! { <p data-test="search-empty">{lang.pick("没有符合条件的处罚决定。", "No decision matches.")}</p> }.into_any()
                                } else {
                                    view! { <ul class="card-list" data-test="decision-results">{page.items.into_iter().map(|d| result_item(d, &i.q, lang)).collect_view()}</ul> }.into_any()
                                }}
                                <nav class="pager" aria-label=lang.pick("翻页", "Pages")>
                                    {(page.page > 1).then(|| view! { <a href=link(page.page - 1) rel="prev" data-test="page-prev">{lang.pick("上一页", "Previous")}</a> })}
                                    {(page.page < page.pages).then(|| view! { <a href=link(page.page + 1) rel="next" data-test="page-next">{lang.pick("下一页", "Next")}</a> })}
                                </nav>
                            }.into_any()
                        }
                        Err(e) => view! { <p class="alert alert-error" role="alert" data-test="search-error">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </PortalPage>
    }
}

/// The notice left of a withdrawn decision (changed, revoked, found illegal or invalid, or
/// removed early after credit repair): its number, agency and dates, and why; not the party,
/// the text, the fine or the document.
fn removed_notice(d: PublicDecision, lang: Lang) -> AnyView {
    view! {
        <article data-test="decision" data-withdrawn="true" data-removed="true">
            <div class="alert alert-warn" role="status" data-test="decision-withdrawn">
                <h2>{lang.pick("本决定已停止公示", "This decision is no longer displayed")}</h2>
                <p>{d.withdrawal.clone().unwrap_or_default()}</p>
                <p>{lang.pick("停止公示日期：", "Withdrawn on: ")} {d.withdrawn_on.map(|x| x.to_string()).unwrap_or_default()}</p>
            </div>
            <dl class="facts">
                <dt>{lang.pick("决定书文号", "Decision number")}</dt><dd data-test="decision-number">{d.number.clone()}</dd>
                <dt>{lang.pick("执法机关", "Agency")}</dt><dd>{d.agency.clone()}</dd>
                <dt>{lang.pick("决定日期", "Decided on")}</dt><dd>{d.decided_on.to_string()}</dd>
            </dl>
            <p><a href="/portal/decisions">{lang.pick("返回查询", "Back to the search")}</a></p>
        </article>
    }
    .into_any()
}

/// One published (or withdrawn) decision: the redacted text and the public PDF, its
/// corrections, and the way to ask for a correction or early removal.
#[component]
pub fn DecisionDetail() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let decision = Resource::new(id, get_public_decision);
    view! {
        <PortalPage title=lang.pick("行政处罚决定", "Penalty decision").to_owned()>
            {loaded(decision, move |d| if d.removed { removed_notice(d, lang) } else { view! {
                <article data-test="decision" data-withdrawn=d.withdrawn.to_string()>
                    {d.withdrawn.then(|| view! {
                        <div class="alert alert-warn" role="status" data-test="decision-withdrawn">
                            <h2>{lang.pick("本决定已撤回公示", "This decision was withdrawn")}</h2>
                            <p>{d.withdrawal.clone().unwrap_or_default()}</p>
                            <p>{lang.pick("撤回日期：", "Withdrawn on: ")} {d.withdrawn_on.map(|x| x.to_string()).unwrap_or_default()}</p>
                        </div>
                    })}
                    <h2 data-test="decision-title">{d.title.clone()}</h2>
                    <dl class="facts">
                        <dt>{lang.pick("决定书文号", "Decision number")}</dt><dd data-test="decision-number">{d.number.clone()}</dd>
                        <dt>{lang.pick("执法机关", "Agency")}</dt><dd>{d.agency.clone()}</dd>
                        <dt>{lang.pick("当事人", "Party")}</dt><dd>{d.party.clone()} "（" {party_kind_label(&d.party_kind, lang)} "）"</dd>
                        {(!d.provision.is_empty()).then(|| view! { <dt>{lang.pick("违法依据", "Provision")}</dt><dd>{d.provision.clone()}</dd> })}
                        {d.fine.clone().map(|f| view! { <dt>{lang.pick("罚款", "Fine")}</dt><dd>{f}</dd> })}
                        <dt>{lang.pick("决定日期", "Decided on")}</dt><dd>{d.decided_on.to_string()}</dd>
                        {d.published_on.map(|p| view! { <dt>{lang.pick("公开日期", "Published on")}</dt><dd>{p.to_string()}</dd> })}
                        {d.display_until.map(|p| view! { <dt>{lang.pick("公示截止", "Displayed until")}</dt><dd>{p.to_string()}</dd> })}
                        {d.verification_code.clone().map(|c| view! {
                            <dt>{lang.pick("文书核验码", "Verification code")}</dt>
                            <dd><a href=format!("/portal/verify?code={c}") data-test="decision-code">{c.clone()}</a></dd>
                        })}
                    </dl>
                    {(!d.withdrawn).then(|| view! {
                        <p><a class="button button-secondary" href=format!("/api/v1/public/decisions/{}/document.pdf", d.id) rel="external" data-test="decision-pdf">{lang.pick("下载决定书（公开版 PDF）", "Download the decision (public PDF)")}</a></p>
                    })}
                    {(!d.corrections.is_empty()).then(|| view! {
                        <section class="card" data-test="decision-corrections">
                            <h3>{lang.pick("更正说明", "Corrections")}</h3>
                            <ul>{d.corrections.iter().map(|c| view! { <li data-test="decision-correction">{c.on.to_string()} "：" {c.note.clone()}</li> }).collect_view()}</ul>
                        </section>
                    })}
                    <h3>{lang.pick("决定书正文（公开版）", "Text of the decision (public version)")}</h3>
                    <div class="decision-body" data-test="decision-body" tabindex="0" role="region" aria-label=lang.pick("决定书正文", "Text of the decision")>{d.body.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}</div>
                    {d.takes_requests.then(|| view! {
                        <p data-test="decision-request">{lang.pick("公示信息有误，或已完成信用修复？", "Is the record wrong, or have you repaired your credit? ")}
                            " " <a href=format!("/portal/decisions/{}/request", d.id) data-test="decision-request-link">{lang.pick("申请更正或提前移出公示", "Ask for a correction or early removal")}</a></p>
                    })}
                    <p><a href="/portal/decisions">{lang.pick("返回查询", "Back to the search")}</a> " · " <a href="/portal/verify">{lang.pick("核验文书真伪", "Verify a document")}</a></p>
                </article>
            }.into_any() })}
        </PortalPage>
    }
}

fn publication_card(
    p: PublicationView,
    action: ServerAction<StepPublication>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    let pid = p.id;
    let badge = if p.overdue {
        "badge badge-bad"
    } else {
        "badge"
    };
    view! {
        <article class="card" data-test="publication" data-status=p.status.clone() data-case=p.case_number.clone()>
            <h2><a href=format!("/work/cases/{}", p.case_id) data-test="publication-case-link">{p.case_number.clone()}</a> " " {p.title.clone()}</h2>
            <p class="meta">{p.number.clone()} " · " <span class=badge data-test="publication-status">{p.status_label.clone()}</span>
                " · " {lang.pick("公开期限 ", "Publish by ")} {p.due_on.to_string()}
                {p.overdue.then(|| view! { " " <span class="badge badge-bad">{lang.pick("已超期", "Overdue")}</span> })}
                {p.display_until.map(|d| view! { " · " {lang.pick("公示至 ", "Displayed until ")} {d.to_string()} })}</p>
            {p.withdrawal.clone().map(|w| view! { <p class="alert alert-warn">{w}</p> })}
            {p.overturned.clone().map(|o| view! { <p class="alert alert-warn" data-test="publication-overturned">{o}</p> })}
            {(p.status != "draft").then(|| view! { <p><a href=format!("/portal/decisions/{pid}") data-test="publication-public-link">{lang.pick("查看公示页面", "See the public page")}</a></p> })}
            <div class="side-by-side">
                <section>
                    <h3>{lang.pick("原文（内部）", "Original (internal)")}</h3>
                    <div class="decision-body" data-test="publication-original" tabindex="0" role="region" aria-label=lang.pick("原文", "Original")>{p.original.clone().unwrap_or_default().lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}</div>
                </section>
                <section>
                    <h3>{lang.pick("公开文本（已处理个人信息）", "Public text (redacted)")}</h3>
                    <div class="decision-body" data-test="publication-redacted" tabindex="0" role="region" aria-label=lang.pick("公开文本", "Public text")>{p.redacted.lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}</div>
                </section>
            </div>
            {p.can_approve.then(|| view! {
                <ActionForm action=action attr:class="form form-inline" attr:data-test="publication-approve-form">
                    <input type="hidden" name="publication_id" value=pid />
                    <input type="hidden" name="step" value="approve" />
                    <div class="field">
                        <label for=format!("pub-until-{pid}")>{lang.pick("公示截止日期（空为最长 3 年）", "Display until (empty: the longest, 3 years)")}</label>
                        <input id=format!("pub-until-{pid}") name="display_until" type="date" data-test="publication-until"
                            aria-invalid=invalid(error, Field::DisplayUntil) />
                    </div>
                    <label class="check confirm-check">
                        <input type="checkbox" required data-test="publication-confirm" />
                        {lang.pick(
                            "已逐段核对右侧公开文本：不含不应公开的个人信息，公开后即在门户网站向社会公示",
                            "I checked the public text paragraph by paragraph: it holds no personal data that must not be published; once published it is shown on the portal",
                        )}
                    </label>
                    <button type="submit" class="button" data-test="publication-approve">{lang.pick("核对无误，公开", "Checked: publish")}</button>
                </ActionForm>
            })}
            {p.can_withdraw.then(|| view! {
                <details class="step">
                    <summary>{lang.pick("撤回公示", "Withdraw")}</summary>
                    <ActionForm action=action attr:class="form" attr:data-test="publication-withdraw-form">
                        <input type="hidden" name="publication_id" value=pid />
                        <input type="hidden" name="step" value="withdraw" />
                        <div class="field">
                            <label for=format!("pub-basis-{pid}")>{lang.pick("撤回依据", "Basis")}</label>
                            <select id=format!("pub-basis-{pid}") name="basis" data-test="publication-basis">
                                <option value="">{lang.pick("请选择", "Choose")}</option>
                                {WithdrawalBasis::LEGAL.into_iter().map(|b| view! { <option value=b.as_str()>{b.label(lang)}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=format!("pub-reason-{pid}")>{lang.pick("公开说明", "Public explanation")}</label>
                            <textarea id=format!("pub-reason-{pid}") name="reason" rows="2" data-test="publication-reason"></textarea>
                        </div>
                        <label class="check confirm-check">
                            <input type="checkbox" required data-test="publication-withdraw-confirm" />
                            {lang.pick("确认撤回：门户网站将停止公示，并载明撤回依据和说明", "Withdraw: the portal stops showing it and states the basis and the explanation")}
                        </label>
                        <button type="submit" class="button button-danger" data-test="publication-withdraw">{lang.pick("撤回", "Withdraw")}</button>
                    </ActionForm>
                </details>
            })}
        </article>
    }
    .into_any()
}

/// The agency's publication records: drafts to check and approve, published ones to withdraw.
#[component]
pub fn PublicationQueue() -> impl IntoView {
    let lang = use_lang();
    let step = ServerAction::<StepPublication>::new();
    let list = Resource::new(move || step.version().get(), |_| list_publications());
    let error = Signal::derive(move || action_error(step.value().get()));
    view! {
        <StaffPage title=lang.pick("处罚决定公示审核", "Publication of decisions").to_owned()>
            <p class="muted">{lang.pick(
                "处罚决定签发后自动生成公示稿，个人信息已按规则处理。请逐段核对原文与公开文本，确认无误后公开；决定被变更、撤销或确认违法、无效的，应当撤回并说明理由。",
                "Issuing a penalty decision drafts its publication with private data redacted. Compare the public text with the original, then publish; a decision changed, revoked or found illegal or invalid is withdrawn with the reason.",
            )}</p>
            <p><a href="/work/publication-requests" data-test="publication-requests-link">{lang.pick("当事人的更正与信用修复申请", "The parties' correction and removal requests")}</a></p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {loaded(list, move |items| {
                if items.is_empty() {
                    return view! { <p data-test="no-publications">{lang.pick("暂无公示记录。", "There are no publication records.")}</p> }.into_any();
                }
                items.into_iter().map(|p| publication_card(p, step, error, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}
