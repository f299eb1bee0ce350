-- A table's columns in order, with their types and defaults: what a loaded batch is shaped to.
SELECT column_name, data_type, column_default
FROM duckdb_columns()
WHERE table_name = ?
ORDER BY column_index;
