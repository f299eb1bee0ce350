-- Core tables. Keys are stable hashes from pipeline.normalise, so loads are upserts.
CREATE TABLE IF NOT EXISTS sources (
    source_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    base_url TEXT,
    access TEXT,
    country TEXT
);

CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status TEXT NOT NULL,             -- running, succeeded, flagged, failed
    mode TEXT,                        -- offline | live
    documents_fetched INTEGER,
    documents_parsed INTEGER,
    documents_failed INTEGER,
    counts JSON,                      -- rows per table after the run
    flags JSON                        -- sources that stopped early or fell below expectations
);

CREATE TABLE IF NOT EXISTS run_sources (
    run_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    status TEXT NOT NULL,             -- ok, stopped_early, blocked, below_expectation, failed
    expected_total INTEGER,
    items_listed INTEGER,
    documents_fetched INTEGER,
    documents_new INTEGER,
    skipped_known INTEGER,
    documents_parsed INTEGER,
    documents_failed INTEGER,
    requests INTEGER,
    errors JSON,
    message TEXT,
    PRIMARY KEY (run_id, source_id)
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,          -- sha256 of the body, also its name in the raw store
    source_id TEXT,
    url TEXT NOT NULL,
    kind TEXT,
    fetched_at TIMESTAMP,
    published_at TEXT,
    title TEXT,
    language TEXT,
    content_type TEXT,
    size_bytes BIGINT,
    parser TEXT,
    parser_version TEXT,
    status TEXT                       -- parsed | failed
);

CREATE TABLE IF NOT EXISTS parse_failures (
    doc_id TEXT NOT NULL,
    parser TEXT NOT NULL,
    parser_version TEXT,
    error TEXT NOT NULL,
    url TEXT,
    run_id TEXT,
    PRIMARY KEY (doc_id, parser)
);

CREATE TABLE IF NOT EXISTS organizations (
    org_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_zh TEXT,
    kind TEXT,                        -- vendor, agency, agent, company, other
    country TEXT,
    region TEXT
);

CREATE TABLE IF NOT EXISTS org_aliases (
    alias TEXT NOT NULL,
    org_id TEXT NOT NULL,
    PRIMARY KEY (alias, org_id)
);

CREATE TABLE IF NOT EXISTS notices (
    notice_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    source_id TEXT,
    notice_type TEXT,
    title TEXT,
    project_name TEXT,
    project_code TEXT,
    buyer_org_id TEXT,
    buyer_raw TEXT,
    agent_org_id TEXT,                -- procurement agent: never the buyer
    agent_raw TEXT,
    published_at TEXT,
    region TEXT,
    budget DOUBLE,
    budget_currency TEXT,
    source_url TEXT
);

CREATE TABLE IF NOT EXISTS awards (
    award_id TEXT PRIMARY KEY,
    notice_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    vendor_org_id TEXT,
    agency_org_id TEXT,
    vendor_raw TEXT,
    agency_raw TEXT,
    amount DOUBLE,
    currency TEXT,
    amount_raw TEXT,
    amount_usd DOUBLE,
    fx_rate_date TEXT,                -- the day whose ECB rate gave amount_usd
    date TEXT,
    lot TEXT,
    status TEXT,
    evidence TEXT,
    confidence DOUBLE,
    source_url TEXT
);

CREATE TABLE IF NOT EXISTS relationships (
    relationship_id TEXT PRIMARY KEY,
    vendor_org_id TEXT NOT NULL,
    agency_org_id TEXT NOT NULL,
    vendor_raw TEXT,
    agency_raw TEXT,
    relation TEXT,                    -- supplies, contract, cooperation, project, ..., denial
    negated BOOLEAN,
    doc_id TEXT NOT NULL,
    evidence TEXT,
    confidence DOUBLE,
    method TEXT,
    date TEXT,
    source_url TEXT
);

CREATE TABLE IF NOT EXISTS amount_mentions (
    mention_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    raw TEXT,
    value DOUBLE,
    currency TEXT,
    value_usd DOUBLE,
    fx_rate_date TEXT,
    qualifier TEXT,
    subject TEXT,
    attributed_to TEXT,
    year INTEGER,
    kind TEXT,                        -- contract, estimate, budget, revenue, other
    vendor_org_id TEXT,
    agency_org_id TEXT,
    evidence TEXT,
    confidence DOUBLE,
    source_url TEXT
);
