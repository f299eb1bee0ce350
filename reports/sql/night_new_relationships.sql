-- Relationships from documents first held during the newest night.
SELECT r.vendor, r.agency, r.relation, r.source_url
FROM relationship_details r JOIN documents d ON d.doc_id = r.doc_id
WHERE d.fetched_at >= (SELECT max(started_at) FROM runs) AND r.relation <> 'denial'
ORDER BY r.confidence DESC
