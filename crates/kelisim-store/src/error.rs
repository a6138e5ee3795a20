//! The store's error: a database failure, invalid input (with its fields), a
//! missing record or a conflict. The web layer turns these into 500 / 422 /
//! 404 / 409 answers; internal causes are logged, never shown.

use kelisim_core::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("invalid input: {0}")]
    Invalid(ValidationErrors),
    #[error("not found")]
    NotFound,
    /// Another user changed the record since it was read (optimistic locking),
    /// or a unique value is taken; the string names the field.
    #[error("conflict on {0}")]
    Conflict(String),
    #[error("{0}")]
    Other(String),
}

impl From<ValidationErrors> for StoreError {
    fn from(e: ValidationErrors) -> Self {
        StoreError::Invalid(e)
    }
}

impl StoreError {
    /// One invalid field.
    pub fn field(field: &str, reason: &str) -> Self {
        let mut e = ValidationErrors::default();
        e.push(field, reason);
        StoreError::Invalid(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
