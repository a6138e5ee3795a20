//! A small builder for queries with optional filters: it numbers `$n`
//! parameters so that the same text runs on SQLite and PostgreSQL.
//!
//! Large multi-row statements (the monitoring's batches) are built with
//! [`Sql::for_backend`]: on SQLite their parameters are written `?` (bound in
//! order, as `$1..$n` would be), because SQLite finds a `$n` parameter by a
//! linear search of the statement's names, which makes binding thousands of
//! them quadratic.

use sqlx::any::AnyArguments;
use sqlx::Arguments;

#[derive(Default)]
pub struct Sql {
    pub text: String,
    pub args: AnyArguments<'static>,
    n: usize,
    /// Write `?` instead of `$n` (SQLite's anonymous parameters, bound in order).
    anonymous: bool,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_string(), args: AnyArguments::default(), n: 0, anonymous: false }
    }
    /// A statement with many parameters (see the module doc).
    pub fn for_backend(text: &str, backend: crate::Backend) -> Self {
        Sql { anonymous: backend == crate::Backend::Sqlite, ..Sql::new(text) }
    }
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }
    /// Appends the next `$n` and binds `value` to it.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'static + Send + sqlx::Encode<'static, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        self.n += 1;
        if self.anonymous {
            self.text.push('?');
        } else {
            self.text.push_str(&format!("${}", self.n));
        }
        // Encoding into AnyArguments only fails for unsupported types, which
        // the trait bounds exclude.
        let _ = self.args.add(value);
        self
    }
    /// The query, ready to run once (the arguments move into it).
    pub fn query(&mut self) -> sqlx::query::Query<'_, sqlx::Any, AnyArguments<'_>> {
        let args = std::mem::take(&mut self.args);
        sqlx::query_with(&self.text, args)
    }
}
