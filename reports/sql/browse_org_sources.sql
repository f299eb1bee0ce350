-- The documents that mention the organisation, whichever table the mention landed in.
WITH docs AS (
    SELECT doc_id FROM awards WHERE vendor_org_id = $org_id OR agency_org_id = $org_id
    UNION SELECT doc_id FROM relationships WHERE vendor_org_id = $org_id OR agency_org_id = $org_id
    UNION SELECT doc_id FROM amount_mentions WHERE vendor_org_id = $org_id OR agency_org_id = $org_id
    UNION SELECT n.doc_id FROM notices n WHERE n.buyer_org_id = $org_id
)
SELECT d.source_id, d.title, d.published_at, d.url
FROM documents d JOIN docs USING (doc_id)
ORDER BY d.published_at DESC NULLS LAST
LIMIT $limit
