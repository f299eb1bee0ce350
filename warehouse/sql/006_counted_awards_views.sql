-- Analyst views over canonical organisations, counting only active current awards.
-- The rule: an award counts when its own notice says it is awarded (not a candidate, pending or
-- cancelled award) and no later notice of the same procedure (project code and buyer) and lot
-- replaces it (a correction, a contract, a re-award, a cancellation). A notice carried by two
-- portals is one notice, so its award counts once. award_history keeps every award with its status.

CREATE OR REPLACE VIEW award_history AS
SELECT a.award_id, a.award_status, a.date, v.name AS vendor, v.name_zh AS vendor_zh, g.name AS agency,
       g.name_zh AS agency_zh, a.amount, a.currency, a.amount_usd, a.fx_source, a.fx_rate_date, a.fx_flag,
       n.project_name, n.project_code, n.notice_type, n.region, a.lot, a.vendor_raw, a.agency_raw, n.agent_raw,
       a.evidence, a.source_url, n.source_id, a.decision_date, a.published_at, a.flags, a.document_status,
       a.superseded_by, coalesce(vc.canonical_org_id, a.vendor_org_id) AS vendor_org_id,
       coalesce(gc.canonical_org_id, a.agency_org_id) AS agency_org_id, a.notice_id, a.doc_id
FROM awards a
JOIN notices n USING (notice_id)
LEFT JOIN organizations vc ON vc.org_id = a.vendor_org_id
LEFT JOIN organizations v ON v.org_id = coalesce(vc.canonical_org_id, a.vendor_org_id)
LEFT JOIN organizations gc ON gc.org_id = a.agency_org_id
LEFT JOIN organizations g ON g.org_id = coalesce(gc.canonical_org_id, a.agency_org_id);

CREATE OR REPLACE VIEW award_details AS
SELECT * FROM award_history WHERE award_status = 'active';

-- Canonical ids join the awards before grouping (two small hash joins), names attach after.
CREATE OR REPLACE VIEW vendor_agency_totals AS
WITH canonical AS (
    SELECT org_id, coalesce(canonical_org_id, org_id) AS canonical_org_id FROM organizations
), pairs AS (
    SELECT coalesce(vc.canonical_org_id, a.vendor_org_id) AS vendor_org_id,
           coalesce(gc.canonical_org_id, a.agency_org_id) AS agency_org_id,
           count(*) AS awards, sum(a.amount_usd) AS total_usd,
           array_to_string(list_sort(list_distinct(list(a.currency))), ',') AS currencies,
           min(a.date) AS first_date, max(a.date) AS last_date,
           array_to_string(list_sort(list_distinct(list(a.source_url))), ' ') AS source_urls,
           min(a.evidence) AS evidence
    FROM awards a
    LEFT JOIN canonical vc ON vc.org_id = a.vendor_org_id
    LEFT JOIN canonical gc ON gc.org_id = a.agency_org_id
    WHERE a.vendor_org_id IS NOT NULL AND a.award_status = 'active'
    GROUP BY 1, 2
)
SELECT v.name AS vendor, g.name AS agency, p.awards, p.total_usd, p.currencies, p.first_date, p.last_date,
       p.source_urls, p.evidence, p.vendor_org_id, p.agency_org_id
FROM pairs p
LEFT JOIN organizations v ON v.org_id = p.vendor_org_id
LEFT JOIN organizations g ON g.org_id = p.agency_org_id;

-- Grouped on canonical agency ids (one small join), the name attached after.
CREATE OR REPLACE VIEW spending_by_agency_year AS
WITH spending AS (
    SELECT coalesce(gc.canonical_org_id, a.agency_org_id) AS agency_org_id, coalesce(n.region, '') AS region,
           year(a.date) AS year, count(*) AS awards, sum(a.amount_usd) AS total_usd,
           array_to_string(list_sort(list_distinct(list(a.currency))), ',') AS currencies,
           array_to_string(list_sort(list_distinct(list(a.source_url))), ' ') AS source_urls,
           min(a.evidence) AS evidence
    FROM awards a
    JOIN notices n USING (notice_id)
    LEFT JOIN organizations gc ON gc.org_id = a.agency_org_id
    WHERE a.award_status = 'active'
    GROUP BY 1, 2, 3
)
SELECT g.name AS agency, s.region, s.year, s.awards, s.total_usd, s.currencies, s.source_urls, s.evidence, s.agency_org_id
FROM spending s
LEFT JOIN organizations g ON g.org_id = s.agency_org_id;

