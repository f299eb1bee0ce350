-- Awards where the organisation is the vendor or the buyer.
SELECT date, vendor, agency, amount, currency, amount_usd, project_name, notice_type, evidence, source_url, source_id,
       vendor_org_id, agency_org_id
FROM award_details
WHERE vendor_org_id = $org_id OR agency_org_id = $org_id
ORDER BY date DESC NULLS LAST
LIMIT $limit
