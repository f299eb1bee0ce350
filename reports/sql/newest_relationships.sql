-- Newest vendor-agency relationships from press releases and news, each with its sentence. Only
-- those read at 0.5 or surer: below that most are wrong (procwatch eval's calibration), and they stay
-- in the warehouse and the extracts with their confidence.
SELECT vendor, agency, relation, confidence, published_at, evidence, source_url, document_title, vendor_org_id, agency_org_id
FROM newest_relationships
WHERE confidence >= 0.5
ORDER BY coalesce(published_at, CAST(CAST(fetched_at AS DATE) AS TEXT)) DESC NULLS LAST,
         confidence DESC, vendor, agency, relationship_id
LIMIT 40
