-- Analyst views. Every row names its sources so a figure can be traced.
CREATE OR REPLACE VIEW award_details AS
SELECT a.award_id, a.date, v.name AS vendor, v.name_zh AS vendor_zh, g.name AS agency, g.name_zh AS agency_zh,
       a.amount, a.currency, a.amount_usd, a.fx_rate_date, n.project_name, n.project_code, n.notice_type,
       n.region, a.lot, a.vendor_raw, a.agency_raw, n.agent_raw, a.evidence, a.source_url, n.source_id,
       a.vendor_org_id, a.agency_org_id, a.notice_id, a.doc_id
FROM awards a
JOIN notices n USING (notice_id)
LEFT JOIN organizations v ON v.org_id = a.vendor_org_id
LEFT JOIN organizations g ON g.org_id = a.agency_org_id;

CREATE OR REPLACE VIEW vendor_agency_totals AS
SELECT vendor, agency, count(*) AS awards, sum(amount_usd) AS total_usd,
       string_agg(DISTINCT currency, ',') AS currencies, min(date) AS first_date, max(date) AS last_date,
       string_agg(DISTINCT source_url, ' ') AS source_urls, any_value(evidence) AS evidence,
       vendor_org_id, agency_org_id
FROM award_details
WHERE vendor_org_id IS NOT NULL
GROUP BY vendor, agency, vendor_org_id, agency_org_id;

CREATE OR REPLACE VIEW spending_by_agency_year AS
SELECT agency, coalesce(region, '') AS region, try_cast(substr(date, 1, 4) AS INTEGER) AS year,
       count(*) AS awards, sum(amount_usd) AS total_usd, string_agg(DISTINCT currency, ',') AS currencies,
       string_agg(DISTINCT source_url, ' ') AS source_urls, any_value(evidence) AS evidence
FROM award_details
GROUP BY agency, region, year;

CREATE OR REPLACE VIEW surveillance_awards AS
SELECT * FROM award_details
WHERE regexp_matches(
    concat_ws(' ', project_name, evidence, vendor),
    '(?i)(surveil|cctv|camera|video|body[- ]?worn|bodycam|shotspotter|facial|safe ?cit|police|监控|视频|天网|雪亮|平安城市|安防|摄像|公安|人脸)');

CREATE OR REPLACE VIEW relationship_details AS
SELECT r.relationship_id, v.name AS vendor, g.name AS agency, r.relation, r.confidence, r.method, r.date,
       r.evidence, r.source_url, d.title AS document_title, d.published_at, d.fetched_at,
       r.vendor_raw, r.agency_raw, r.vendor_org_id, r.agency_org_id, r.doc_id
FROM relationships r
JOIN organizations v ON v.org_id = r.vendor_org_id
JOIN organizations g ON g.org_id = r.agency_org_id
LEFT JOIN documents d ON d.doc_id = r.doc_id;

CREATE OR REPLACE VIEW newest_relationships AS
SELECT * FROM relationship_details
WHERE relation <> 'denial'
ORDER BY coalesce(published_at, CAST(fetched_at AS TEXT)) DESC NULLS LAST;

CREATE OR REPLACE VIEW amount_details AS
SELECT m.mention_id, m.raw, m.value, m.currency, m.value_usd, m.fx_rate_date, m.qualifier, m.kind, m.subject,
       m.attributed_to, m.year, v.name AS vendor, g.name AS agency, m.confidence, m.evidence, m.source_url,
       d.title AS document_title, d.published_at, m.doc_id
FROM amount_mentions m
LEFT JOIN organizations v ON v.org_id = m.vendor_org_id
LEFT JOIN organizations g ON g.org_id = m.agency_org_id
LEFT JOIN documents d ON d.doc_id = m.doc_id;
