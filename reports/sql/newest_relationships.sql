-- Newest vendor-agency relationships from press releases and news, each with its sentence.
SELECT vendor, agency, relation, confidence, published_at, evidence, source_url, document_title, vendor_org_id, agency_org_id
FROM newest_relationships
LIMIT 40
