-- Settings a connection loads with (not a migration). Each batch commits to the write-ahead log, and
-- the table files are written at the night's CHECKPOINT (publish) or when the connection closes.
-- DuckDB's default, a checkpoint every 16 MB of log (about three batches of awards), rewrites the
-- table's last, growing row group and its key index each time; that was most of a load's time. At
-- 256 MB a checkpoint comes every few row groups, and the log a crash would replay stays bounded.
SET checkpoint_threshold = '256MB';
