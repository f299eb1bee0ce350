-- Top vendors per buyer country: the agency's country, else the source's.
WITH a AS (
    SELECT d.vendor, coalesce(g.country, s.country, '') AS country, d.amount_usd, d.source_url, d.evidence, d.vendor_org_id
    FROM award_details d
    LEFT JOIN organizations g ON g.org_id = d.agency_org_id
    LEFT JOIN sources s ON s.source_id = d.source_id
    WHERE d.vendor IS NOT NULL
), totals AS (
    SELECT country, vendor, count(*) AS awards, sum(amount_usd) AS total_usd, any_value(source_url) AS source_url,
           any_value(evidence) AS evidence, any_value(vendor_org_id) AS vendor_org_id
    FROM a GROUP BY country, vendor
)
SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY country ORDER BY total_usd DESC NULLS LAST) AS rank_in_country FROM totals
) WHERE rank_in_country <= 5
ORDER BY country, rank_in_country
