//! Administration: agencies, users, certificates and qualifications.

use leptos::prelude::*;
use tianping_domain::{
    agency::AgencyKind, credential::CredentialKind, i18n::Lang, role::Role, validate::Field,
};

use crate::{
    api::org::{
        AddCredential, AssignReviewer, CreateAgency, CreateUser, IssueApiToken, SetUserActive,
        list_agencies, list_users,
    },
    ui::{
        common::{StaffPage, action_error, loaded, use_lang},
        form::Input,
        pages::work::CredentialList,
    },
};

/// Agencies: list and create.
#[component]
pub fn AdminAgencies() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateAgency>::new();
    let agencies = Resource::new(move || create.version().get(), |_| list_agencies());
    let error = Signal::derive(move || action_error(create.value().get()));
    view! {
        <StaffPage title=lang.pick("机关管理", "Agencies").to_owned() only=Role::Admin>
            {loaded(agencies, move |list| view! {
                            <table class="table" data-test="admin-agency-table">
                                <thead><tr>
                                    <th scope="col">{lang.pick("名称", "Name")}</th>
                                    <th scope="col">{lang.pick("代码", "Code")}</th>
                                    <th scope="col">{lang.pick("类别", "Kind")}</th>
                                    <th scope="col">{lang.pick("统一社会信用代码", "Credit code")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr><td>{a.name}</td><td>{a.code}</td><td>{a.kind.label(lang)}</td><td>{a.credit_code}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any())}
            <h2>{lang.pick("新增机关", "Add an agency")}</h2>
            <ActionForm action=create attr:class="form" attr:data-test="agency-form">
                {move || error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                {move || matches!(create.value().get(), Some(Ok(_))).then(|| view! { <p class="alert alert-ok" role="status">{lang.pick("已新增。", "Added.")}</p> })}
                <Input name="input[name]" label=lang.pick("机关名称", "Agency name") field=Field::AgencyName error />
                <Input name="input[code]" label=lang.pick("机关代码（2–16 位字母数字）", "Agency code (2–16 letters or digits)") field=Field::AgencyCode error />
                <Input name="input[short_name]" label=lang.pick("文号简称（如：临市监）", "Short name for document numbers") field=Field::ShortName error />
                <div class="field">
                    <label for="input_kind_">{lang.pick("机关类别", "Kind")}</label>
                    <select id="input_kind_" name="input[kind]">
                        {[AgencyKind::Enforcement, AgencyKind::Supervision].into_iter().map(|k| view! { <option value=k.as_str()>{k.label(lang)}</option> }).collect_view()}
                    </select>
                </div>
                <Input name="input[region_code]" label=lang.pick("行政区划代码（6 位）", "Region code (6 digits)") field=Field::RegionCode error />
                <Input name="input[region_name]" label=lang.pick("行政区划名称", "Region name") field=Field::RegionName error />
                <Input name="input[credit_code]" label=lang.pick("统一社会信用代码（18 位）", "Unified social credit code (18 characters)") field=Field::CreditCode error />
                <Input name="input[legal_basis]" label=lang.pick("设立依据", "Legal basis") field=Field::LegalBasis error />
                <button type="submit" class="button" data-test="agency-submit">{lang.pick("新增机关", "Add agency")}</button>
            </ActionForm>
        </StaffPage>
    }
}

fn role_options(lang: Lang) -> impl IntoView {
    Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{r.label(lang)}</option> })
        .collect_view()
}

