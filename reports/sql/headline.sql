-- One row of counts for the page heading.
SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM awards) AS awards,
       (SELECT count(*) FROM relationships) AS relationships, (SELECT count(*) FROM amount_mentions) AS amounts,
       (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM sources) AS sources,
       (SELECT max(finished_at) FROM runs) AS last_run
