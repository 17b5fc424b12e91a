//! Case-file review (案卷评查, issue 24 item 1): supervisors open a round and the platform
//! draws its files; supervisors score each file against the round's template; the agency's head
//! reads the agency's scores and may object once.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, supervision::file_review::Grade};

use crate::{
    api::{
        supervision::{ObjectReviewFile, OpenFileReview, ScoreReviewFile, list_file_reviews},
        supervision_dto::{AverageView, FileReviewRound, ReviewFileView},
    },
    ui::common::{
        StaffPage, action_error, agency_options, enforcement_agencies, is_supervisor, loaded,
        use_lang,
    },
};

/// The staff page: the form for supervisors, then the rounds.
#[component]
pub fn FileReviewsPage() -> impl IntoView {
    let lang = use_lang();
    let open = ServerAction::<OpenFileReview>::new();
    let score = ServerAction::<ScoreReviewFile>::new();
    let object = ServerAction::<ObjectReviewFile>::new();
    let list = Resource::new(
        move || {
            (
                open.version().get(),
                score.version().get(),
                object.version().get(),
            )
        },
        |_| list_file_reviews(),
    );
    let agencies = enforcement_agencies();
    let error = Signal::derive(move || {
        action_error(open.value().get())
            .or_else(|| action_error(score.value().get()))
            .or_else(|| action_error(object.value().get()))
    });
    let options = agency_options(agencies, None);
    view! {
        <StaffPage title=lang.pick("案卷评查", "Case-file review").to_owned()>
            <p class="muted">{lang.pick(
                "从期间内已结案的案件中随机抽取案卷（先在审计日志中登记随机种子的摘要，再用该种子抽取，任何人可复核），按评查标准逐项扣分并写明理由；被评查机关负责人可对评分提出一次异议，复核评分为最终结果。不合格案卷须整改。",
                "Files are drawn at random from the cases closed in a period (the seed's digest is logged before the draw and anyone can re-run it) and scored against the template, each point lost with its reason; the agency's head may object to a score once, and the second score is final. Files graded poor are to be rectified.",
            )}</p>
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            {move || is_supervisor().then(|| view! {
                <details class="panel" data-test="round-new">
                    <summary>{lang.pick("开展一轮评查", "Open a round")}</summary>
                    <ActionForm action=open attr:class="form" attr:data-test="round-form">
                        <div class="field">
                            <label for="rv-name">{lang.pick("评查名称", "Name")}</label>
                            <input id="rv-name" name="name" type="text" required maxlength="100" data-test="rv-name" />
                        </div>
                        <div class="field">
                            <label for="rv-from">{lang.pick("结案日期自", "Closed from")}</label>
                            <input id="rv-from" name="period_from" type="date" required data-test="rv-from" />
                        </div>
                        <div class="field">
                            <label for="rv-to">{lang.pick("结案日期至", "Closed until")}</label>
                            <input id="rv-to" name="period_to" type="date" required data-test="rv-to" />
                        </div>
                        <div class="field">
                            <label for="rv-agency">{lang.pick("被评查机关（不选则为辖区全部执法机关）", "Agency (none: every agency of the region)")}</label>
                            <select id="rv-agency" name="agency" data-test="rv-agency">
                                <option value="">{lang.pick("（全部）", "(all)")}</option>
                                <Suspense fallback=|| ()>{options}</Suspense>
                            </select>
                        </div>
                        <div class="field">
                            <label for="rv-size">{lang.pick("抽查案卷数（1–50）", "Files to draw (1–50)")}</label>
                            <input id="rv-size" name="sample_size" type="number" min="1" max="50" required data-test="rv-size" />
                        </div>
                        <button type="submit" class="button" data-test="rv-submit">{lang.pick("抽取案卷", "Draw the files")}</button>
                    </ActionForm>
                </details>
            })}
            {loaded(list, move |rounds| {
                if rounds.is_empty() {
                    return view! { <p class="muted" data-test="no-rounds">{lang.pick("暂无评查。", "No rounds.")}</p> }.into_any();
                }
                rounds.into_iter().map(|r| round_card(r, score, object, lang)).collect_view().into_any()
            })}
        </StaffPage>
    }
}