/// Users: list with credentials, create, add credentials, enable/disable.
#[component]
pub fn AdminUsers() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateUser>::new();
    let add_credential = ServerAction::<AddCredential>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let assign = ServerAction::<AssignReviewer>::new();
    let assign_error = Signal::derive(move || action_error(assign.value().get()));
    let issue_token = ServerAction::<IssueApiToken>::new();
    let users = Resource::new(
        move || {
            (
                create.version().get(),
                add_credential.version().get(),
                set_active.version().get(),
                assign.version().get(),
            )
        },
        |_| list_users(),
    );
    let agencies = Resource::new(|| (), |_| list_agencies());
    let create_error = Signal::derive(move || action_error(create.value().get()));
    // A user added: the form is emptied (the initial password must not stay on the screen).
    let user_form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(create.value().get(), Some(Ok(_)))
            && let Some(form) = user_form.get_untracked()
        {
            form.reset();
        }
    });
    let credential_error = Signal::derive(move || action_error(add_credential.value().get()));
    view! {
        <StaffPage title=lang.pick("用户与证件", "Users and credentials").to_owned() only=Role::Admin>
            {move || match issue_token.value().get() {
                Some(Err(e)) => Some(view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> }),
                _ => None,
            }}
            {loaded(users, move |list| view! {
                            <table class="table" data-test="admin-user-table">
                                <thead><tr>
                                    <th scope="col">{lang.pick("用户名", "User name")}</th>
                                    <th scope="col">{lang.pick("姓名", "Name")}</th>
                                    <th scope="col">{lang.pick("角色", "Role")}</th>
                                    <th scope="col">{lang.pick("所属机关", "Agency")}</th>
                                    <th scope="col">{lang.pick("证件", "Credentials")}</th>
                                    <th scope="col">{lang.pick("状态", "Status")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|u| view! {
                                        <tr>
                                            <td>{u.username.clone()}</td>
                                            <td>{u.display_name.clone()}</td>
                                            <td>{u.role.label(lang)}</td>
                                            <td>{u.agency.clone().map(|a| a.name).unwrap_or_else(|| "—".into())}</td>
                                            <td>
                                                <CredentialList credentials=u.credentials.clone() />
                                                {(!u.served_agencies.is_empty()).then(|| view! {
                                                    <p class="meta">{lang.pick("服务机关：", "Serves: ")}
                                                        {u.served_agencies.iter().map(|a| a.name.clone()).collect::<Vec<_>>().join("、")}
                                                    </p>
                                                })}
                                            </td>
                                            <td>
                                                // The state first, then what the button would change it to.
                                                {if u.active {
                                                    view! { <span class="badge badge-ok" data-test="user-status" data-active="true">{lang.pick("在用", "Active")}</span> }.into_any()
                                                } else {
                                                    view! { <span class="badge badge-bad" data-test="user-status" data-active="false">{lang.pick("已停用", "Disabled")}</span> }.into_any()
                                                }}
                                                {if u.active {
                                                    // Disabling signs the user out everywhere: asked once.
                                                    view! {
                                                        <details class="confirm" data-test="user-disable">
                                                            <summary class="link-button">{lang.pick("停用…", "Disable…")}</summary>
                                                            <ActionForm action=set_active>
                                                                <input type="hidden" name="user_id" value=u.id />
                                                                <input type="hidden" name="active" value="false" />
                                                                <p class="hint">{lang.pick("停用后该用户立即退出登录、不能再登录，其经办记录保留。", "The user is signed out at once and cannot sign in; their records stay.")}</p>
                                                                <button type="submit" class="button button-danger" data-test="user-disable-confirm">{lang.pick("确认停用", "Disable")}</button>
                                                            </ActionForm>
                                                        </details>
                                                    }.into_any()
                                                } else {
                                                    view! {
                                                        <ActionForm action=set_active>
                                                            <input type="hidden" name="user_id" value=u.id />
                                                            <input type="hidden" name="active" value="true" />
                                                            <button type="submit" class="link-button" data-test="user-enable">{lang.pick("启用", "Enable")}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}
                                                {(u.role == Role::Integration).then(|| {
                                                    let uid = u.id;
                                                    view! {
                                                        <ActionForm action=issue_token>
                                                            <input type="hidden" name="user_id" value=uid />
                                                            <button type="submit" class="link-button" data-test="issue-api-token">
                                                                {lang.pick("签发接口令牌", "Issue API token")}
                                                            </button>
                                                        </ActionForm>
                                                        // Shown where the administrator clicked, once.
                                                        {move || issue_token.value().get().and_then(Result::ok).filter(|t| t.user_id == uid).map(|issued| view! {
                                                            <div class="alert alert-ok" role="status" data-test="api-token">
                                                                <p>{lang.pick("新的接口令牌（仅显示这一次，原令牌已失效；请立即交给对接系统保存）：", "New API token (shown this once; the earlier one no longer works; hand it to the integrating system now):")}</p>
                                                                <p><code class="token">{issued.token}</code></p>
                                                            </div>
                                                        })}
                                                    }
                                                })}
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any())}
            <div class="two-col">
                <section>
                    <h2>{lang.pick("新增用户", "Add a user")}</h2>
                    <ActionForm action=create node_ref=user_form attr:class="form" attr:data-test="user-form">
                        {move || create_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                        <Input name="input[username]" label=lang.pick("用户名", "User name") field=Field::Username error=create_error />
                        <Input name="input[display_name]" label=lang.pick("姓名", "Name") field=Field::DisplayName error=create_error />
                        <div class="field">
                            <label for="input_role_">{lang.pick("角色", "Role")}</label>
                            <select id="input_role_" name="input[role]">{role_options(lang)}</select>
                        </div>
                        <div class="field">
                            <label for="input_agency_code_">{lang.pick("所属机关", "Agency")}</label>
                            <Suspense fallback=|| ()>
                                {move || Suspend::new(async move {
                                    let list = agencies.await.unwrap_or_default();
                                    view! {
                                        <select id="input_agency_code_" name="input[agency_code]">
                                            <option value="">{lang.pick("（无）", "(none)")}</option>
                                            {list.into_iter().map(|a| view! { <option value=a.code>{a.name}</option> }).collect_view()}
                                        </select>
                                    }
                                })}
                            </Suspense>
                            {move || create_error.get().and_then(|e| e.field_message(Field::Agency).map(|m| view! { <p class="field-error">{m.to_owned()}</p> }))}
                        </div>
                        <Input name="input[password]" label=lang.pick("初始密码（10–128 个字符）", "Initial password (10–128 characters)") field=Field::Password error=create_error input_type="password" />
                        <button type="submit" class="button" data-test="user-submit">{lang.pick("新增用户", "Add user")}</button>
                    </ActionForm>
                </section>
                <section>
                    <h2>{lang.pick("登记证件", "Register a credential")}</h2>
                    <ActionForm action=add_credential attr:class="form" attr:data-test="credential-form">
                        {move || credential_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                        <div class="field">
                            <label for="user_id">{lang.pick("持证人", "Holder")}</label>
                            <Suspense fallback=|| ()>
                                {move || Suspend::new(async move {
                                    let list = users.await.unwrap_or_default();
                                    view! {
                                        <select id="user_id" name="user_id">
                                            {list.into_iter().map(|u| view! { <option value=u.id>{u.display_name} " (" {u.username} ")"</option> }).collect_view()}
                                        </select>
                                    }
                                })}
                            </Suspense>
                        </div>
                        <div class="field">
                            <label for="input_kind_c">{lang.pick("证件类别", "Kind")}</label>
                            <select id="input_kind_c" name="input[kind]">
                                {[CredentialKind::EnforcementCertificate, CredentialKind::LegalQualification].into_iter().map(|k| view! { <option value=k.as_str()>{k.label(lang)}</option> }).collect_view()}
                            </select>
                            {move || credential_error.get().and_then(|e| e.field_message(Field::CredentialKind).map(|m| view! { <p class="field-error">{m.to_owned()}</p> }))}
                        </div>
                        <Input name="input[number]" label=lang.pick("证件编号", "Number") field=Field::CredentialNumber error=credential_error />
                        <Input name="input[scope]" label=lang.pick("执法类别/区域", "Category or area") field=Field::CredentialScope error=credential_error />
                        <Input name="input[valid_from]" label=lang.pick("有效期起", "Valid from") field=Field::ValidFrom error=credential_error input_type="date" />
                        <Input name="input[valid_to]" label=lang.pick("有效期止（法律职业资格可留空）", "Valid to (may be empty for a legal qualification)") field=Field::ValidTo error=credential_error input_type="date" />
                        <button type="submit" class="button" data-test="credential-submit">{lang.pick("登记证件", "Register")}</button>
                    </ActionForm>
                </section>
                <section>
                    <h2>{lang.pick("指派法制审核人员", "Assign a legal reviewer")}</h2>
                    <ActionForm action=assign attr:class="form" attr:data-test="assign-form">
                        {move || assign_error.get().map(|e| view! { <p class="alert alert-error" role="alert" data-test="form-error">{e.to_string()}</p> })}
                        <div class="field">
                            <label for="assign_user_id">{lang.pick("法制审核人员", "Legal reviewer")}</label>
                            {loaded(users, move |list| view! {
                                <select id="assign_user_id" name="user_id">
                                    {list.into_iter().filter(|u| u.role == Role::LegalReviewer).map(|u| view! { <option value=u.id>{u.display_name} " (" {u.username} ")"</option> }).collect_view()}
                                </select>
                            })}
                        </div>
                        <div class="field">
                            <label for="assign_agency_code">{lang.pick("服务机关", "Agency served")}</label>
                            {loaded(agencies, move |list| view! {
                                <select id="assign_agency_code" name="agency_code">
                                    {list.into_iter().filter(|a| a.kind == AgencyKind::Enforcement).map(|a| view! { <option value=a.code>{a.name}</option> }).collect_view()}
                                </select>
                            })}
                            {move || assign_error.get().and_then(|e| e.field_message(Field::Agency).map(|m| view! { <p class="field-error">{m.to_owned()}</p> }))}
                        </div>
                        <button type="submit" class="button" data-test="assign-submit">{lang.pick("指派", "Assign")}</button>
                    </ActionForm>
                </section>
            </div>
        </StaffPage>
    }
}
