//! The case page's evidence and records tabs, with the upload form.

use leptos::prelude::*;
use tianping_domain::{evidence::EvidenceKind, i18n::Lang};

use super::officer_options;
use crate::api::case_dto::{CaseDetail, EvidenceView};

/// The evidence tab, or with `records` the records tab, with the upload form.
pub(super) fn evidence_tab(
    c: &CaseDetail,
    items: Vec<EvidenceView>,
    records: bool,
    upload_error: Option<String>,
    lang: Lang,
) -> impl IntoView {
    let kinds: Vec<(&str, &str)> = EvidenceKind::ALL
        .into_iter()
        .filter(|k| k.is_record() == records)
        .map(|k| (k.as_str(), k.label(lang)))
        .collect();
    let officers = officer_options(&c.agency_officers, lang);
    let action = format!("/api/v1/cases/{}/evidence", c.summary.id);
    view! {
        <section data-test=if records { "records" } else { "evidence" }>
            <table class="table">
                <thead><tr><th>{lang.pick("名称", "Title")}</th><th>{lang.pick("时间/地点", "When / where")}</th><th>{lang.pick("收集人", "Collected by")}</th><th>{lang.pick("文件", "File")}</th></tr></thead>
                <tbody>{items.into_iter().map(|e| view! {
                    <tr data-test="evidence-row">
                        <td><strong>{e.title}</strong><br/><span class="muted">{EvidenceKind::parse(&e.kind).map(|k| k.label(lang))}</span>
                            {e.subject.map(|s| view! { <br/>{s} })}
                            {e.content.map(|s| view! { <br/><span class="record-text">{s}</span> })}</td>
                        <td>{e.collected_at.chars().take(16).collect::<String>().replace('T', " ")}<br/>{e.location}</td>
                        <td>{e.collectors.join("、")}</td>
                        <td>{e.sha256.map(|sha| view! {
                            <a href=format!("/api/v1/evidence/{}/file", e.id) data-test="evidence-download">{e.file_name.clone().unwrap_or_default()}</a>
                            <br/><code class="muted" title=sha.clone()>{sha.chars().take(12).collect::<String>()} "…"</code>
                        })}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            {c.can_record.then(move || view! {
                <h3>{if records { lang.pick("登记笔录", "Add a record") } else { lang.pick("登记证据", "Add evidence") }}</h3>
                {upload_error.map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e}</p> })}
                <form method="post" action=action enctype="multipart/form-data" class="form" data-test="evidence-form">
                    <div class="field"><label>{lang.pick("种类", "Kind")}
                        <select name="kind" data-test="evidence-kind">{kinds.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}</select></label></div>
                    <div class="field"><label>{lang.pick("名称", "Title")}<input name="title" data-test="evidence-title" /></label></div>
                    <div class="field"><label>{lang.pick("时间", "When")}<input name="collected_at" type="datetime-local" data-test="evidence-at" /></label></div>
                    <div class="field"><label>{lang.pick("地点", "Where")}<input name="location" data-test="evidence-location" /></label></div>
                    <div class="field"><label>{lang.pick("执法人员 1", "Officer 1")}<select name="officer_1" data-test="evidence-officer-1">{officers.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}</select></label></div>
                    <div class="field"><label>{lang.pick("执法人员 2", "Officer 2")}<select name="officer_2" data-test="evidence-officer-2">{officers.iter().map(|(v, l)| view! { <option value=v.clone()>{l.clone()}</option> }).collect_view()}</select></label></div>
                    {records.then(|| view! {
                        <div class="field"><label>{lang.pick("被询问人/检查对象", "Person questioned / object")}<input name="subject" data-test="evidence-subject" /></label></div>
                        <div class="field"><label>{lang.pick("笔录内容", "Record text")}<textarea name="content" rows="5" data-test="evidence-content"></textarea></label></div>
                    })}
                    <div class="field"><label>{lang.pick("采集设备", "Device")}<input name="device" /></label></div>
                    <div class="field"><label>{lang.pick("文件", "File")}<input name="file" type="file" data-test="evidence-file" /></label></div>
                    <button type="submit" class="button" data-test="evidence-submit">{lang.pick("登记", "Record")}</button>
                </form>
            })}
        </section>
    }
}
