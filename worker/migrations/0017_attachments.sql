-- Attachments: photos and PDFs that go with another capability's record (a
-- receipt with a benefit application, a site photo with a wage complaint).
-- The file itself is in R2 (binding ATTACHMENTS), sealed with the ID-number
-- keyring (AES-256-GCM, the row's public id as associated data); this row says
-- whose it is and which record holds it.
--
-- A worker uploads first: the row then has no capability, subject or union.
-- The capability links it when its form is submitted, in its own D1 batch,
-- copying the record's union path so staff scope checks need no join into
-- each capability's tables. Unlinked rows older than a day are removed with
-- their objects by the hourly housekeeping.
CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  -- In URLs: 256 random bits (base64url), so a link cannot be guessed or counted.
  public_id     TEXT NOT NULL UNIQUE,
  owner_user_id INTEGER NOT NULL REFERENCES users(id),
  -- The capability's name ('benefits', 'rights', …) and its record's id.
  capability    TEXT,
  subject_id    INTEGER,
  -- The record's union (unions.path) at linking; staff whose scope contains it may read.
  union_path    TEXT,
  -- Read from the file's first bytes, never from the client.
  content_type  TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  -- Of the plaintext file.
  bytes         INTEGER NOT NULL CHECK (bytes > 0 AND bytes <= 5242880),
  -- SHA-256 of the sealed object in R2 (an integrity check of what was stored).
  -- Not of the plaintext: that would let anyone with a copy of D1 confirm
  -- whether a person uploaded a file they can guess.
  sha256        TEXT NOT NULL,
  r2_key        TEXT NOT NULL UNIQUE,
  -- The keyring version the object is sealed under, so re-sealing can find old ones.
  key_version   INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  linked_at     TEXT,
  -- Linked means all three, and a time; unlinked means none.
  CHECK ((capability IS NULL) = (subject_id IS NULL)),
  CHECK ((capability IS NULL) = (linked_at IS NULL)),
  CHECK ((capability IS NULL) = (union_path IS NULL))
);

-- A record's files, and a person's (export, deletion, the daily cap).
CREATE INDEX attachments_subject ON attachments (capability, subject_id) WHERE capability IS NOT NULL;
CREATE INDEX attachments_owner ON attachments (owner_user_id);
-- The housekeeping's walk over unlinked uploads, oldest first.
CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE capability IS NULL;
-- Stale key versions for re-sealing.
CREATE INDEX attachments_key_version ON attachments (key_version);

-- A file belongs to one record for good: linking it again elsewhere aborts
-- the whole batch, even when two submissions race past their checks.
CREATE TRIGGER attachments_link_once BEFORE UPDATE OF capability, subject_id ON attachments
  WHEN old.capability IS NOT NULL
   AND (new.capability IS NOT old.capability OR new.subject_id IS NOT old.subject_id) BEGIN
  SELECT RAISE(ABORT, 'attachment already linked elsewhere');
END;
