-- Newest first by the day an article was published, or for an undated one the day it was fetched,
-- then the surest first: the same rows in the same order whatever order the night fetched them in.
CREATE OR REPLACE VIEW newest_relationships AS
SELECT * FROM relationship_details
WHERE relation <> 'denial'
ORDER BY coalesce(published_at, CAST(CAST(fetched_at AS DATE) AS TEXT)) DESC NULLS LAST,
         confidence DESC, vendor, agency, relationship_id;
