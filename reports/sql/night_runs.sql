-- The newest two nights, newest first: what the summary compares.
SELECT run_id, started_at, finished_at, status, counts, flags FROM runs ORDER BY started_at DESC LIMIT 2
