-- Award lifecycle, run after each load (not a migration). Within one procedure (view notice_procedures:
-- folded project code or ocid, and the buyer's canonical organisation) and lot, the newest notice that
-- awards or cancels decides. It replaces an earlier award when it is a correction or a contract, when
-- it cancels, when the lot is named on both, or when it names the same winner again (a re-published or
-- updated award): the earlier award becomes superseded (cancelled when the newest notice cancels).
-- Two award notices for different winners and unnamed lots are two lots, both current. Candidates,
-- pending and cancelled awards keep their own status. Additive modifications (US federal obligations,
-- TED changes: notices.additive) replace nothing.
UPDATE awards SET award_status = l.award_status, superseded_by = l.superseded_by
FROM (
    WITH base AS (
        SELECT a.award_id, a.notice_id, coalesce(a.document_status, 'active') AS document_status,
               coalesce(a.lot, '') AS lot, n.published_at, n.notice_type, coalesce(n.additive, false) AS additive,
               p.procedure_key AS procedure, coalesce(v.canonical_org_id, a.vendor_org_id) AS vendor
        FROM awards a
        JOIN notices n USING (notice_id)
        JOIN notice_procedures p USING (notice_id)
        LEFT JOIN organizations v ON v.org_id = a.vendor_org_id
    ), deciding AS (
        SELECT procedure, lot, notice_id, max(notice_type) AS notice_type, list(vendor) AS vendors,
               bool_or(document_status = 'cancelled') AND NOT bool_or(document_status <> 'cancelled') AS cancels,
               row_number() OVER (PARTITION BY procedure, lot
                                  ORDER BY max(published_at) DESC NULLS LAST,
                                           CASE max(notice_type) WHEN 'modification' THEN 3 WHEN 'contract' THEN 2 ELSE 1 END DESC,
                                           notice_id DESC) AS newest
        FROM base
        WHERE document_status IN ('active', 'pending', 'cancelled') AND NOT additive
        GROUP BY procedure, lot, notice_id
    ), replaced AS (
        SELECT b.award_id, d.notice_id AS by_notice, d.cancels
        FROM base b
        JOIN deciding d ON d.procedure = b.procedure AND d.lot = b.lot AND d.newest = 1 AND d.notice_id <> b.notice_id
        WHERE b.document_status IN ('active', 'pending') AND NOT b.additive
          AND (d.notice_type IN ('modification', 'contract') OR d.cancels OR b.lot <> '' OR list_contains(d.vendors, b.vendor))
    )
    SELECT b.award_id,
           CASE WHEN r.award_id IS NULL THEN b.document_status WHEN r.cancels THEN 'cancelled' ELSE 'superseded' END AS award_status,
           r.by_notice AS superseded_by
    FROM base b
    LEFT JOIN replaced r USING (award_id)
) l
WHERE awards.award_id = l.award_id
  AND (awards.award_status IS DISTINCT FROM l.award_status OR awards.superseded_by IS DISTINCT FROM l.superseded_by);
