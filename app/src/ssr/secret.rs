//! Secrets that never print: a [`Secret`]'s `Debug` shows `[redacted]`, so a settings or state
//! struct holding one can be logged whole.

/// A secret string (a token signing secret, a signing key). Read it with [`Secret::expose`],
/// only where it is used.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn a_secret_does_not_print_in_debug_output() {
        let s = Secret::new("hunter2-hunter2-hunter2-hunter2-xx");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(s.clone())), "Some([redacted])");
        assert_eq!(s.expose(), "hunter2-hunter2-hunter2-hunter2-xx");
    }
}
