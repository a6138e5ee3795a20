//! A small builder for queries with optional filters: it numbers `$n`
//! parameters so that the same text runs on SQLite and PostgreSQL.

use sqlx::any::AnyArguments;
use sqlx::Arguments;

#[derive(Default)]
pub struct Sql {
    pub text: String,
    pub args: AnyArguments<'static>,
    n: usize,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Sql { text: text.to_string(), args: AnyArguments::default(), n: 0 }
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
        self.text.push_str(&format!("${}", self.n));
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
