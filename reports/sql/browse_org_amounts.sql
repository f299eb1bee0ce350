-- Money figures whose vendor or agency is the organisation.
SELECT d.raw, d.value, d.currency, d.value_usd, d.kind, d.subject, d.attributed_to, d.evidence, d.source_url
FROM amount_details d
JOIN amount_mentions m USING (mention_id)
WHERE m.vendor_org_id = $org_id OR m.agency_org_id = $org_id
ORDER BY d.value_usd DESC NULLS LAST
LIMIT $limit
