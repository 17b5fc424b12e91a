//! Legal review (法制审核): the reviewer's queue and work page with the checklist, the review
//! figures for the supervision side, and the administrators' major-decision catalogs.

use crate::ui::form::field_error;
use leptos::prelude::*;
use tianping_domain::{
    i18n::Lang,
    money::format_yuan,
    review::{CheckPoint, Measure, ReviewOutcome, Verdict},
    role::Role,
    validate::Field,
};

use crate::{
    api::{
        AppError,
        review_dto::{AgencyCatalogs, FigureRow, RoundView},
        reviews::{
            DecideReview, PublishCatalog, get_review, list_catalogs, review_figures, review_queue,
        },
    },
    ui::common::{StaffPage, action_error, id_param, loaded, use_lang},
};

fn days_badge(days_left: i64, lang: Lang) -> impl IntoView + use<> {
    let (class, text) = if days_left < 0 {
        (
            "badge badge-bad",
            match lang {
                Lang::Zh => format!("已超期 {} 天", -days_left),
                Lang::En => format!("{} days overdue", -days_left),
            },
        )
    } else if days_left <= 2 {
        (
            "badge badge-warn",
            match lang {
                Lang::Zh => format!("剩 {days_left} 天"),
                Lang::En => format!("{days_left} days left"),
            },
        )
    } else {
        (
            "badge",
            match lang {
                Lang::Zh => format!("剩 {days_left} 天"),
                Lang::En => format!("{days_left} days left"),
            },
        )
    };
    view! { <span class=class>{text}</span> }
}

