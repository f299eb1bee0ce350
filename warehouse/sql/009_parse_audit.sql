-- Per source and night: notices read without error that gave no notice (counted as not parsed in
-- documents_failed too), and the fields its parsers saw but did not read (name -> documents, top 50).
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS documents_empty INTEGER;
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS unread_fields JSON;