fn averages(caption: &'static str, rows: Vec<AverageView>, test: &'static str) -> AnyView {
    view! {
        <table class="table" data-test=test>
            <caption>{caption}</caption>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr><th scope="row">{a.name}</th><td>{a.average}</td><td class="muted">{a.files}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn round_card(
    r: FileReviewRound,
    score: ServerAction<ScoreReviewFile>,
    object: ServerAction<ObjectReviewFile>,
    lang: Lang,
) -> AnyView {
    let names: Vec<String> = r.agencies.iter().map(|a| a.name.clone()).collect();
    let scored = r.files.iter().filter(|f| f.total.is_some()).count();
    let criteria = r.criteria.clone();
    view! {
        <article class="card" data-test="round">
            <h3>{r.name.clone()}</h3>
            <p class="meta">{r.period_from.to_string()} " – " {r.period_to.to_string()}
                " · " {names.join("、")}
                " · " {lang.pick("从 ", "")}{r.candidates}{lang.pick(" 件已结案案件中抽取 ", " closed cases, drawn ")}{r.files.len()}
                " · " {lang.pick("已评分 ", "scored ")}<span data-test="round-scored">{scored}</span></p>
            <p class="muted small">{lang.pick("随机种子摘要 ", "Seed digest ")}<code class="wrap">{r.commitment.clone()}</code>
                {lang.pick("（审计事件 #", " (audit event #")}{r.commitment_seq}{lang.pick("）；种子 ", "); seed ")}<code class="wrap">{r.seed.clone()}</code></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("抽取的案卷", "Files drawn")>
                <table class="table" data-test="round-files">
                    <thead><tr>
                        <th scope="col">{lang.pick("案件", "Case")}</th>
                        <th scope="col">{lang.pick("机关", "Agency")}</th>
                        <th scope="col">{lang.pick("状态", "Status")}</th>
                        <th scope="col">{lang.pick("得分", "Score")}</th>
                    </tr></thead>
                    <tbody>
                        {r.files.iter().map(|f| file_row(f, lang)).collect_view()}
                    </tbody>
                </table>
            </div>
            {r.files.into_iter().filter(|f| f.can_score || f.can_object || !f.deductions.is_empty() || f.objection.is_some()).map(|f| file_detail(f, criteria.clone(), score, object, lang)).collect_view()}
            {(scored > 0).then(|| view! {
                <div class="results" data-test="round-results">
                    {averages(lang.pick("各机关平均分", "Average per agency"), r.per_agency, "per-agency")}
                    {averages(lang.pick("各项平均扣分", "Points lost per criterion"), r.per_criterion, "per-criterion")}
                    {averages(lang.pick("各执法人员平均分", "Average per officer"), r.per_officer, "per-officer")}
                </div>
                <p data-test="to-rectify" data-count=r.to_rectify>{lang.pick("不合格须整改的案卷 ", "Files to rectify: ")}{r.to_rectify}</p>
            })}
        </article>
    }
    .into_any()
}

fn file_row(f: &ReviewFileView, lang: Lang) -> AnyView {
    let bad = f.grade == Some(Grade::Poor);
    view! {
        <tr data-test="review-file" data-status=f.status.as_str()>
            <td><a href=format!("/work/cases/{}", f.case_id)>{f.case_number.clone()}</a><br/><span class="small">{f.case_title.clone()}</span></td>
            <td>{f.agency.name.clone()}</td>
            <td><span class="badge">{f.status_label.clone()}</span></td>
            <td data-test="file-total">{f.total.map(|t| t.to_string()).unwrap_or_else(|| "—".into())}
                {f.grade_label.clone().map(|g| view! { " " <span class=if bad { "badge badge-bad" } else { "badge" }>{g}</span> })}
                {f.first_total.map(|t| view! { <span class="muted small">{lang.pick("（异议前 ", " (before the objection ")}{t}{lang.pick("）", ")")}</span> })}</td>
        </tr>
    }
    .into_any()
}

fn file_detail(
    f: ReviewFileView,
    criteria: Vec<tianping_domain::supervision::file_review::Criterion>,
    score: ServerAction<ScoreReviewFile>,
    object: ServerAction<ObjectReviewFile>,
    lang: Lang,
) -> AnyView {
    let id = f.id;
    view! {
        <section class="panel" data-test="file-detail" data-file=id>
            <h4>{f.case_number.clone()} " · " {f.status_label.clone()}</h4>
            {(!f.deductions.is_empty()).then(|| view! {
                <ul data-test="file-deductions">
                    {f.deductions.iter().map(|d| view! { <li>{d.label.clone()} " −" {d.points} "：" {d.comment.clone()}</li> }).collect_view()}
                </ul>
            })}
            {f.rectify.clone().map(|href| view! {
                <p class="alert alert-warn" data-test="file-rectify">
                    {lang.pick("该案卷评为不合格，须整改：", "Graded poor, to be rectified: ")}
                    <a href=href>{lang.pick("制发监督意见书", "issue a supervision opinion")}</a>
                </p>
            })}
            {f.objection.clone().map(|o| view! { <p data-test="file-objection"><strong>{lang.pick("异议：", "Objection: ")}</strong>{o}</p> })}
            {f.can_score.then(move || view! {
                <ActionForm action=score attr:class="form" attr:data-test="score-form">
                    <input type="hidden" name="file_id" value=id />
                    {criteria.into_iter().map(|c| {
                        let lost = format!("lost-{id}-{}", c.key);
                        let why = format!("why-{id}-{}", c.key);
                        view! {
                            <div class="field">
                                <label for=lost.clone()>{c.label.clone()}{lang.pick("：扣分（满分 ", ": points off (of ")}{c.weight}{lang.pick("）", ")")}</label>
                                <input id=lost name=format!("lost[{}]", c.key) type="number" min="0" max=c.weight.to_string() data-test=format!("lost-{}", c.key) />
                                <label for=why.clone() class="small">{lang.pick("扣分理由", "Why")}</label>
                                <input id=why name=format!("comments[{}]", c.key) type="text" maxlength="500" data-test=format!("why-{}", c.key) />
                            </div>
                        }
                    }).collect_view()}
                    <button type="submit" class="button" data-test="score-submit">{lang.pick("提交评分", "Submit the score")}</button>
                </ActionForm>
            })}
            {f.can_object.then(|| view! {
                <ActionForm action=object attr:class="form" attr:data-test="objection-form">
                    <input type="hidden" name="file_id" value=id />
                    <div class="field">
                        <label for=format!("ob-{id}")>{lang.pick("异议理由（只能提出一次）", "Objection (once only)")}</label>
                        <textarea id=format!("ob-{id}") name="reason" rows="2" required data-test="objection-reason"></textarea>
                    </div>
                    <button type="submit" class="button" data-test="objection-submit">{lang.pick("提出异议", "Object")}</button>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}
