-- Sources the newest night flagged, and why.
SELECT source_id, status, message FROM run_sources
WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) AND status <> 'ok'
ORDER BY source_id
