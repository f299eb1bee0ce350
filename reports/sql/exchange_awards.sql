-- Every award with its notice, buyer and vendor, and the kind of source it came from.
SELECT a.award_id, a.notice_id, CAST(a.date AS VARCHAR) AS date, CAST(a.amount AS DOUBLE) AS amount, a.currency,
       CAST(a.amount_usd AS DOUBLE) AS amount_usd, a.status, a.lot, a.evidence, a.source_url,
       a.vendor_org_id, v.name AS vendor, v.country AS vendor_country,
       a.agency_org_id, g.name AS agency, g.country AS agency_country,
       n.notice_type, n.title, n.project_name, n.project_code, CAST(n.published_at AS VARCHAR) AS published_at, n.region,
       CAST(n.budget AS DOUBLE) AS budget, n.budget_currency,
       n.source_url AS notice_url, n.source_id, s.kind AS source_kind, s.country AS source_country
FROM awards a
JOIN notices n USING (notice_id)
LEFT JOIN sources s ON s.source_id = n.source_id
LEFT JOIN organizations v ON v.org_id = a.vendor_org_id
LEFT JOIN organizations g ON g.org_id = a.agency_org_id
ORDER BY a.notice_id, a.award_id
