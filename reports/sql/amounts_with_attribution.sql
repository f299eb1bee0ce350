-- Money figures in text: what was counted, whose figure it is, and the sentence.
SELECT raw, value, currency, value_usd, kind, qualifier, subject, attributed_to, vendor, agency, year, evidence, source_url
FROM amount_details
WHERE confidence >= 0.5
ORDER BY value_usd DESC NULLS LAST
LIMIT 40