CREATE OR REPLACE VIEW surveillance_awards AS
SELECT * FROM award_details
WHERE regexp_matches(
    concat_ws(' ', project_name, evidence, vendor),
    '(?i)(surveil|cctv|camera|video|body[- ]?worn|bodycam|shotspotter|facial|safe ?cit|police|监控|视频|天网|雪亮|平安城市|安防|摄像|公安|人脸)');

CREATE OR REPLACE VIEW relationship_details AS
SELECT r.relationship_id, v.name AS vendor, g.name AS agency, r.relation, r.confidence, r.method, r.date,
       r.evidence, r.source_url, d.title AS document_title, d.published_at, d.fetched_at,
       r.vendor_raw, r.agency_raw, coalesce(vc.canonical_org_id, r.vendor_org_id) AS vendor_org_id,
       coalesce(gc.canonical_org_id, r.agency_org_id) AS agency_org_id, r.doc_id
FROM relationships r
LEFT JOIN organizations vc ON vc.org_id = r.vendor_org_id
JOIN organizations v ON v.org_id = coalesce(vc.canonical_org_id, r.vendor_org_id)
LEFT JOIN organizations gc ON gc.org_id = r.agency_org_id
JOIN organizations g ON g.org_id = coalesce(gc.canonical_org_id, r.agency_org_id)
LEFT JOIN documents d ON d.doc_id = r.doc_id;

CREATE OR REPLACE VIEW newest_relationships AS
SELECT * FROM relationship_details
WHERE relation <> 'denial'
ORDER BY coalesce(published_at, CAST(fetched_at AS TEXT)) DESC NULLS LAST;

CREATE OR REPLACE VIEW amount_details AS
SELECT m.mention_id, m.raw, m.value, m.currency, m.value_usd, m.fx_source, m.fx_rate_date, m.fx_flag, m.qualifier,
       m.kind, m.subject, m.attributed_to, m.year, v.name AS vendor, g.name AS agency, m.confidence, m.evidence,
       m.source_url, d.title AS document_title, d.published_at, m.also_written, m.doc_id
FROM amount_mentions m
LEFT JOIN organizations vc ON vc.org_id = m.vendor_org_id
LEFT JOIN organizations v ON v.org_id = coalesce(vc.canonical_org_id, m.vendor_org_id)
LEFT JOIN organizations gc ON gc.org_id = m.agency_org_id
LEFT JOIN organizations g ON g.org_id = coalesce(gc.canonical_org_id, m.agency_org_id)
LEFT JOIN documents d ON d.doc_id = m.doc_id;

-- One row per real body: the canonical organisation, its spellings and identifiers.
CREATE OR REPLACE VIEW organization_details AS
SELECT o.org_id, o.name, o.name_zh, o.kind, o.country, o.region,
       (SELECT list_sort(list_distinct(list(a.alias))) FROM org_aliases a WHERE a.org_id = o.org_id) AS aliases,
       (SELECT list_sort(list_distinct(list(i.scheme || ':' || i.identifier))) FROM org_identifiers i
        JOIN organizations m ON m.org_id = i.org_id WHERE coalesce(m.canonical_org_id, m.org_id) = o.org_id) AS identifiers,
       (SELECT count(*) FROM org_matches x WHERE x.matched_org_id = o.org_id AND x.decision = 'merged') AS merged_organizations
FROM organizations o
WHERE coalesce(o.canonical_org_id, o.org_id) = o.org_id;
