//! Annual enforcement data (年度行政执法数据) on the portal: per agency and year, with a
//! server-rendered chart and the same figures as CSV. Works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{i18n::Lang, supervision::figures::nice_ceiling};

use crate::{
    api::{publicity::get_annual_report, publicity_dto::AnnualRow},
    ui::common::{PortalPage, loaded, use_lang},
};

/// Penalty and no-penalty decisions per agency, as horizontal bars (no script).
fn decisions_chart(rows: &[AnnualRow], lang: Lang) -> AnyView {
    let top = nice_ceiling(
        rows.iter()
            .map(|r| r.counts.penalties.max(r.counts.no_penalties))
            .max()
            .unwrap_or(0),
    );
    let (left, right, row_h) = (220.0_f64, 48.0_f64, 44.0_f64);
    let width = 720.0_f64;
    #[allow(clippy::cast_precision_loss)]
    let height = row_h * rows.len().max(1) as f64 + 24.0;
    let plot_w = width - left - right;
    #[allow(clippy::cast_precision_loss)]
    let w = move |v: i64| plot_w * (v as f64) / (top as f64);
    let label = lang.pick(
        "各执法机关作出处罚决定和不予处罚决定数量条形图",
        "Bar chart of penalty and no-penalty decisions per agency",
    );
    view! {
        <figure class="chart" data-test="annual-chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=label width="100%">
                {rows.iter().enumerate().map(|(i, r)| {
                    #[allow(clippy::cast_precision_loss)]
                    let y = 8.0 + row_h * i as f64;
                    let (p, n) = (r.counts.penalties, r.counts.no_penalties);
                    view! {
                        <text x=left - 8.0 y=y + 20.0 text-anchor="end" class="chart-axis">{r.name.clone()}</text>
                        <rect x=left y=y + 4.0 width=w(p) height="14" class="chart-bar-opened">
                            <title>{format!("{} {}: {p}", r.name, lang.pick("处罚决定", "penalty decisions"))}</title>
                        </rect>
                        <text x=left + w(p) + 4.0 y=y + 16.0 class="chart-axis">{p}</text>
                        <rect x=left y=y + 20.0 width=w(n) height="14" class="chart-bar-closed">
                            <title>{format!("{} {}: {n}", r.name, lang.pick("不予处罚决定", "no-penalty decisions"))}</title>
                        </rect>
                        <text x=left + w(n) + 4.0 y=y + 32.0 class="chart-axis">{n}</text>
                    }
                }).collect_view()}
                <line x1=left x2=left y1="4" y2=height - 16.0 class="chart-baseline" />
            </svg>
            <figcaption>
                <span class="legend legend-opened">{lang.pick("作出处罚决定", "Penalty decisions")}</span>
                <span class="legend legend-closed">{lang.pick("不予处罚", "No penalty")}</span>
            </figcaption>
        </figure>
    }
    .into_any()
}

fn cells(r: &AnnualRow) -> AnyView {
    let c = r.counts;
    view! {
        <td class="num">{c.cases}</td>
        <td class="num">{c.ordinary}</td>
        <td class="num">{c.summary}</td>
        <td class="num" data-col="penalties">{c.penalties}</td>
        <td class="num">{c.no_penalties}</td>
        <td class="num">{c.transfers}</td>
        <td class="num">{c.warnings}</td>
        <td class="num">{c.fines}</td>
        <td class="num">{c.confiscations}</td>
        <td class="num">{c.other_measures}</td>
        <td class="num">{r.fines_yuan.clone()}</td>
        <td class="num">{r.confiscations_yuan.clone()}</td>
        <td class="num">{c.hearings}</td>
        <td class="num">{c.reviews_passed} " / " {c.reviews_returned}</td>
        <td class="num" data-col="reconsiderations">{c.reconsiderations} " / " {c.reconsiderations_upheld} " / " {c.reconsiderations_corrected}</td>
        <td class="num" data-col="suits">{c.suits} " / " {c.suits_upheld} " / " {c.suits_corrected}</td>
        <td class="num">{r.correction_rate.clone()}</td>
        <td class="num">{c.complaints}</td>
    }
    .into_any()
}

