-- Spending by year and buyer country, USD at each award's date.
SELECT try_cast(strftime(d.date, '%Y') AS INTEGER) AS year, coalesce(g.country, s.country, '') AS country,
       count(*) AS awards, sum(d.amount_usd) AS total_usd
FROM award_details d
LEFT JOIN organizations g ON g.org_id = d.agency_org_id
LEFT JOIN sources s ON s.source_id = d.source_id
WHERE d.date IS NOT NULL AND d.amount_usd IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2
