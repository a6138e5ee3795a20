-- A regional (or district) assembly's own action plan (issue 5 §8: "a regional
-- assembly runs its own sessions and plan"): a plan belongs to a region, NULL for
-- the republic's; the reference plans are the republic's and are not edited.
ALTER TABLE plans ADD COLUMN region TEXT;
ALTER TABLE plans ADD COLUMN created_by TEXT NOT NULL DEFAULT 'reference';