/// The annual data page.
#[component]
pub fn AnnualStatistics() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let year = move || query.read().get("year").unwrap_or_default();
    let report = Resource::new(year, get_annual_report);
    view! {
        <PortalPage title=lang.pick("年度行政执法数据", "Annual enforcement data").to_owned()>
            <p class="lead">{lang.pick(
                "各行政执法机关每年1月31日前公开上一年度的行政执法总体数据。表中金额为作出决定时确定的金额。",
                "Each agency publishes the previous year's enforcement data by 31 January. Amounts are those decided.",
            )}</p>
            {loaded(report, move |r| {
                let csv = format!("/api/v1/public/annual.csv?year={}", r.year);
                view! {
                    <form method="get" action="/portal/annual" class="form form-inline" data-test="annual-year">
                        <div class="field">
                            <label for="a-year">{lang.pick("年度", "Year")}</label>
                            <select id="a-year" name="year">
                                {r.years.iter().map(|y| view! { <option value=y.to_string() selected=*y == r.year>{*y}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button">{lang.pick("查看", "Show")}</button>
                    </form>
                    <h2 data-test="annual-heading">{format!("{}{}", r.year, lang.pick("年度", " figures"))}</h2>
                    {r.provisional.then(|| view! {
                        <p class="alert" data-test="provisional">{lang.pick("本年度尚未结束，数据为截至今日的统计，", "The year is not over: figures as of today; ")}
                            {format!("{}{}", lang.pick("正式数据于", "the final figures are due on "), r.due_on)}{lang.pick("前公开。", ".")}</p>
                    })}
                    {decisions_chart(&r.rows, lang)}
                    <p><a href=csv data-test="annual-csv">{lang.pick("下载 CSV（Excel 可直接打开）", "Download CSV (opens in Excel)")}</a></p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("年度数据表", "Annual figures")>
                    <table class="table table-figures" data-test="annual-table">
                        <thead><tr>
                            <th scope="col">{lang.pick("执法机关", "Agency")}</th>
                            <th scope="col">{lang.pick("受理案件", "Cases")}</th>
                            <th scope="col">{lang.pick("普通程序", "Ordinary")}</th>
                            <th scope="col">{lang.pick("简易程序", "Summary")}</th>
                            <th scope="col">{lang.pick("处罚决定", "Penalties")}</th>
                            <th scope="col">{lang.pick("不予处罚", "No penalty")}</th>
                            <th scope="col">{lang.pick("移送", "Transfers")}</th>
                            <th scope="col">{lang.pick("警告", "Warnings")}</th>
                            <th scope="col">{lang.pick("罚款", "Fines")}</th>
                            <th scope="col">{lang.pick("没收", "Confiscations")}</th>
                            <th scope="col">{lang.pick("停产停业、吊销等", "Suspensions, revocations")}</th>
                            <th scope="col">{lang.pick("罚款金额（元）", "Fines (yuan)")}</th>
                            <th scope="col">{lang.pick("没收金额（元）", "Confiscated (yuan)")}</th>
                            <th scope="col">{lang.pick("听证", "Hearings")}</th>
                            <th scope="col">{lang.pick("法制审核 通过/退回", "Reviews passed / returned")}</th>
                            <th scope="col">{lang.pick("行政复议 申请/维持/纠错", "Reconsideration filed / upheld / corrected")}</th>
                            <th scope="col">{lang.pick("行政诉讼 起诉/维持/纠错", "Suits filed / upheld / corrected")}</th>
                            <th scope="col">{lang.pick("纠错率", "Correction rate")}</th>
                            <th scope="col">{lang.pick("投诉举报", "Complaints")}</th>
                        </tr></thead>
                        <tbody>
                            {r.rows.iter().map(|row| view! {
                                <tr data-test="annual-row" data-code=row.code.clone()>
                                    <th scope="row"><a href=format!("/portal/agencies/{}", row.code)>{row.name.clone()}</a></th>
                                    {cells(row)}
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot>
                            <tr data-test="annual-total"><th scope="row">{r.total.name.clone()}</th>{cells(&r.total)}</tr>
                        </tfoot>
                    </table>
                    </div>
                }.into_any()
            })}
        </PortalPage>
    }
}
