SELECT org_id, name, name_zh, kind, country, region,
       (SELECT string_agg(DISTINCT alias, ' · ') FROM org_aliases x WHERE x.org_id = o.org_id) AS spellings
FROM organizations o WHERE org_id = $org_id
