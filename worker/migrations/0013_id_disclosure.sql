-- Issue 12, items 1 and 14: what is kept beside a sealed ID number, and
-- versioned blind-index keys.
--
-- The mask used to show digits 1–6 and 15–18 (110105********002X) and the full
-- birth date stood beside it, so mask + birth date were the whole number. Now
-- the mask shows only the address code (110105************), and only the birth
-- YEAR is kept: with the gender that leaves every day of the year times 500
-- sequences, ≥ 10,000 candidates (shared::membership::disclosure). Existing
-- rows: the year is taken from the date, the date dropped, the mask re-made
-- from its first 6 characters. An erased row (mask '') stays erased.
--
-- `id_index_version` is the blind-index key version (ID_HMAC_KEY_V{n}) the
-- row's `id_number_index` was computed under. Every index so far was made with
-- ID_HMAC_KEY, which is version 1.
--
-- The idempotency table held an unkeyed SHA-256 of each request body, which for
-- an enrolment contains the ID number: a copy of D1 could test guesses against
-- it. Fingerprints are now keyed (HMAC); the old rows (kept one day at most)
-- are deleted.

ALTER TABLE applications ADD COLUMN birth_year INTEGER;
UPDATE applications SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER) WHERE length(birth_date) >= 4;
ALTER TABLE applications DROP COLUMN birth_date;
UPDATE applications SET id_number_masked = substr(id_number_masked, 1, 6) || '************' WHERE id_number_masked <> '';
ALTER TABLE applications ADD COLUMN id_index_version INTEGER NOT NULL DEFAULT 1;

ALTER TABLE members ADD COLUMN birth_year INTEGER;
UPDATE members SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER) WHERE length(birth_date) >= 4;
ALTER TABLE members DROP COLUMN birth_date;
UPDATE members SET id_number_masked = substr(id_number_masked, 1, 6) || '************' WHERE id_number_masked <> '';
ALTER TABLE members ADD COLUMN id_index_version INTEGER NOT NULL DEFAULT 1;

-- Housekeeping finds rows under an old key or index version without a scan.
CREATE INDEX applications_key_versions ON applications (id_index_version, id_number_sealed) WHERE id_number_sealed IS NOT NULL;
CREATE INDEX members_key_versions ON members (id_index_version, id_number_sealed) WHERE id_number_sealed IS NOT NULL;

DELETE FROM idempotency_keys;
