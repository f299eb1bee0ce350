-- Top vendors per agency (USD at each award's date), with one source per pair.
SELECT agency, vendor, awards, total_usd, currencies, first_date, last_date,
       split_part(source_urls, ' ', 1) AS source_url, evidence, vendor_org_id, agency_org_id
FROM (
    SELECT *, row_number() OVER (PARTITION BY agency ORDER BY total_usd DESC NULLS LAST, awards DESC) AS rank_in_agency
    FROM vendor_agency_totals
    WHERE agency IS NOT NULL
)
WHERE rank_in_agency <= 3
ORDER BY total_usd DESC NULLS LAST, agency
LIMIT 40
