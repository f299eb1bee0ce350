-- The newest run's result per source, beside its configuration.
SELECT s.source_id, s.name, s.kind, coalesce(rs.status, 'not run') AS status, rs.items_listed, rs.documents_fetched,
       rs.documents_new, rs.documents_parsed, rs.documents_failed, rs.message, s.base_url, r.finished_at
FROM sources s
LEFT JOIN (SELECT * FROM run_sources WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1)) rs USING (source_id)
LEFT JOIN runs r ON r.run_id = rs.run_id
ORDER BY s.kind, s.source_id
