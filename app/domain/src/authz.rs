//! Who may do what: a pure `can(actor, action)` check used by every service before it reads or
//! writes anything.
//!
//! Invariants:
//! - Denials come in two kinds. [`Denied::NotFound`] is used whenever the actor may not even
//!   *see* the thing, so the answer is indistinguishable from a missing record (SPEC.md: "a
//!   request for something the user may not see answers as if it did not exist").
//!   [`Denied::Forbidden`] is used when the thing is visible but the action is not allowed.
//! - Scoping: officers, agency heads and integration accounts see their own agency; legal
//!   reviewers see the agencies they serve; supervisors see the agencies of their region;
//!   admins see everything.

use serde::{Deserialize, Serialize};

use crate::role::Role;

/// The authenticated caller, as loaded from the database for each request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The user's id.
    pub user_id: i32,
    /// The user's role.
    pub role: Role,
    /// The agency the user belongs to, if any.
    pub agency_id: Option<i32>,
    /// The region of the user's agency (supervisors are scoped by it).
    pub region_code: Option<String>,
    /// Agencies a legal reviewer serves.
    pub served_agency_ids: Vec<i32>,
}

/// What the scoping rules need to know about an agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyScope {
    /// The agency's id.
    pub agency_id: i32,
    /// The agency's region.
    pub region_code: String,
}

/// What the scoping rules need to know about a user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserScope {
    /// The account's id.
    pub user_id: i32,
    /// The account's agency, if any, with its region.
    pub agency: Option<AgencyScope>,
}