/// The reviewer's queue: pending rounds of the agencies served, oldest first.
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let lang = use_lang();
    let queue = Resource::new(|| (), |_| review_queue());
    view! {
        <StaffPage title=lang.pick("法制审核", "Legal review").to_owned() only=Role::LegalReviewer>
            <p class="muted">{lang.pick("所服务机关提交的重大执法决定，按提交时间先后排列；审核期限为收到之日起 10 个工作日。", "Major decisions submitted by the agencies you serve, oldest first; the time limit is 10 working days from receipt.")}</p>
            {loaded(queue, move |items| if items.is_empty() {
                view! { <p class="muted" data-test="queue-empty">{lang.pick("暂无待审核案件。", "Nothing waits for review.")}</p> }.into_any()
            } else {
                view! {
                    <table class="table" data-test="review-queue">
                        <thead><tr>
                            <th scope="col">{lang.pick("案件", "Case")}</th>
                            <th scope="col">{lang.pick("机关", "Agency")}</th>
                            <th scope="col">{lang.pick("轮次", "Round")}</th>
                            <th scope="col">{lang.pick("提交", "Submitted")}</th>
                            <th scope="col">{lang.pick("审核期限", "Due")}</th>
                            <th scope="col">{lang.pick("列入目录的情形", "Catalog entries matched")}</th>
                        </tr></thead>
                        <tbody>
                            {items.into_iter().map(|i| view! {
                                <tr data-test="queue-row">
                                    <td><a href=format!("/work/reviews/{}", i.round_id) data-test="queue-link">{i.case_number.clone()}</a><br/>{i.case_title.clone()}</td>
                                    <td>{i.agency.clone()}</td>
                                    <td>{i.round}</td>
                                    <td>{i.submitted_at.clone()}<br/><span class="muted">{i.submitted_by.clone()}</span></td>
                                    <td>{i.due_on.to_string()} " " {days_badge(i.days_left, lang)}</td>
                                    <td><ul class="plain">{i.matched.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </StaffPage>
    }
}

/// The rounds of a case as a table (case page and work page).
pub fn rounds_table(rounds: &[RoundView], lang: Lang) -> impl IntoView + use<> {
    let rows = rounds
        .iter()
        .map(|r| {
            let outcome = r.outcome.map_or_else(
                || lang.pick("审核中", "Under review").to_owned(),
                |o| o.label(lang).to_owned(),
            );
            let class = match r.outcome {
                Some(o) if o.passes() => "badge badge-ok",
                Some(_) => "badge badge-bad",
                None => "badge",
            };
            let problems: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.verdict == Verdict::Problem)
                .map(|f| format!("{}：{}", f.point.label(lang), f.comment))
                .collect();
            view! {
                <tr data-test="review-round" data-outcome=r.outcome.map(|o| o.as_str()).unwrap_or("pending")>
                    <td>{lang.pick("第 ", "Round ")}{r.round}{lang.pick(" 轮", "")}</td>
                    <td>{r.submitted_at.clone()}<br/><span class="muted">{r.submitted_by.clone()}</span></td>
                    <td>{r.due_on.to_string()}</td>
                    <td><span class=class>{outcome}</span><br/><span class="muted">{r.reviewer.clone().unwrap_or_default()} " " {r.decided_at.clone().unwrap_or_default()}</span></td>
                    <td data-test="round-opinion">{r.opinion.clone().unwrap_or_default()}
                        {(!problems.is_empty()).then(|| view! { <ul class="plain muted">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> })}
                    </td>
                    <td>{r.catalog_version.map(|v| format!("v{v}")).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table" data-test="review-rounds">
            <thead><tr>
                <th scope="col">{lang.pick("轮次", "Round")}</th>
                <th scope="col">{lang.pick("提交", "Submitted")}</th>
                <th scope="col">{lang.pick("审核期限", "Due")}</th>
                <th scope="col">{lang.pick("审核结论", "Outcome")}</th>
                <th scope="col">{lang.pick("审核意见", "Opinion")}</th>
                <th scope="col">{lang.pick("目录版本", "Catalog")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The reviewer's work page of one round.
#[component]
pub fn ReviewWork() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let decide = ServerAction::<DecideReview>::new();
    let page = Resource::new(
        move || (id(), decide.version().get()),
        |(id, _)| get_review(id),
    );
    let error = Signal::derive(move || action_error(decide.value().get()));
    view! {
        <StaffPage title=lang.pick("法制审核", "Legal review").to_owned()>
            {loaded(page, move |p| {
                let r = p.round.clone();
                let m = r.materials.clone();
                let material = |label: &'static str, text: String, test: &'static str| {
                    (!text.is_empty()).then(|| view! {
                        <h3>{label}</h3>
                        <div class="material" data-test=test>{text}</div>
                    })
                };
                view! {
                    <header class="case-head">
                        <p class="muted">{p.case_number.clone()} " · " {p.agency.clone()} " · " {lang.pick("第 ", "Round ")}{r.round}{lang.pick(" 轮审核", "")}</p>
                        <h2><a href=format!("/work/cases/{}", p.case_id) data-test="review-case-link">{p.case_title.clone()}</a></h2>
                        <p>{lang.pick("承办人：", "Officers: ")}{p.officers.join("、")}
                           {p.proposed_fine_fen.map(|f| view! { " · " {lang.pick("拟罚款 ", "Proposed fine ")}{format_yuan(f)}{lang.pick(" 元", " yuan")} })}</p>
                        <p>{lang.pick("审核期限：", "Due: ")}{r.due_on.to_string()}</p>
                    </header>
                    <section data-test="review-parties">
                        <h3>{lang.pick("当事人", "Parties")}</h3>
                        {if p.parties.is_empty() {
                            view! { <p class="alert alert-warn">{lang.pick("本案尚未登记当事人。", "No party is recorded on this case.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul>{p.parties.iter().map(|party| view! {
                                    <li data-test="review-party">
                                        <strong>{party.name.clone()}</strong>
                                        " · " {if party.kind == "organisation" { lang.pick("法人或其他组织", "Organisation") } else { lang.pick("公民", "Natural person") }}
                                        " · " {party.identifier.clone()}
                                        {party.legal_representative.clone().map(|l| view! { " · " {lang.pick("法定代表人 ", "Represented by ")}{l} })}
                                        " · " {party.address.clone()}
                                    </li>
                                }).collect_view()}</ul>
                            }.into_any()
                        }}
                    </section>
                    <section data-test="matched">
                        <h3>{lang.pick("列入重大执法决定目录的情形", "Catalog entries matched")}
                            {r.catalog_version.map(|v| format!(" (v{v})"))}</h3>
                        <ul>{r.matched.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                        {r.matched.is_empty().then(|| view! { <p class="muted">{lang.pick("未列入目录，主动送审。", "Not in the catalog; submitted voluntarily.")}</p> })}
                    </section>
                    <section data-test="materials">
                        <h2>{lang.pick("送审材料", "Materials")}</h2>
                        {material(lang.pick("调查终结报告", "Investigation report"), m.investigation_report.clone(), "material-report")}
                        {material(lang.pick("拟作出的处罚决定", "Draft decision"), m.draft_decision.clone(), "material-draft")}
                        {material(lang.pick("陈述申辩笔录及复核意见", "Statement and defence"), m.statement_record.clone(), "material-statement")}
                        {material(lang.pick("听证笔录和听证报告", "Hearing record and report"), m.hearing_record.clone(), "material-hearing")}
                        <h3>{lang.pick("证据清单", "Evidence list")}</h3>
                        <ol data-test="material-evidence">{m.evidence.iter().map(|e| view! {
                            <li>{e.label.clone()}
                                {e.sha256.clone().map(|h| view! { " · " <a href=format!("/api/v1/evidence/{}/file", e.id)>{lang.pick("查看文件", "Open file")}</a> <span class="muted">" SHA-256 " {h.chars().take(12).collect::<String>()} "…"</span> })}
                            </li>
                        }).collect_view()}</ol>
                    </section>
                    <section>
                        <h2>{lang.pick("审核记录", "Review rounds")}</h2>
                        {rounds_table(&p.rounds, lang)}
                    </section>
                    {p.refusal.clone().map(|why| view! { <p class="alert alert-error" role="alert" data-test="review-refusal">{why}</p> })}
                    {p.can_decide.then(|| view! {
                        <section aria-labelledby="decide-h">
                            <h2 id="decide-h">{lang.pick("审核意见", "Decision")}</h2>
                            <ActionForm action=decide attr:class="form" attr:data-test="review-form">
                                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                                <input type="hidden" name="id" value=r.id />
                                <table class="table checklist" data-test="checklist">
                                    <thead><tr>
                                        <th scope="col">{lang.pick("审核要点", "Point")}</th>
                                        <th scope="col">{lang.pick("无问题", "Pass")}</th>
                                        <th scope="col">{lang.pick("存在问题", "Problem")}</th>
                                        <th scope="col">{lang.pick("说明", "Comment")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {CheckPoint::ALL.into_iter().map(|pt| {
                                            let code = pt.as_str();
                                            view! {
                                                <tr data-test=format!("point-{code}")>
                                                    <th scope="row">{pt.label(lang)}{field_error(error, pt.field())}</th>
                                                    <td><input type="radio" name=format!("form[verdicts][{code}]") value="pass" aria-label=format!("{} {}", pt.label(lang), lang.pick("无问题", "pass")) data-test=format!("pass-{code}") /></td>
                                                    <td><input type="radio" name=format!("form[verdicts][{code}]") value="problem" aria-label=format!("{} {}", pt.label(lang), lang.pick("存在问题", "problem")) data-test=format!("problem-{code}") /></td>
                                                    <td><input type="text" name=format!("form[comments][{code}]") aria-label=format!("{} {}", pt.label(lang), lang.pick("说明", "comment")) data-test=format!("comment-{code}") /></td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <div class="field">
                                    <label for="review-outcome">{lang.pick("审核结论", "Outcome")}</label>
                                    <select id="review-outcome" name="form[outcome]" data-test="form[outcome]">
                                        {ReviewOutcome::ALL.into_iter().map(|o| view! { <option value=o.as_str()>{o.label(lang)}</option> }).collect_view()}
                                    </select>
                                    {field_error(error, Field::ReviewOutcome)}
                                </div>
                                <div class="field">
                                    <label for="review-opinion">{lang.pick("审核意见（同意并提出意见或退回时必填）", "Written opinion (required when approving with opinions or returning)")}</label>
                                    <textarea id="review-opinion" name="form[opinion]" rows="4" data-test="form[opinion]"></textarea>
                                    {field_error(error, Field::Opinion)}
                                </div>
                                <button type="submit" class="button" data-test="review-submit">{lang.pick("提交审核意见", "Submit the decision")}</button>
                            </ActionForm>
                        </section>
                    })}
                    {move || matches!(decide.value().get(), Some(Ok(_))).then(|| view! { <p class="alert alert-ok" role="status" data-test="review-done">{lang.pick("审核意见已提交。", "The decision is recorded.")}</p> })}
                }
            })}
        </StaffPage>
    }
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%"))
}

fn figures_table(
    rows: Vec<FigureRow>,
    first: &'static str,
    lang: Lang,
    test: &'static str,
) -> impl IntoView + use<> {
    view! {
        <table class="table" data-test=test>
            <thead><tr>
                <th scope="col">{first}</th>
                <th scope="col">{lang.pick("已审核", "Done")}</th>
                <th scope="col">{lang.pick("通过", "Approved")}</th>
                <th scope="col">{lang.pick("退回", "Returned")}</th>
                <th scope="col">{lang.pick("待审核", "Pending")}</th>
                <th scope="col">{lang.pick("通过率", "Approval rate")}</th>
                <th scope="col">{lang.pick("退回率", "Return rate")}</th>
                <th scope="col">{lang.pick("审核用时中位数", "Median review time")}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-test="figure-row">
                        <th scope="row">{r.name}</th>
                        <td data-test="done">{r.done}</td>
                        <td>{r.approved}</td>
                        <td>{r.returned}</td>
                        <td>{r.pending}</td>
                        <td>{percent(r.approval_rate)}</td>
                        <td>{percent(r.return_rate)}</td>
                        <td>{r.median_hours.map_or_else(|| "—".to_owned(), |h| if h < 48.0 { format!("{h:.1} {}", lang.pick("小时", "h")) } else { format!("{:.1} {}", h / 24.0, lang.pick("天", "days")) })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Review figures per agency and per reviewer.
#[component]
pub fn ReviewFigures() -> impl IntoView {
    let lang = use_lang();
    let figures = Resource::new(|| (), |_| review_figures());
    view! {
        <StaffPage title=lang.pick("法制审核统计", "Legal review figures").to_owned()>
            {loaded(figures, move |f| view! {
                <h2>{lang.pick("按机关", "By agency")}</h2>
                {figures_table(f.by_agency, lang.pick("机关", "Agency"), lang, "figures-agency")}
                <h2>{lang.pick("按审核人员", "By reviewer")}</h2>
                {figures_table(f.by_reviewer, lang.pick("审核人员", "Reviewer"), lang, "figures-reviewer")}
            })}
        </StaffPage>
    }
}

fn catalog_form(
    a: &AgencyCatalogs,
    action: ServerAction<PublishCatalog>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView + use<> {
    let d = a.draft.clone();
    let input = move |name: &'static str, label: &'static str, value: String, field: Field| {
        view! {
            <div class="field">
                <label>{label}<input name=name value=value data-test=name /></label>
                {field_error(error, field)}
            </div>
        }
    };
    view! {
        <details class="step" data-test=format!("catalog-form-{}", a.agency_id)>
            <summary>{lang.pick("发布新版本", "Publish a new version")}</summary>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="form[agency]" value=d.agency.clone() />
                {input("form[effective_from]", lang.pick("生效日期（空为今日）", "Effective from (empty: today)"), String::new(), Field::EffectiveFrom)}
                {input("form[fine_person]", lang.pick("罚款：对公民（元）", "Fine: natural person (yuan)"), d.fine_person.clone(), Field::FineThreshold)}
                {input("form[fine_organisation]", lang.pick("罚款：对法人或者其他组织（元）", "Fine: organisation (yuan)"), d.fine_organisation.clone(), Field::FineThreshold)}
                {input("form[confiscation_person]", lang.pick("没收：对公民（元）", "Confiscation: natural person (yuan)"), d.confiscation_person.clone(), Field::ConfiscationThreshold)}
                {input("form[confiscation_organisation]", lang.pick("没收：对法人或者其他组织（元）", "Confiscation: organisation (yuan)"), d.confiscation_organisation.clone(), Field::ConfiscationThreshold)}
                <fieldset><legend>{lang.pick("处罚措施", "Measures")}</legend>
                    {Measure::ALL.into_iter().map(|m| {
                        let checked = d.measures.contains_key(m.as_str());
                        view! { <label class="check"><input type="checkbox" name=format!("form[measures][{}]", m.as_str()) value="on" checked=checked />{m.label(lang)}</label> }
                    }).collect_view()}
                </fieldset>
                <label class="check"><input type="checkbox" name="form[hearing]" value="on" checked=!d.hearing.is_empty() />{lang.pick("经过听证程序的案件", "Cases that went through a hearing")}</label>
                <label class="check"><input type="checkbox" name="form[departure]" value="on" checked=!d.departure.is_empty() />{lang.pick("减轻处罚或者偏离裁量基准", "Mitigation or departure from the discretion standard")}</label>
                <div class="field">
                    <label>{lang.pick("其他情形（每行一项：代码 | 中文名称 | English name）", "Further circumstances (one per line: code | 中文名称 | English name)")}
                        <textarea name="form[flags]" rows="4" data-test="form[flags]">{d.flags.clone()}</textarea></label>
                    {field_error(error, Field::FlagCode)}
                    {field_error(error, Field::FlagLabel)}
                </div>
                <div class="field">
                    <label>{lang.pick("修订说明（必填）", "Why it changes (required)")}<textarea name="form[note]" rows="2" data-test="form[note]"></textarea></label>
                    {field_error(error, Field::CatalogNote)}
                    {field_error(error, Field::Catalog)}
                </div>
                <label class="check confirm-check">
                    <input type="checkbox" required data-test="catalog-confirm" />
                    {lang.pick(
                        "确认发布：新版本自生效日期起适用于此后送审的案件，已送审的案件不受影响；发布后不能删除",
                        "Publish: the new version applies to cases submitted from its effective date, cases already submitted are unaffected; a published version cannot be deleted",
                    )}
                </label>
                <button type="submit" class="button" data-test="catalog-submit">{lang.pick("发布", "Publish")}</button>
            </ActionForm>
        </details>
    }
}

/// Every agency's major-decision catalog, its versions, and a form for the next version.
#[component]
pub fn AdminCatalogs() -> impl IntoView {
    let lang = use_lang();
    let publish = ServerAction::<PublishCatalog>::new();
    let catalogs = Resource::new(move || publish.version().get(), |_| list_catalogs());
    let error = Signal::derive(move || action_error(publish.value().get()));
    view! {
        <StaffPage title=lang.pick("重大执法决定法制审核目录", "Major-decision catalogs").to_owned() only=Role::Admin>
            <p class="muted">{lang.pick("案件按送审时有效的目录版本判断是否属于重大执法决定；新版本不影响已送审的案件。", "A case is judged by the catalog version in force when it was submitted; a new version leaves submitted cases as they were.")}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {move || matches!(publish.value().get(), Some(Ok(_))).then(|| view! { <p class="alert alert-ok" role="status" data-test="catalog-published">{lang.pick("已发布新版本。", "Published.")}</p> })}
            {loaded(catalogs, move |list| list.into_iter().map(|a| view! {
                <section class="catalog" data-test=format!("catalog-{}", a.agency_id)>
                    <h2>{a.agency_name.clone()}</h2>
                    {a.versions.iter().map(|v| view! {
                        <article class="catalog-version" data-test="catalog-version" data-in-force=v.in_force.to_string()>
                            <h3>"v" {v.version} " · " {lang.pick("自 ", "from ")}{v.effective_from.to_string()}{lang.pick(" 起施行", "")}
                                {v.in_force.then(|| view! { " " <span class="badge badge-ok">{lang.pick("现行", "In force")}</span> })}</h3>
                            <p class="muted">{v.note.clone()} " · " {v.created_by.clone()} " " {v.created_at.clone()}</p>
                            <ol>{v.criteria.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ol>
                        </article>
                    }).collect_view()}
                    {a.versions.is_empty().then(|| view! { <p class="muted">{lang.pick("尚未制定目录，暂按通用目录判断。", "No catalog yet; the typical entries apply.")}</p> })}
                    {catalog_form(&a, publish, error, lang)}
                </section>
            }).collect_view())}
        </StaffPage>
    }
}
