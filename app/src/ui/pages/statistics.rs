//! Enforcement statistics (执法统计) with a server-rendered chart and CSV download, and the
//! officer profile for supervisors.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use tianping_domain::{
    i18n::Lang,
    money::format_yuan,
    supervision::figures::{Dimension, nice_ceiling},
};

use crate::{
    api::{
        supervision::{officer_profile, statistics},
        supervision_dto::{MonthPoint, StatsReport, StatsRow},
    },
    ui::common::{StaffPage, id_param, loaded, urlencode, use_lang},
};

/// The axis labels of a month (`YYYY-MM`): the month as people say it ("3月", "Mar"; never
/// "26-03", which reads as a date), and the year under the first bar and under each January.
fn month_axis_labels(month: &str, first: bool, lang: Lang) -> (String, Option<String>) {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some((year, m)) = month
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?)))
    else {
        return (month.to_owned(), None);
    };
    let label = match lang {
        Lang::Zh => format!("{m}月"),
        Lang::En => EN[m - 1].to_owned(),
    };
    let year = (first || m == 1).then(|| match lang {
        Lang::Zh => format!("{year}年"),
        Lang::En => year.to_owned(),
    });
    (label, year)
}

/// Cases opened and closed per month as an SVG bar chart (server-rendered, no script).
fn month_chart(points: &[MonthPoint], lang: Lang) -> AnyView {
    let top = nice_ceiling(
        points
            .iter()
            .map(|p| p.opened.max(p.closed))
            .max()
            .unwrap_or(0),
    );
    let (left, right, upper, lower) = (48.0_f64, 12.0_f64, 16.0_f64, 44.0_f64);
    let width = 720.0_f64;
    let height = 240.0_f64;
    let plot_w = width - left - right;
    let plot_h = height - upper - lower;
    #[allow(clippy::cast_precision_loss)]
    let slot = plot_w / points.len().max(1) as f64;
    let bar = (slot * 0.36).min(18.0);
    #[allow(clippy::cast_precision_loss)]
    let y = move |v: i64| upper + plot_h - plot_h * (v as f64) / (top as f64);
    let ticks: Vec<i64> = (0..=4).map(|i| top * i / 4).collect();
    let label = lang.pick(
        "各月受理和办结案件数柱状图",
        "Bar chart of cases opened and closed per month",
    );
    view! {
        <figure class="chart" data-test="month-chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=label width="100%">
                {ticks.into_iter().map(|t| view! {
                    <line x1=left x2=width - right y1=y(t) y2=y(t) class="chart-grid" />
                    <text x=left - 6.0 y=y(t) + 4.0 text-anchor="end" class="chart-axis">{t}</text>
                }).collect_view()}
                {points.iter().enumerate().map(|(i, p)| {
                    #[allow(clippy::cast_precision_loss)]
                    let x = left + slot * i as f64 + slot / 2.0;
                    let (month_label, year_label) = month_axis_labels(&p.month, i == 0, lang);
                    view! {
                        <rect x=x - bar - 1.0 y=y(p.opened) width=bar height=y(0) - y(p.opened) class="chart-bar-opened">
                            <title>{format!("{} {}: {}", p.month, lang.pick("受理", "opened"), p.opened)}</title>
                        </rect>
                        <rect x=x + 1.0 y=y(p.closed) width=bar height=y(0) - y(p.closed) class="chart-bar-closed">
                            <title>{format!("{} {}: {}", p.month, lang.pick("办结", "closed"), p.closed)}</title>
                        </rect>
                        <text x=x y=height - lower + 16.0 text-anchor="middle" class="chart-axis">{month_label}</text>
                        {year_label.map(|yl| view! { <text x=x y=height - lower + 31.0 text-anchor="middle" class="chart-axis">{yl}</text> })}
                    }
                }).collect_view()}
                <line x1=left x2=width - right y1=y(0) y2=y(0) class="chart-baseline" />
            </svg>
            <figcaption>
                <span class="legend legend-opened">{lang.pick("受理", "Opened")}</span>
                <span class="legend legend-closed">{lang.pick("办结", "Closed")}</span>
            </figcaption>
        </figure>
    }
    .into_any()
}

fn figure_cells(r: &StatsRow, complaints: bool) -> AnyView {
    let c = r.counts;
    view! {
        <td class="num" data-col="opened">{c.opened}</td>
        <td class="num" data-col="closed">{c.closed}</td>
        <td class="num" data-col="penalties">{c.penalties}</td>
        <td class="num" data-col="no_penalties">{c.no_penalties}</td>
        <td class="num" data-col="fines">{format_yuan(c.fines_fen)}</td>
        <td class="num" data-col="average_days">{r.average_days.clone()}</td>
        <td class="num" data-col="reviews">{format!("{} / {}", c.reviews_passed, c.reviews_returned)}</td>
        <td class="num" data-col="pass_rate">{r.pass_rate.clone()}</td>
        <td class="num" data-col="hearings">{c.hearings}</td>
        <td class="num" data-col="complaints">{if complaints { c.complaints.to_string() } else { "—".to_owned() }}</td>
        <td class="num" data-col="overdue">{c.overdue}</td>
        <td class="num" data-col="overdue_rate">{r.overdue_rate.clone()}</td>
    }
    .into_any()
}

