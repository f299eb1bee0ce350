-- 1. Who sells to whom, and for how much (USD at the rate of each award's date)
SELECT vendor, agency, awards, round(total_usd) AS usd, currencies, first_date, last_date
FROM vendor_agency_totals
ORDER BY total_usd DESC NULLS LAST
LIMIT 20;

-- 2. Spending by agency and year, the last five years
SELECT agency, year, awards, round(total_usd) AS usd, currencies
FROM spending_by_agency_year
WHERE year >= year(current_date) - 5
ORDER BY usd DESC NULLS LAST
LIMIT 50;

-- 3. Surveillance-related awards, newest first, with the field that proves each
SELECT date, vendor, agency, amount, currency, amount_usd, evidence, source_url
FROM surveillance_awards
ORDER BY date DESC NULLS LAST
LIMIT 50;

-- 4. Everything one vendor won, under any of its spellings
SELECT date, vendor, agency, amount, currency, amount_usd, project_name, evidence, source_url
FROM award_details
WHERE vendor_org_id IN (SELECT org_id FROM org_aliases WHERE alias ILIKE '%huawei%' OR alias LIKE '%华为%')
ORDER BY date DESC NULLS LAST
LIMIT 100;

-- 5. Newest vendor–agency relationships from press releases and news, with the sentence
SELECT vendor, agency, relation, confidence, evidence, source_url
FROM newest_relationships
LIMIT 20;
