//! The case page's documents tab: each record, its issued versions and the issue controls.

use leptos::prelude::*;
use tianping_domain::{i18n::Lang, validate::Field};

use crate::api::{AppError, case_dto::CaseDetail, documents::IssueDocument};

fn issued_status(status: &str, lang: Lang) -> AnyView {
    match status {
        "in_force" => {
            view! { <span class="badge badge-ok">{lang.pick("有效", "In force")}</span> }.into_any()
        }
        "superseded" => {
            view! { <span class="badge">{lang.pick("已被新版本替代", "Superseded")}</span> }
                .into_any()
        }
        _ => view! { <span class="badge badge-bad">{lang.pick("已撤回", "Withdrawn")}</span> }
            .into_any(),
    }
}

/// The documents tab.
pub(super) fn documents_tab(
    c: &CaseDetail,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> impl IntoView {
    let case_id = c.summary.id;
    let can_issue = c.can_issue;
    view! {
        <section data-test="documents">
            {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
            <table class="table">
                <thead><tr><th>{lang.pick("文书", "Document")}</th><th>{lang.pick("时间", "When")}</th><th>{lang.pick("经办人", "By")}</th><th>{lang.pick("签发", "Issued")}</th></tr></thead>
                <tbody>{c.documents.iter().map(|d| document_row(case_id, d, can_issue, issue, error, lang)).collect_view()}</tbody>
            </table>
            <p class="muted">{lang.pick(
                "签发时分配文号和核验码，文书的 SHA-256 写入审计日志；已签发的文书不能修改，只能签发新版本替代，新旧版本都保留。",
                "Issuing assigns the number and verification code and records the document's SHA-256 in the audit log; an issued document cannot be edited, only superseded by a new version, and both are kept.",
            )}</p>
        </section>
    }
}

/// One document record: its preview, its issued versions and the issue controls.
fn document_row(
    case_id: i32,
    d: &crate::api::case_dto::DocumentView,
    can_issue: bool,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    let in_force = d.issued.iter().any(|i| i.status == "in_force");
    let preview = format!("/api/v1/cases/{case_id}/documents/{}/preview", d.id);
    let title = d.kind.label(lang);
    let controls =
        can_issue.then(|| issue_controls(case_id, d.id, title, in_force, issue, error, lang));
    view! {
        <tr data-test="document-row">
            <td><strong>{d.kind.label(lang)}</strong><br/>
                <a href=preview target="_blank" rel="noopener" data-test="document-preview">{lang.pick("预览", "Preview")}</a></td>
            <td>{d.created_at.chars().take(16).collect::<String>().replace('T', " ")}</td>
            <td>{d.created_by.clone()}</td>
            <td>
                <ul class="plain-list">{d.issued.iter().map(|i| issued_item(i, lang)).collect_view()}</ul>
                {controls}
            </td>
        </tr>
    }
    .into_any()
}

/// One issued version: number, status, code, downloads.
fn issued_item(i: &crate::api::case_dto::IssuedDocumentView, lang: Lang) -> AnyView {
    let when = i
        .issued_at
        .chars()
        .take(16)
        .collect::<String>()
        .replace('T', " ");
    let public = i.has_public_version.then(|| view! { " · " <a href=format!("/api/v1/documents/{}/file?public=true", i.id) data-test="issued-public">{lang.pick("公开版", "Public version")}</a> });
    let reason = i.status_reason.clone().map(
        |r| view! { <br/><span class="muted">{lang.pick("替代理由：", "Reason: ")}{r}</span> },
    );
    let proof = i.audit_seq.map(|seq| view! { <br/><a class="muted" href=format!("/api/v1/public/audit/proof/inclusion?seq={seq}")>{lang.pick("审计证明", "Audit proof")} " #" {seq}</a> });
    view! {
        <li data-test="issued-document">
            <span data-test="issued-number">{i.number.clone()}</span> " " {issued_status(&i.status, lang)}<br/>
            <span class="muted">{lang.pick("核验码", "Code")} " "</span><code data-test="issued-code">{i.verification_code.clone()}</code>
            <span class="muted">" · " {when} " · " {i.issued_by.clone()}</span><br/>
            <a href=format!("/api/v1/documents/{}/file", i.id) data-test="issued-download">{lang.pick("下载 PDF", "Download PDF")}</a>
            {public}{reason}{proof}
        </li>
    }
    .into_any()
}

/// Issue a record, or (when a version is in force) issue a corrected version with a reason.
fn issue_controls(
    case_id: i32,
    doc_id: i32,
    title: &'static str,
    in_force: bool,
    issue: ServerAction<IssueDocument>,
    error: Signal<Option<AppError>>,
    lang: Lang,
) -> AnyView {
    if !in_force {
        // Issuing numbers the document and puts it in force: asked once, with what will happen.
        return view! {
            <details class="confirm" data-test="issue-confirm">
                <summary class="button" data-test="issue-open" aria-label=format!("{}{}", lang.pick("签发：", "Issue: "), title)>{lang.pick("签发…", "Issue…")}</summary>
                <ActionForm action=issue attr:class="confirm-body">
                    <input type="hidden" name="case_id" value=case_id />
                    <input type="hidden" name="document_id" value=doc_id />
                    <input type="hidden" name="reason" value="" />
                    <p class="hint">{match lang {
                        Lang::Zh => format!("签发后《{title}》取得本机关本年度的下一个文号和核验码，即生效并记入审计日志；此后只能签发更正版本，不能撤回。请先预览核对。"),
                        Lang::En => format!("Once issued, the {title} takes the agency's next number of the year and a verification code, takes effect and is logged; it can then only be corrected by a new version, never withdrawn. Check the preview first."),
                    }}</p>
                    <button type="submit" class="button" data-test="issue-submit">{lang.pick("确认签发", "Issue now")}</button>
                </ActionForm>
            </details>
        }
        .into_any();
    }
    let invalid = move || {
        error
            .get()
            .and_then(|e| e.field_message(Field::Reason).map(|_| "true"))
    };
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message(Field::Reason).map(str::to_owned))
            .map(|m| view! { <p class="field-error" data-test="field-error">{m}</p> })
    };
    view! {
        <details class="step" data-test="reissue">
            <summary>{lang.pick("签发新版本（更正）", "Issue a new version (correction)")}</summary>
            <ActionForm action=issue attr:class="form">
                <input type="hidden" name="case_id" value=case_id />
                <input type="hidden" name="document_id" value=doc_id />
                <div class="field">
                    <label for=format!("reason-{doc_id}")>{lang.pick("更正理由", "Reason for the correction")}</label>
                    <input id=format!("reason-{doc_id}") name="reason" data-test="reason" aria-invalid=invalid />
                    {message}
                </div>
                <button type="submit" class="button button-secondary" data-test="reissue-submit">{lang.pick("签发新版本", "Issue new version")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}
