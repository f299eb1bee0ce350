-- One award, one row. Dates become DATE and money DECIMAL; organisations gain identifiers, merge
-- decisions and a canonical id; awards gain a lifecycle status. Rows written before this migration
-- keep what converts (a partial date such as '2018' becomes NULL until the document is parsed again).

-- Organisations: updated on every load (no longer insert-only); merges decided by warehouse.identity.
ALTER TABLE organizations ADD COLUMN name_key TEXT;
ALTER TABLE organizations ADD COLUMN known BOOLEAN;
ALTER TABLE organizations ADD COLUMN canonical_org_id TEXT;   -- the organisation this one is merged into (itself when not)

ALTER TABLE org_aliases ADD COLUMN reason TEXT;               -- why this spelling is this organisation
ALTER TABLE org_aliases ADD COLUMN score DOUBLE;
ALTER TABLE org_aliases ADD COLUMN via TEXT DEFAULT 'resolved'; -- resolved (from a document) | merged (from org_matches)

-- Registry identifiers, never thrown away: CN-USCC (统一社会信用代码), UEI, DUNS, OCDS party ids, eForms CompanyID.
CREATE TABLE IF NOT EXISTS org_identifiers (
    org_id TEXT NOT NULL,             -- the organisation as resolved from the document
    scheme TEXT NOT NULL,
    identifier TEXT NOT NULL,
    doc_id TEXT,                      -- a document that states it
    PRIMARY KEY (scheme, identifier, org_id)
);

-- Every merge of one organisation into another, with its reason and score; rebuilt on each load.
CREATE TABLE IF NOT EXISTS org_matches (
    org_id TEXT NOT NULL,
    matched_org_id TEXT NOT NULL,     -- the canonical organisation (decision merged) or the one kept apart
    reason TEXT NOT NULL,             -- identifier | name_key | transliteration | fuzzy_name | lookup_same | lookup_never
    score DOUBLE,
    decision TEXT NOT NULL,           -- merged | kept_apart
    evidence TEXT,                    -- the two spellings or the shared identifier
    PRIMARY KEY (org_id, matched_org_id, reason)
);

-- Notices: one per notice whatever the number of portals that carry it.
ALTER TABLE notices ALTER published_at TYPE DATE USING try_cast(published_at AS DATE);
ALTER TABLE notices ALTER budget TYPE DECIMAL(38, 4);
ALTER TABLE notices ADD COLUMN budget_usd DECIMAL(38, 2);
ALTER TABLE notices ADD COLUMN procedure_code TEXT;           -- 项目编号 / ocid / procedure id, folded
ALTER TABLE notices ADD COLUMN notice_key TEXT;
ALTER TABLE notices ADD COLUMN additive BOOLEAN;              -- a modification that adds to obligations (US federal)

CREATE TABLE IF NOT EXISTS notice_documents (
    notice_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    source_id TEXT,
    source_url TEXT,
    PRIMARY KEY (notice_id, doc_id)
);

ALTER TABLE awards ALTER amount TYPE DECIMAL(38, 4);
ALTER TABLE awards ALTER amount_usd TYPE DECIMAL(38, 2);
ALTER TABLE awards ALTER date TYPE DATE USING try_cast(date AS DATE);
ALTER TABLE awards ALTER fx_rate_date TYPE DATE USING try_cast(fx_rate_date AS DATE);
ALTER TABLE awards ADD COLUMN fx_source TEXT;                 -- identity | ecb | wb_annual | frb_annual
ALTER TABLE awards ADD COLUMN fx_flag TEXT;                   -- fx_rate_date_far | fx_no_date | fx_no_rate
ALTER TABLE awards ADD COLUMN decision_date DATE;
ALTER TABLE awards ADD COLUMN published_at DATE;
ALTER TABLE awards ADD COLUMN flags TEXT;
ALTER TABLE awards ADD COLUMN document_status TEXT DEFAULT 'active'; -- what its own notice says: active | pending | cancelled | candidate
ALTER TABLE awards ADD COLUMN award_status TEXT DEFAULT 'active'; -- after the lifecycle: the above, or superseded
ALTER TABLE awards ADD COLUMN superseded_by TEXT;             -- the notice whose award replaced this one

ALTER TABLE relationships ALTER date TYPE DATE USING try_cast(date AS DATE);

ALTER TABLE amount_mentions ALTER value TYPE DECIMAL(38, 4);
ALTER TABLE amount_mentions ALTER value_usd TYPE DECIMAL(38, 2);
ALTER TABLE amount_mentions ALTER fx_rate_date TYPE DATE USING try_cast(fx_rate_date AS DATE);
ALTER TABLE amount_mentions ADD COLUMN fx_source TEXT;
ALTER TABLE amount_mentions ADD COLUMN fx_flag TEXT;
ALTER TABLE amount_mentions ADD COLUMN date DATE;
ALTER TABLE amount_mentions ADD COLUMN also_written TEXT;      -- the same figure written another way in the document
ALTER TABLE amount_mentions ADD COLUMN vendor_raw TEXT;
ALTER TABLE amount_mentions ADD COLUMN agency_raw TEXT;
