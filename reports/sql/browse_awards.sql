-- Every award, filtered: text in vendor/agency/project, buyer country, year, source.
SELECT d.date, d.vendor, d.agency, d.amount, d.currency, d.amount_usd, d.project_name, d.source_id,
       coalesce(g.country, s.country, '') AS country, d.evidence, d.source_url, d.vendor_org_id, d.agency_org_id
FROM award_details d
LEFT JOIN organizations g ON g.org_id = d.agency_org_id
LEFT JOIN sources s ON s.source_id = d.source_id
WHERE ($q = '' OR concat_ws(' ', d.vendor, d.agency, d.vendor_raw, d.agency_raw, d.project_name) ILIKE '%' || $q || '%')
  AND ($country = '' OR coalesce(g.country, s.country, '') = $country)
  AND ($year = '' OR strftime(d.date, '%Y') = $year)
  AND ($source = '' OR d.source_id = $source)
ORDER BY d.amount_usd DESC NULLS LAST
LIMIT $limit
