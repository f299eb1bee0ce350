-- Awards from documents first held during the newest night.
SELECT a.date, a.vendor, a.agency, a.amount, a.currency, a.amount_usd, a.source_url
FROM award_details a JOIN documents d ON d.doc_id = a.doc_id
WHERE d.fetched_at >= (SELECT max(started_at) FROM runs)
ORDER BY a.amount_usd DESC NULLS LAST