fn figures_head(first: &str, lang: Lang) -> AnyView {
    view! {
        <thead><tr>
            <th scope="col">{first.to_owned()}</th>
            <th scope="col">{lang.pick("受理", "Opened")}</th>
            <th scope="col">{lang.pick("办结", "Closed")}</th>
            <th scope="col">{lang.pick("处罚决定", "Penalties")}</th>
            <th scope="col">{lang.pick("不予处罚", "No penalty")}</th>
            <th scope="col">{lang.pick("罚款（元）", "Fines (yuan)")}</th>
            <th scope="col">{lang.pick("平均办案天数", "Avg. days")}</th>
            <th scope="col">{lang.pick("审核通过/退回", "Reviews passed/returned")}</th>
            <th scope="col">{lang.pick("通过率", "Pass rate")}</th>
            <th scope="col">{lang.pick("听证", "Hearings")}</th>
            <th scope="col">{lang.pick("投诉举报", "Complaints")}</th>
            <th scope="col">{lang.pick("超期", "Overdue")}</th>
            <th scope="col">{lang.pick("超期率", "Overdue rate")}</th>
        </tr></thead>
    }
    .into_any()
}

fn report_view(r: StatsReport, lang: Lang) -> AnyView {
    let query = format!(
        "dimension={}&from={}&to={}&agency={}",
        urlencode(&r.dimension),
        urlencode(&r.from),
        urlencode(&r.to),
        r.agency.map(|a| a.to_string()).unwrap_or_default()
    );
    let complaints = r.complaints_counted;
    view! {
        <form method="get" action="/work/statistics" class="form form-inline" data-test="stats-filter">
            <div class="field">
                <label for="stats-dimension">{lang.pick("统计维度", "Grouped by")}</label>
                <select id="stats-dimension" name="dimension" data-test="stats-dimension">
                    {Dimension::ALL.into_iter().map(|d| view! { <option value=d.as_str() selected=d.as_str() == r.dimension>{d.label(lang)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="stats-agency">{lang.pick("执法机关", "Agency")}</label>
                <select id="stats-agency" name="agency" data-test="stats-agency">
                    <option value="">{lang.pick("全部", "All")}</option>
                    {r.agencies.iter().map(|a| view! { <option value=a.id selected=Some(a.id) == r.agency>{a.name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="stats-from">{lang.pick("起始月份", "From")}</label>
                <input id="stats-from" name="from" type="month" value=r.from.clone() data-test="stats-from" />
            </div>
            <div class="field">
                <label for="stats-to">{lang.pick("截止月份", "To")}</label>
                <input id="stats-to" name="to" type="month" value=r.to.clone() data-test="stats-to" />
            </div>
            <button type="submit" class="button" data-test="stats-submit">{lang.pick("统计", "Show")}</button>
            <a class="button button-secondary" href=format!("/api/v1/supervision/statistics.csv?{query}") rel="external" download="" data-test="stats-csv">{lang.pick("下载 CSV", "Download CSV")}</a>
        </form>
        <p class="muted">{lang.pick(
            "按案件受理日期统计；罚没金额仅作统计，不作为考核排名依据（国办发〔2022〕27号）。超期：有约束执法机关的期限已逾期或逾期完成。",
            "Counted by the date a case was received. Fine amounts are shown for information and never used for ranking (State Council General Office 2022 No. 27). Overdue: a deadline binding the agency passed or was met late.",
        )}</p>
        <h2>{lang.pick("各月受理与办结", "Opened and closed per month")}</h2>
        {month_chart(&r.months, lang)}
        <h2>{r.dimension_label.clone()}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-label=r.dimension_label.clone()>
            <table class="table" data-test="stats-table" data-dimension=r.dimension.clone()>
                {figures_head(&r.dimension_label, lang)}
                <tbody>
                    {r.rows.iter().map(|row| view! {
                        <tr data-test="stats-row" data-key=row.key.clone()>
                            <th scope="row">{match row.link.clone() {
                                Some(href) => view! { <a href=href data-test="stats-link">{row.label.clone()}</a> }.into_any(),
                                None => row.label.clone().into_any(),
                            }}</th>
                            {figure_cells(row, complaints)}
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr data-test="stats-total">
                        <th scope="row">{r.total.label.clone()}</th>
                        {figure_cells(&r.total, true)}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
    .into_any()
}

/// The statistics page: filters (a plain GET form), the chart, the table, the CSV link.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        (
            q.get("dimension").unwrap_or_default(),
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
            q.get("agency").unwrap_or_default(),
        )
    };
    let report = Resource::new(params, |(d, f, t, a)| statistics(d, f, t, a));
    view! {
        <StaffPage title=lang.pick("执法统计", "Enforcement statistics").to_owned()>
            {loaded(report, move |r| report_view(r, lang))}
        </StaffPage>
    }
}

/// An officer's profile for supervisors: certificates, figures, cases, warnings, complaints.
#[component]
pub fn OfficerPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let profile = Resource::new(id, officer_profile);
    view! {
        <StaffPage title=lang.pick("执法人员档案", "Officer profile").to_owned()>
            {loaded(profile, move |p| view! {
                <section data-test="officer-profile">
                    <h2 data-test="officer-name">{p.name.clone()}</h2>
                    <p class="meta">{p.role_label.clone()} " · " {p.agency.clone()} " · " {p.username.clone()}
                        {(!p.active).then(|| view! { " " <span class="badge badge-bad">{lang.pick("已停用", "Deactivated")}</span> })}</p>
                    <h3>{lang.pick("执法证件", "Certificates")}</h3>
                    <table class="table" data-test="officer-certificates">
                        <thead><tr>
                            <th scope="col">{lang.pick("证件", "Certificate")}</th>
                            <th scope="col">{lang.pick("编号", "Number")}</th>
                            <th scope="col">{lang.pick("执法类别/区域", "Category or area")}</th>
                            <th scope="col">{lang.pick("有效期", "Valid")}</th>
                            <th scope="col">{lang.pick("状态", "Status")}</th>
                        </tr></thead>
                        <tbody>{p.certificates.iter().map(|c| view! {
                            <tr data-test="certificate" data-in-force=c.in_force.to_string()>
                                <td>{c.kind.clone()}</td><td>{c.number.clone()}</td><td>{c.scope.clone()}</td>
                                <td>{c.valid_from.to_string()} " – " {c.valid_to.map(|d| d.to_string()).unwrap_or_else(|| lang.pick("长期", "open-ended").to_owned())}</td>
                                <td><span class=if c.in_force { "badge badge-ok" } else { "badge badge-bad" }>{c.status_label.clone()}</span></td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                    <h3>{lang.pick("办案情况", "Cases handled")}</h3>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=lang.pick("办案情况", "Cases handled")>
                        <table class="table" data-test="officer-figures">
                            {figures_head(lang.pick("范围", "Scope"), lang)}
                            <tbody><tr data-test="stats-row"><th scope="row">{p.figures.label.clone()}</th>{figure_cells(&p.figures, true)}</tr></tbody>
                        </table>
                    </div>
                    <ul class="card-list" data-test="officer-cases">
                        {p.cases.iter().map(|c| view! {
                            <li><a href=format!("/work/cases/{}", c.id)>{c.number.clone()}</a> " " {c.title.clone()}
                                <span class="muted">" · " {c.state_label.clone()} " · " {c.received_on.to_string()}
                                {c.investigator.then(|| lang.pick(" · 主办", " · investigator"))}{c.recused.then(|| lang.pick(" · 已回避", " · recused"))}</span></li>
                        }).collect_view()}
                    </ul>
                    <h3>{lang.pick("相关预警", "Warnings on these cases")}</h3>
                    {if p.warnings.is_empty() {
                        view! { <p data-test="officer-no-warnings">{lang.pick("无。", "None.")}</p> }.into_any()
                    } else {
                        view! { <ul data-test="officer-warnings">{p.warnings.iter().map(|w| view! {
                            <li data-kind=w.kind.clone()><a href=format!("/work/cases/{}", w.case_id)>{w.case_number.clone()}</a> " " <strong>{w.label.clone()}</strong> " " <span class="muted">{w.detail.clone()}</span></li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                    <h3>{lang.pick("相关投诉举报", "Complaints about these cases")}</h3>
                    {if p.complaints.is_empty() {
                        view! { <p data-test="officer-no-complaints">{lang.pick("无。", "None.")}</p> }.into_any()
                    } else {
                        view! { <ul data-test="officer-complaints">{p.complaints.iter().map(|c| view! {
                            <li>{c.tracking_no.clone()} " · " {c.case_number.clone()} " · " {c.subject.clone()} " · " <span class="muted">{c.received_on.to_string()} " " {c.status_label.clone()}</span></li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            })}
        </StaffPage>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_labels_read_as_months_with_the_year_where_it_changes() {
        assert_eq!(
            month_axis_labels("2026-01", false, Lang::Zh),
            ("1月".to_owned(), Some("2026年".to_owned()))
        );
        assert_eq!(
            month_axis_labels("2026-03", false, Lang::Zh),
            ("3月".to_owned(), None)
        );
        assert_eq!(
            month_axis_labels("2025-11", true, Lang::En),
            ("Nov".to_owned(), Some("2025".to_owned()))
        );
        assert_eq!(
            month_axis_labels("2026-12", false, Lang::En),
            ("Dec".to_owned(), None)
        );
        // Nothing a month could be: shown as it came.
        assert_eq!(
            month_axis_labels("2026-13", false, Lang::Zh),
            ("2026-13".to_owned(), None)
        );
        assert_eq!(
            month_axis_labels("junk", true, Lang::Zh),
            ("junk".to_owned(), None)
        );
    }
}