/// An action an actor wants to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Use the staff workbench in the browser.
    UseWorkbench,
    /// Read an agency's internal record.
    ViewAgency(&'a AgencyScope),
    /// Read a user's account, credentials and role.
    ViewUser(&'a UserScope),
    /// Create or change agencies, users, certificates and qualifications.
    ManageOrganisation,
    /// Read, verify or export the audit log.
    ReadAuditLog,
    /// Change one's own password.
    ChangeOwnPassword,
    /// Push or register a case clue into an agency's intake queue.
    SubmitClue(&'a AgencyScope),
    /// Read an agency's intake queue of clues (with the reporters' private data).
    ViewClues(&'a AgencyScope),
    /// Send a clue in an agency's queue back to the supervision body, as outside the agency's
    /// powers (the agency's own staff).
    ReturnClue(&'a AgencyScope),
    /// Assign a clue waiting in a supervision body's queue to an agency (the body's
    /// supervisors; the scope is the body's).
    AssignClue(&'a AgencyScope),
    /// Record an interview with an agency, or issue a circular (the scope is the agency
    /// interviewed, or the supervision body issuing).
    RecordOversight(&'a AgencyScope),
    /// Read the interviews of an agency and the internal circulars naming it.
    ViewOversight(&'a AgencyScope),
    /// Answer the supervision body for the agency: a rectification report on an opinion or
    /// decision addressed to it (整改情况报告), an objection to a case-file review score (异议):
    /// the agency's head, who answers for it.
    ReportRectification(&'a AgencyScope),
    /// Read a case of an agency: its record, parties, evidence files and timeline. Steps on the
    /// case are judged by the case state machine.
    ViewCase(&'a AgencyScope),
    /// Publish a new version of an agency's major-decision catalog (重大执法决定目录清单).
    ManageReviewCatalog,
    /// Work the legal-review queue: the rounds submitted by the agencies one serves. Deciding
    /// a round is judged by the case state machine (independence, qualification).
    WorkReviewQueue,
    /// Read the legal-review figures of an agency (supervision side).
    ViewReviewFigures(&'a AgencyScope),
    /// Issue (签发) an official document of a case of the agency, or supersede an issued one:
    /// the agency's officers and heads. Previews and downloads follow [`Action::ViewCase`].
    IssueDocument(&'a AgencyScope),
    /// Record a reconsideration or suit against a decision of the agency, and its result
    /// (which may withdraw the published decision): the same people as [`Action::IssueDocument`].
    RecordRemedy(&'a AgencyScope),
    /// Use the supervision side at all (warnings, supervision matters): supervisors, agency
    /// heads (their own agency) and admins.
    Supervise,
    /// Read and acknowledge the supervision warnings of an agency's cases.
    ViewWarnings(&'a AgencyScope),
    /// Read the complaints about (or assigned to) an agency, with the complainants' contact
    /// data. Steps on a complaint are judged by its state machine.
    ViewComplaints(&'a AgencyScope),
    /// Read an agency's enforcement statistics and its officers' profiles.
    ViewStatistics(&'a AgencyScope),
    /// Read the requests of the public to correct or remove early a published decision of the
    /// agency, with the requesters' contact data: the agency's officers and heads, who decide
    /// them, and on the supervision side supervisors (their region) and admins, who read them.
    ViewPublicationRequests(&'a AgencyScope),
    /// Decide such a request: the agency's officers and heads; which of them may decide which
    /// kind is judged by the request's state machine.
    DecidePublicationRequest(&'a AgencyScope),
    /// Read an agency's inspections of enterprises and its items list (with the officers and
    /// findings): its officers and head, supervisors of its region, admins. Steps on an
    /// inspection are judged by its life cycle (`inspection::lifecycle`).
    ViewInspections(&'a AgencyScope),
    /// Propose an inspection for the agency (行政检查审批表): its officers and head.
    ProposeInspection(&'a AgencyScope),
    /// Read an agency's coercive measures (查封、扣押) with their parties and items: the same
    /// people as its inspections. Steps are judged by `coercive::lifecycle`.
    ViewCoerciveMeasures(&'a AgencyScope),
    /// Propose a coercive measure for the head's approval, or record one taken on the spot in
    /// an emergency (行政强制法 Art. 19): the agency's officers and head.
    TakeCoerciveMeasure(&'a AgencyScope),
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The actor may not see the thing: answer as if it did not exist.
    #[error("not found")]
    NotFound,
    /// The actor sees the thing but may not do this.
    #[error("forbidden")]
    Forbidden,
}

/// Decides whether `actor` may take `action`.
pub fn can(actor: &Actor, action: &Action<'_>) -> Result<(), Denied> {
    match action {
        Action::UseWorkbench => allow_if(actor.role != Role::Integration),
        Action::ViewAgency(agency) => visible_if(sees_agency(actor, agency)),
        Action::ViewUser(user) => visible_if(
            user.user_id == actor.user_id
                || match &user.agency {
                    Some(agency) => sees_agency(actor, agency) && actor.role != Role::Integration,
                    None => actor.role == Role::Admin,
                },
        ),
        Action::ManageOrganisation => allow_if(actor.role == Role::Admin),
        Action::ReadAuditLog => allow_if(matches!(actor.role, Role::Admin | Role::Supervisor)),
        Action::ChangeOwnPassword => Ok(()),
        Action::SubmitClue(agency) => match actor.role {
            // A city-wide system (no agency) routes to any agency; a local one to its own.
            Role::Integration => {
                visible_if(actor.agency_id.is_none_or(|own| own == agency.agency_id))
            }
            Role::Officer => visible_if(actor.agency_id == Some(agency.agency_id)),
            _ => Err(Denied::Forbidden),
        },
        Action::ViewClues(agency) => match actor.role {
            Role::Officer | Role::AgencyHead | Role::Supervisor | Role::Admin => {
                visible_if(sees_agency(actor, agency))
            }
            Role::LegalReviewer | Role::Integration => Err(Denied::Forbidden),
        },
        Action::ReturnClue(agency) => match actor.role {
            Role::Officer | Role::AgencyHead => visible_if(sees_agency(actor, agency)),
            Role::Supervisor | Role::Admin | Role::LegalReviewer | Role::Integration => {
                Err(Denied::Forbidden)
            }
        },
        Action::AssignClue(agency) | Action::RecordOversight(agency) => match actor.role {
            Role::Supervisor => visible_if(sees_agency(actor, agency)),
            _ => Err(Denied::Forbidden),
        },
        Action::ViewOversight(agency) => match actor.role {
            Role::Supervisor | Role::AgencyHead | Role::Admin => {
                visible_if(sees_agency(actor, agency))
            }
            Role::Officer | Role::LegalReviewer | Role::Integration => Err(Denied::Forbidden),
        },
        Action::ReportRectification(agency) => match actor.role {
            Role::AgencyHead => visible_if(sees_agency(actor, agency)),
            _ if sees_agency(actor, agency) && actor.role != Role::Integration => {
                Err(Denied::Forbidden)
            }
            _ => Err(Denied::NotFound),
        },
        Action::ViewCase(agency) => match actor.role {
            Role::Integration => Err(Denied::NotFound),
            _ => visible_if(sees_agency(actor, agency)),
        },
        Action::ManageReviewCatalog => allow_if(actor.role == Role::Admin),
        Action::WorkReviewQueue => allow_if(actor.role == Role::LegalReviewer),
        Action::ViewReviewFigures(agency) => match actor.role {
            Role::Officer | Role::Integration => Err(Denied::Forbidden),
            _ => visible_if(sees_agency(actor, agency)),
        },
        Action::IssueDocument(agency)
        | Action::RecordRemedy(agency)
        | Action::DecidePublicationRequest(agency) => match actor.role {
            Role::Officer | Role::AgencyHead => visible_if(sees_agency(actor, agency)),
            Role::Integration => Err(Denied::NotFound),
            _ if sees_agency(actor, agency) => Err(Denied::Forbidden),
            _ => Err(Denied::NotFound),
        },
        Action::Supervise => allow_if(matches!(
            actor.role,
            Role::Supervisor | Role::AgencyHead | Role::Admin
        )),
        Action::ViewWarnings(agency)
        | Action::ViewComplaints(agency)
        | Action::ViewStatistics(agency) => match actor.role {
            Role::Supervisor | Role::AgencyHead | Role::Admin => {
                visible_if(sees_agency(actor, agency))
            }
            Role::Officer | Role::LegalReviewer | Role::Integration => Err(Denied::Forbidden),
        },
        Action::ViewInspections(agency) | Action::ViewCoerciveMeasures(agency) => {
            match actor.role {
                Role::Officer | Role::AgencyHead | Role::Supervisor | Role::Admin => {
                    visible_if(sees_agency(actor, agency))
                }
                Role::LegalReviewer => Err(Denied::Forbidden),
                Role::Integration => Err(Denied::NotFound),
            }
        }
        Action::ProposeInspection(agency) | Action::TakeCoerciveMeasure(agency) => match actor.role
        {
            Role::Officer | Role::AgencyHead => visible_if(sees_agency(actor, agency)),
            Role::Integration => Err(Denied::NotFound),
            _ if sees_agency(actor, agency) => Err(Denied::Forbidden),
            _ => Err(Denied::NotFound),
        },
        Action::ViewPublicationRequests(agency) => match actor.role {
            Role::Officer | Role::AgencyHead | Role::Supervisor | Role::Admin => {
                visible_if(sees_agency(actor, agency))
            }
            Role::LegalReviewer | Role::Integration => Err(Denied::Forbidden),
        },
    }
}

/// Whether the actor's scope includes the agency.
fn sees_agency(actor: &Actor, agency: &AgencyScope) -> bool {
    match actor.role {
        Role::Admin => true,
        Role::Supervisor => actor.region_code.as_deref() == Some(agency.region_code.as_str()),
        Role::LegalReviewer => {
            actor.served_agency_ids.contains(&agency.agency_id)
                || actor.agency_id == Some(agency.agency_id)
        }
        Role::Officer | Role::AgencyHead | Role::Integration => {
            actor.agency_id == Some(agency.agency_id)
        }
    }
}

fn allow_if(allowed: bool) -> Result<(), Denied> {
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

fn visible_if(visible: bool) -> Result<(), Denied> {
    if visible {
        Ok(())
    } else {
        Err(Denied::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITY: &str = "330100";
    const OTHER_CITY: &str = "330200";

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: 10,
            role,
            agency_id: match role {
                Role::Admin | Role::LegalReviewer => None,
                Role::Supervisor => Some(9),
                _ => Some(1),
            },
            region_code: match role {
                Role::Admin | Role::LegalReviewer => None,
                _ => Some(CITY.to_owned()),
            },
            served_agency_ids: if role == Role::LegalReviewer {
                vec![1]
            } else {
                vec![]
            },
        }
    }

    fn agency(id: i32, region: &str) -> AgencyScope {
        AgencyScope {
            agency_id: id,
            region_code: region.to_owned(),
        }
    }

    #[test]
    fn inspections_are_read_in_scope_and_proposed_by_the_agency_only() {
        let own = agency(1, CITY);
        let other = agency(2, OTHER_CITY);
        for role in Role::ALL {
            let a = actor(role);
            let view = can(&a, &Action::ViewInspections(&own));
            let propose = can(&a, &Action::ProposeInspection(&own));
            // Coercive measures are read and taken by the same people as inspections.
            assert_eq!(
                can(&a, &Action::ViewCoerciveMeasures(&own)),
                view,
                "{role:?}"
            );
            assert_eq!(
                can(&a, &Action::TakeCoerciveMeasure(&own)),
                propose,
                "{role:?}"
            );
            match role {
                Role::Officer | Role::AgencyHead => {
                    assert_eq!(view, Ok(()), "{role:?}");
                    assert_eq!(propose, Ok(()), "{role:?}");
                }
                Role::Supervisor | Role::Admin => {
                    assert_eq!(view, Ok(()), "{role:?}");
                    assert_eq!(propose, Err(Denied::Forbidden), "{role:?}");
                }
                Role::LegalReviewer => {
                    assert_eq!(view, Err(Denied::Forbidden));
                    assert_eq!(propose, Err(Denied::Forbidden));
                }
                Role::Integration => {
                    assert_eq!(view, Err(Denied::NotFound));
                    assert_eq!(propose, Err(Denied::NotFound));
                }
            }
            if role != Role::Admin && role != Role::LegalReviewer {
                assert_eq!(
                    can(&a, &Action::ViewInspections(&other)),
                    Err(Denied::NotFound),
                    "{role:?}"
                );
                assert_eq!(
                    can(&a, &Action::ViewCoerciveMeasures(&other)),
                    Err(Denied::NotFound),
                    "{role:?}"
                );
            }
        }
    }

    #[test]
    fn only_staff_use_the_workbench() {
        for role in Role::ALL {
            let expected = if role == Role::Integration {
                Err(Denied::Forbidden)
            } else {
                Ok(())
            };
            assert_eq!(
                can(&actor(role), &Action::UseWorkbench),
                expected,
                "{role:?}"
            );
        }
    }

    #[test]
    fn only_the_agencys_officers_and_heads_issue_its_documents() {
        let own = agency(1, CITY);
        let other = agency(2, CITY);
        let far = agency(3, OTHER_CITY);
        for role in Role::ALL {
            let (own_expected, other_expected, far_expected) = match role {
                Role::Officer | Role::AgencyHead => {
                    (Ok(()), Err(Denied::NotFound), Err(Denied::NotFound))
                }
                // Sees its served agency (1), not the others.
                Role::LegalReviewer => (
                    Err(Denied::Forbidden),
                    Err(Denied::NotFound),
                    Err(Denied::NotFound),
                ),
                // Sees the whole city, not the other one.
                Role::Supervisor => (
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Err(Denied::NotFound),
                ),
                Role::Admin => (
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                ),
                Role::Integration => (
                    Err(Denied::NotFound),
                    Err(Denied::NotFound),
                    Err(Denied::NotFound),
                ),
            };
            let a = actor(role);
            for action in [
                Action::IssueDocument,
                Action::RecordRemedy,
                Action::DecidePublicationRequest,
            ] {
                assert_eq!(can(&a, &action(&own)), own_expected, "{role:?} own");
                assert_eq!(can(&a, &action(&other)), other_expected, "{role:?} other");
                assert_eq!(can(&a, &action(&far)), far_expected, "{role:?} far");
            }
        }
    }

    #[test]
    fn supervisors_heads_and_admins_supervise_their_scope() {
        let own = agency(1, CITY);
        let other = agency(2, CITY);
        let far = agency(3, OTHER_CITY);
        for role in Role::ALL {
            let a = actor(role);
            let expected = match role {
                Role::Supervisor | Role::AgencyHead | Role::Admin => Ok(()),
                _ => Err(Denied::Forbidden),
            };
            assert_eq!(can(&a, &Action::Supervise), expected, "{role:?}");
            let (own_e, other_e, far_e) = match role {
                Role::Supervisor => (Ok(()), Ok(()), Err(Denied::NotFound)),
                Role::AgencyHead => (Ok(()), Err(Denied::NotFound), Err(Denied::NotFound)),
                Role::Admin => (Ok(()), Ok(()), Ok(())),
                _ => (
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                ),
            };
            for name in ["warnings", "complaints", "statistics"] {
                let action = |scope| match name {
                    "warnings" => Action::ViewWarnings(scope),
                    "complaints" => Action::ViewComplaints(scope),
                    _ => Action::ViewStatistics(scope),
                };
                assert_eq!(can(&a, &action(&own)), own_e, "{role:?} own {name}");
                assert_eq!(can(&a, &action(&other)), other_e, "{role:?} other {name}");
                assert_eq!(can(&a, &action(&far)), far_e, "{role:?} far {name}");
            }
        }
    }

    #[test]
    fn publication_requests_are_read_by_the_agency_and_its_supervisors_within_scope() {
        let own = agency(1, CITY);
        let other = agency(2, CITY);
        let far = agency(3, OTHER_CITY);
        let ok = Ok(());
        let hidden = Err(Denied::NotFound);
        let forbidden = Err(Denied::Forbidden);
        // (role, own agency, another agency of the region, an agency of another region)
        let table = [
            (Role::Officer, ok, hidden, hidden),
            (Role::AgencyHead, ok, hidden, hidden),
            (Role::LegalReviewer, forbidden, forbidden, forbidden),
            (Role::Supervisor, ok, ok, hidden),
            (Role::Admin, ok, ok, ok),
            (Role::Integration, forbidden, forbidden, forbidden),
        ];
        assert_eq!(table.len(), Role::ALL.len());
        for (role, a, b, c) in table {
            for (target, want) in [(&own, a), (&other, b), (&far, c)] {
                assert_eq!(
                    can(&actor(role), &Action::ViewPublicationRequests(target)),
                    want,
                    "{role:?} reading the requests of agency {}",
                    target.agency_id
                );
            }
        }
    }

    #[test]
    fn only_admins_manage_the_organisation() {
        for role in Role::ALL {
            let expected = if role == Role::Admin {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(
                can(&actor(role), &Action::ManageOrganisation),
                expected,
                "{role:?}"
            );
        }
    }

    #[test]
    fn only_admins_and_supervisors_read_the_audit_log() {
        for role in Role::ALL {
            let expected = if matches!(role, Role::Admin | Role::Supervisor) {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(
                can(&actor(role), &Action::ReadAuditLog),
                expected,
                "{role:?}"
            );
        }
    }

    #[test]
    fn everyone_may_change_their_own_password() {
        for role in Role::ALL {
            assert_eq!(can(&actor(role), &Action::ChangeOwnPassword), Ok(()));
        }
    }

    #[test]
    fn agency_visibility_follows_each_roles_scope() {
        let own = agency(1, CITY);
        let same_region = agency(2, CITY);
        let elsewhere = agency(3, OTHER_CITY);
        // (role, own agency, another agency of the region, an agency of another region)
        let table = [
            (Role::Officer, true, false, false),
            (Role::AgencyHead, true, false, false),
            (Role::Integration, true, false, false),
            (Role::LegalReviewer, true, false, false),
            (Role::Supervisor, true, true, false),
            (Role::Admin, true, true, true),
        ];
        for (role, sees_own, sees_region, sees_elsewhere) in table {
            let a = actor(role);
            for (target, expected) in [
                (&own, sees_own),
                (&same_region, sees_region),
                (&elsewhere, sees_elsewhere),
            ] {
                let got = can(&a, &Action::ViewAgency(target));
                let want = if expected {
                    Ok(())
                } else {
                    Err(Denied::NotFound)
                };
                assert_eq!(got, want, "{role:?} viewing agency {}", target.agency_id);
            }
        }
    }

    #[test]
    fn users_are_visible_within_scope_and_always_to_themselves() {
        let colleague = UserScope {
            user_id: 11,
            agency: Some(agency(1, CITY)),
        };
        let stranger = UserScope {
            user_id: 12,
            agency: Some(agency(3, OTHER_CITY)),
        };
        let unattached = UserScope {
            user_id: 13,
            agency: None,
        };
        for role in Role::ALL {
            let a = actor(role);
            let me = UserScope {
                user_id: a.user_id,
                agency: None,
            };
            assert_eq!(
                can(&a, &Action::ViewUser(&me)),
                Ok(()),
                "{role:?} sees self"
            );
            let sees_colleague = role != Role::Integration;
            assert_eq!(
                can(&a, &Action::ViewUser(&colleague)).is_ok(),
                sees_colleague,
                "{role:?} colleague"
            );
            assert_eq!(
                can(&a, &Action::ViewUser(&stranger)).is_ok(),
                role == Role::Admin
            );
            assert_eq!(
                can(&a, &Action::ViewUser(&unattached)),
                if role == Role::Admin {
                    Ok(())
                } else {
                    Err(Denied::NotFound)
                }
            );
        }
    }

    #[test]
    fn clues_are_pushed_by_integrations_and_officers_and_read_by_the_agency_and_its_supervisors() {
        let own = agency(1, CITY);
        let other = agency(2, CITY);
        // (role, submit to own, submit to other, view own, view other)
        let table = [
            (
                Role::Officer,
                Ok(()),
                Err(Denied::NotFound),
                Ok(()),
                Err(Denied::NotFound),
            ),
            (
                Role::AgencyHead,
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
                Ok(()),
                Err(Denied::NotFound),
            ),
            (
                Role::LegalReviewer,
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
            ),
            (
                Role::Supervisor,
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
                Ok(()),
                Ok(()),
            ),
            (
                Role::Admin,
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
                Ok(()),
                Ok(()),
            ),
            (
                Role::Integration,
                Ok(()),
                Err(Denied::NotFound),
                Err(Denied::Forbidden),
                Err(Denied::Forbidden),
            ),
        ];
        for (role, submit_own, submit_other, view_own, view_other) in table {
            let a = actor(role);
            assert_eq!(
                can(&a, &Action::SubmitClue(&own)),
                submit_own,
                "{role:?} submit own"
            );
            assert_eq!(
                can(&a, &Action::SubmitClue(&other)),
                submit_other,
                "{role:?} submit other"
            );
            assert_eq!(
                can(&a, &Action::ViewClues(&own)),
                view_own,
                "{role:?} view own"
            );
            assert_eq!(
                can(&a, &Action::ViewClues(&other)),
                view_other,
                "{role:?} view other"
            );
        }
        // Sending back is the holding agency's; assigning the supervision body's.
        for role in Role::ALL {
            let a = actor(role);
            let (ret_own, ret_other, assign_own, assign_far) = match role {
                Role::Officer | Role::AgencyHead => (
                    Ok(()),
                    Err(Denied::NotFound),
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                ),
                Role::Supervisor => (
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Ok(()),
                    Err(Denied::NotFound),
                ),
                _ => (
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                    Err(Denied::Forbidden),
                ),
            };
            assert_eq!(can(&a, &Action::ReturnClue(&own)), ret_own, "{role:?}");
            assert_eq!(can(&a, &Action::ReturnClue(&other)), ret_other, "{role:?}");
            assert_eq!(can(&a, &Action::AssignClue(&own)), assign_own, "{role:?}");
            assert_eq!(
                can(&a, &Action::AssignClue(&agency(9, OTHER_CITY))),
                assign_far,
                "{role:?} another region's body"
            );
        }
        // Interviews and circulars: recorded by supervisors, read by them and the heads.
        for role in Role::ALL {
            let a = actor(role);
            let record = if role == Role::Supervisor {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(can(&a, &Action::RecordOversight(&own)), record, "{role:?}");
            let view = match role {
                Role::Supervisor | Role::AgencyHead | Role::Admin => Ok(()),
                _ => Err(Denied::Forbidden),
            };
            assert_eq!(can(&a, &Action::ViewOversight(&own)), view, "{role:?}");
            if role == Role::AgencyHead {
                assert_eq!(
                    can(&a, &Action::ViewOversight(&other)),
                    Err(Denied::NotFound)
                );
            }
            // A supervision notice is answered by the head of the agency it is addressed to.
            let report = match role {
                Role::AgencyHead => Ok(()),
                Role::Integration => Err(Denied::NotFound),
                _ => Err(Denied::Forbidden),
            };
            assert_eq!(
                can(&a, &Action::ReportRectification(&own)),
                report,
                "{role:?}"
            );
            let report_other = match role {
                // Supervisors and admins see the other agency, and still may not answer.
                Role::Supervisor | Role::Admin if sees_agency(&a, &other) => Err(Denied::Forbidden),
                _ => Err(Denied::NotFound),
            };
            assert_eq!(
                can(&a, &Action::ReportRectification(&other)),
                report_other,
                "{role:?} another agency"
            );
        }
        let mut hotline = actor(Role::Integration);
        hotline.agency_id = None;
        assert_eq!(
            can(&hotline, &Action::SubmitClue(&other)),
            Ok(()),
            "a city-wide hotline routes anywhere"
        );
    }

    #[test]
    fn catalogs_are_managed_by_admins_and_the_queue_worked_by_reviewers() {
        for role in Role::ALL {
            let admin = if role == Role::Admin {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(
                can(&actor(role), &Action::ManageReviewCatalog),
                admin,
                "{role:?}"
            );
            let reviewer = if role == Role::LegalReviewer {
                Ok(())
            } else {
                Err(Denied::Forbidden)
            };
            assert_eq!(
                can(&actor(role), &Action::WorkReviewQueue),
                reviewer,
                "{role:?}"
            );
        }
    }

    #[test]
    fn review_figures_are_read_on_the_supervision_side_within_scope() {
        let own = agency(1, CITY);
        let same_region = agency(2, CITY);
        let elsewhere = agency(3, OTHER_CITY);
        let ok = Ok(());
        let hidden = Err(Denied::NotFound);
        let forbidden = Err(Denied::Forbidden);
        // (role, own agency, another agency of the region, an agency of another region)
        let table = [
            (Role::Officer, forbidden, forbidden, forbidden),
            (Role::Integration, forbidden, forbidden, forbidden),
            (Role::AgencyHead, ok, hidden, hidden),
            (Role::LegalReviewer, ok, hidden, hidden),
            (Role::Supervisor, ok, ok, hidden),
            (Role::Admin, ok, ok, ok),
        ];
        for (role, a, b, c) in table {
            for (target, want) in [(&own, a), (&same_region, b), (&elsewhere, c)] {
                assert_eq!(
                    can(&actor(role), &Action::ViewReviewFigures(target)),
                    want,
                    "{role:?} reading figures of agency {}",
                    target.agency_id
                );
            }
        }
    }

    #[test]
    fn a_supervisor_without_a_region_sees_no_agency() {
        let mut a = actor(Role::Supervisor);
        a.region_code = None;
        assert_eq!(
            can(&a, &Action::ViewAgency(&agency(1, CITY))),
            Err(Denied::NotFound)
        );
    }

    #[test]
    fn cases_are_visible_within_each_roles_scope_only() {
        let own = agency(1, CITY);
        let other_agency = agency(2, CITY);
        let other_city = agency(3, OTHER_CITY);
        for role in Role::ALL {
            let a = actor(role);
            let sees = |scope: &AgencyScope| can(&a, &Action::ViewCase(scope));
            let (own_ok, same_city_ok, other_city_ok) = match role {
                Role::Officer | Role::AgencyHead => (true, false, false),
                Role::LegalReviewer => (true, false, false),
                Role::Supervisor => (true, true, false),
                Role::Admin => (true, true, true),
                Role::Integration => (false, false, false),
            };
            for (scope, expected) in [
                (&own, own_ok),
                (&other_agency, same_city_ok),
                (&other_city, other_city_ok),
            ] {
                let expected = if expected {
                    Ok(())
                } else {
                    Err(Denied::NotFound)
                };
                assert_eq!(sees(scope), expected, "{role:?} {scope:?}");
            }
        }
    }
}
