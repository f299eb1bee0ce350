SELECT vendor, agency, relation, confidence, published_at, evidence, source_url, document_title, vendor_org_id, agency_org_id
FROM relationship_details
WHERE vendor_org_id = $org_id OR agency_org_id = $org_id
ORDER BY published_at DESC NULLS LAST
LIMIT $limit
