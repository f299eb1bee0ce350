"""DuckDB warehouse: versioned schema, idempotent loads, published snapshots, extracts."""
