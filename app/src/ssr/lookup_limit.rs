//! The limit on public lookups by secret number (document verification codes, complaint and
//! request tracking numbers): a fixed window per client, in this process's memory, so that
//! nobody can guess numbers at speed. The window rule is pure
//! ([`tianping_domain::supervision::complaint::admit`]).

use std::{collections::HashMap, sync::Mutex};

use chrono::{DateTime, Utc};
use tianping_domain::supervision::complaint::{RateRule, Window, admit};

/// Beyond this many remembered clients, ended windows are swept on the next lookup.
const SWEEP_ABOVE: usize = 50_000;

/// Lookup windows per client key.
#[derive(Debug)]
pub struct LookupLimit {
    rule: RateRule,
    windows: Mutex<HashMap<String, Window>>,
}

impl LookupLimit {
    /// A limit of `rule` per client.
    pub fn new(rule: RateRule) -> Self {
        Self {
            rule,
            windows: Mutex::default(),
        }
    }

    /// Counts one lookup of `client`, or the seconds it must wait.
    pub fn admit(&self, client: &str, now: DateTime<Utc>) -> Result<(), i64> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > SWEEP_ABOVE {
            let length = self.rule.window_secs;
            windows.retain(|_, w| (now - w.started_at).num_seconds() < length);
        }
        let window = admit(windows.get(client).copied(), now, &self.rule)?;
        windows.insert(client.to_owned(), window);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_window_and_no_more() {
        let limit = LookupLimit::new(RateRule {
            max: 3,
            window_secs: 60,
        });
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        for _ in 0..3 {
            assert!(limit.admit("a", t0).is_ok());
        }
        assert_eq!(limit.admit("a", t0), Err(60));
        assert!(
            limit.admit("b", t0).is_ok(),
            "another client has its own window"
        );
        assert!(limit.admit("a", t0 + chrono::Duration::seconds(60)).is_ok());
    }
}
