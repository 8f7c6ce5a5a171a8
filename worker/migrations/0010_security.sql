-- Security fixes of issue 12.
--
-- Rate-limit buckets live until they are full again. Housekeeping used to
-- delete buckets idle for an hour, so a daily cap (30 applications a day)
-- refilled every hour. `full_ms` is when the bucket will have refilled
-- completely (a missing bucket and a full one mean the same); housekeeping
-- deletes only buckets past it. Buckets written before this migration get a
-- day, the longest window any limit has.
ALTER TABLE rate_limits ADD COLUMN full_ms INTEGER NOT NULL DEFAULT 0;
UPDATE rate_limits SET full_ms = updated_ms + 86400000;
CREATE INDEX rate_limits_full ON rate_limits (full_ms);
