-- Values offered in the filter menus.
SELECT 'country' AS field, country AS value FROM (SELECT DISTINCT country FROM organizations WHERE country IS NOT NULL AND country <> '')
UNION ALL SELECT 'kind', kind FROM (SELECT DISTINCT kind FROM organizations WHERE kind IS NOT NULL)
UNION ALL SELECT 'source', source_id FROM sources
UNION ALL SELECT 'year', year FROM (SELECT DISTINCT strftime(date, '%Y') AS year FROM awards WHERE date IS NOT NULL)
ORDER BY field, value
