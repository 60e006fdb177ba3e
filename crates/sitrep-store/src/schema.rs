//! Schema migrations, applied in order on open; `PRAGMA user_version`
//! holds how many have been applied.

/// The SQL of each schema version, in order. Never edit a released one:
/// add the next.
pub const MIGRATIONS: &[&str] =
    &[include_str!("../migrations/0001-initial.sql"), include_str!("../migrations/0002-place-seat.sql")];

/// The schema version this sitrep writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();
