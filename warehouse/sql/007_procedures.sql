-- Procedures: the notices of one procurement (tender, candidates, award, corrections, contract)
-- share a procedure key, the folded project code (项目编号, OCDS ocid / tender id, TED procedure id)
-- and the buyer's canonical organisation. A notice without a code is a procedure of its own.
CREATE OR REPLACE VIEW notice_procedures AS
SELECT n.notice_id,
       CASE WHEN n.procedure_code IS NOT NULL
            THEN n.procedure_code || '|' || coalesce(o.canonical_org_id, n.buyer_org_id, '')
            ELSE n.notice_id END AS procedure_key
FROM notices n
LEFT JOIN organizations o ON o.org_id = n.buyer_org_id;

-- Every notice of a procedure in order, with its awards' statuses: what was tendered, who was
-- candidate, who won, what a correction changed, and which award counts today.
CREATE OR REPLACE VIEW procedure_timeline AS
SELECT p.procedure_key, n.project_code, b.name AS buyer, n.published_at, n.notice_type, n.title,
       count(a.award_id) AS awards,
       string_agg(DISTINCT a.award_status, ',' ORDER BY a.award_status) AS award_statuses,
       sum(a.amount_usd) FILTER (WHERE a.award_status = 'active') AS counted_usd,
       (SELECT count(*) FROM notice_documents d WHERE d.notice_id = n.notice_id) AS documents,
       n.notice_id, n.source_url
FROM notices n
JOIN notice_procedures p USING (notice_id)
LEFT JOIN organizations bo ON bo.org_id = n.buyer_org_id
LEFT JOIN organizations b ON b.org_id = coalesce(bo.canonical_org_id, n.buyer_org_id)
LEFT JOIN awards a ON a.notice_id = n.notice_id
GROUP BY ALL;
