-- Organisations whose name or any alias contains the search text (case-insensitive), with their activity.
WITH hits AS (
    SELECT DISTINCT o.org_id
    FROM organizations o
    LEFT JOIN org_aliases a ON a.org_id = o.org_id
    WHERE ($q = '' OR o.name ILIKE '%' || $q || '%' OR coalesce(o.name_zh, '') ILIKE '%' || $q || '%'
           OR a.alias ILIKE '%' || $q || '%')
)
SELECT * FROM (
SELECT o.org_id, o.name, o.name_zh, o.kind, o.country, o.region,
       (SELECT string_agg(DISTINCT alias, ' · ') FROM org_aliases x WHERE x.org_id = o.org_id) AS spellings,
       (SELECT count(*) FROM awards w WHERE w.vendor_org_id = o.org_id OR w.agency_org_id = o.org_id) AS awards,
       (SELECT count(*) FROM relationships r WHERE r.vendor_org_id = o.org_id OR r.agency_org_id = o.org_id) AS relationships
FROM organizations o JOIN hits USING (org_id)
WHERE ($kind = '' OR o.kind = $kind) AND ($country = '' OR coalesce(o.country, '') = $country)

) ORDER BY awards + relationships DESC, name
LIMIT $limit
