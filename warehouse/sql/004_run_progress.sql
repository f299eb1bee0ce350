-- Runs on record while they run: the stage a run reached (a killed run is marked failed with it by
-- the next run), where its extracts went; per source the date window crawled, the newest document
-- date (for staleness) and the bodies fetched again because the raw store had lost them.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS stage TEXT;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS out_dir TEXT;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS message TEXT;
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS window_since TEXT;
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS window_until TEXT;
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS newest_document TEXT;
ALTER TABLE run_sources ADD COLUMN IF NOT EXISTS bodies_refetched INTEGER;
