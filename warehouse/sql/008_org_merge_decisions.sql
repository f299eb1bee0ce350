-- Every merge decision in one place: a spelling resolved to an organisation (org_aliases: gazetteer,
-- identifier, name key — case, script, suffix and word order folded) and an organisation merged into
-- another or kept apart (org_matches: identifier, lookup file, transliteration, similar names).
CREATE OR REPLACE VIEW org_merge_decisions AS
SELECT 'spelling' AS level, a.alias AS merged, o.name AS into_name, a.org_id AS into_org_id, a.reason, a.score,
       'merged' AS decision, NULL AS evidence
FROM org_aliases a
JOIN organizations o ON o.org_id = a.org_id
WHERE coalesce(a.via, 'resolved') = 'resolved' AND a.alias <> o.name AND coalesce(a.reason, '') <> 'generic_in_document'
UNION ALL
SELECT 'organisation', f.name, t.name, m.matched_org_id, m.reason, m.score, m.decision, m.evidence
FROM org_matches m
JOIN organizations f ON f.org_id = m.org_id
JOIN organizations t ON t.org_id = m.matched_org_id;
