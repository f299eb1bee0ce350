SELECT relationship_id, vendor_org_id, vendor, agency_org_id, agency, relation, confidence, published_at, evidence, source_url
FROM relationship_details
ORDER BY relationship_id
