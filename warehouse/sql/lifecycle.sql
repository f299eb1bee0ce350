-- Award lifecycle, run after each load (not a migration). Within one procedure (view notice_procedures:
-- folded project code or ocid, and the buyer's canonical organisation) and lot, the newest notice that awards or
-- cancels is the current one: earlier awards become superseded, or cancelled when the newest notice
-- cancels. Candidates, pending and cancelled awards keep their own status. Modifications of US
-- federal awards add obligations and replace nothing.
UPDATE awards SET award_status = l.award_status, superseded_by = l.superseded_by
FROM (
    WITH base AS (
        SELECT a.award_id, a.notice_id, coalesce(a.document_status, 'active') AS document_status,
               coalesce(a.lot, '') AS lot, n.published_at, n.notice_type, coalesce(n.additive, false) AS additive,
               p.procedure_key AS procedure
        FROM awards a
        JOIN notices n USING (notice_id)
        JOIN notice_procedures p USING (notice_id)
    ), deciding AS (
        SELECT procedure, lot, notice_id, bool_or(document_status = 'cancelled') AND NOT bool_or(document_status <> 'cancelled') AS cancels,
               row_number() OVER (PARTITION BY procedure, lot
                                  ORDER BY max(published_at) DESC NULLS LAST,
                                           CASE max(notice_type) WHEN 'modification' THEN 3 WHEN 'contract' THEN 2 ELSE 1 END DESC,
                                           notice_id DESC) AS newest
        FROM base
        WHERE document_status IN ('active', 'pending', 'cancelled') AND NOT additive
        GROUP BY procedure, lot, notice_id
    )
    SELECT b.award_id,
           CASE WHEN b.document_status IN ('active', 'pending') AND NOT b.additive AND d.notice_id <> b.notice_id
                THEN CASE WHEN d.cancels THEN 'cancelled' ELSE 'superseded' END
                ELSE b.document_status END AS award_status,
           CASE WHEN b.document_status IN ('active', 'pending') AND NOT b.additive AND d.notice_id <> b.notice_id
                THEN d.notice_id END AS superseded_by
    FROM base b
    LEFT JOIN deciding d ON d.procedure = b.procedure AND d.lot = b.lot AND d.newest = 1
) l
WHERE awards.award_id = l.award_id
  AND (awards.award_status IS DISTINCT FROM l.award_status OR awards.superseded_by IS DISTINCT FROM l.superseded_by);
