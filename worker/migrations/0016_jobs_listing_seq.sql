-- The listing sequence: a number each job gets once, when it first goes live
-- (with `posted_at`), one more than any before. The full-text indexes are keyed
-- by it (rowid = listing_seq), so "newest first" is "highest rowid first" inside
-- the index: a text search for a common trade walks the index from the top and
-- stops after a page, instead of reading every match to sort them.
ALTER TABLE jobs ADD COLUMN listing_seq INTEGER;

-- Jobs already published, in the order "newest" sorts them (posted_at, then id).
UPDATE jobs SET listing_seq = r.seq
  FROM (SELECT id, row_number() OVER (ORDER BY posted_at, id) AS seq FROM jobs WHERE posted_at IS NOT NULL) AS r
  WHERE r.id = jobs.id;

CREATE INDEX jobs_listing_seq ON jobs (listing_seq) WHERE listing_seq IS NOT NULL;

-- Stamped in the statement that first sets posted_at, so every writer gets it.
CREATE TRIGGER jobs_listing_seq_insert AFTER INSERT ON jobs
  WHEN new.posted_at IS NOT NULL AND new.listing_seq IS NULL BEGIN
  UPDATE jobs SET listing_seq = (SELECT coalesce(max(listing_seq), 0) + 1 FROM jobs) WHERE id = new.id;
END;
CREATE TRIGGER jobs_listing_seq_posted AFTER UPDATE OF posted_at ON jobs
  WHEN new.posted_at IS NOT NULL AND new.listing_seq IS NULL BEGIN
  UPDATE jobs SET listing_seq = (SELECT coalesce(max(listing_seq), 0) + 1 FROM jobs) WHERE id = new.id;
END;

-- Re-key the two full-text indexes from jobs.id to jobs.listing_seq.
CREATE TABLE jobs_fts_rekey (seq INTEGER PRIMARY KEY, text TEXT NOT NULL);
INSERT INTO jobs_fts_rekey (seq, text)
  SELECT j.listing_seq, f.text FROM jobs_fts f JOIN jobs j ON j.id = f.rowid WHERE j.listing_seq IS NOT NULL;
DROP TABLE jobs_fts;
CREATE VIRTUAL TABLE jobs_fts USING fts5(text, tokenize = 'trigram');
INSERT INTO jobs_fts (rowid, text) SELECT seq, text FROM jobs_fts_rekey;
DELETE FROM jobs_fts_rekey;
INSERT INTO jobs_fts_rekey (seq, text)
  SELECT j.listing_seq, f.text FROM jobs_fts_bigram f JOIN jobs j ON j.id = f.rowid WHERE j.listing_seq IS NOT NULL;
DROP TABLE jobs_fts_bigram;
CREATE VIRTUAL TABLE jobs_fts_bigram USING fts5(text, tokenize = 'unicode61');
INSERT INTO jobs_fts_bigram (rowid, text) SELECT seq, text FROM jobs_fts_rekey;
DROP TABLE jobs_fts_rekey;
