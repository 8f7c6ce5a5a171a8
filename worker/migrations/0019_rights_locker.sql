-- The evidence locker (记工本): a worker's record of the days they worked,
-- kept so that a wage claim has evidence (issue 14; 《民事诉讼证据规定》Art. 94:
-- electronic data a neutral third party recorded at the time is presumed
-- authentic — the union is that party).
--
-- Append-only. A correction is a new row that supersedes an old one; the old
-- row stays. Nothing here is ever updated (trigger below), and rows are
-- deleted only when the account is deleted: that batch first writes a row to
-- `locker_erasures`, which is the only thing the delete trigger lets through,
-- and removes it again at its end.
--
-- The hash chain: each row carries its predecessor's hash and its own,
-- SHA-256 over (prev_hash, the canonical entry, received_at), computed by the
-- Worker (`shared::rights::canonical`, `link_hash`). Two appends racing for
-- the same place in the chain both aim at the same (user_id, seq) and the
-- same (user_id, prev_hash): the second batch fails on the key and the
-- Worker reads the new head and links again, so a chain never forks.
CREATE TABLE locker_entries (
  -- Chosen by the Worker (random, below 2^53) so the attachments can be
  -- linked to it in the same batch as the insert.
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  -- The day worked, Asia/Shanghai.
  date           TEXT NOT NULL,
  project        TEXT NOT NULL,
  address        TEXT NOT NULL,
  -- Only when the worker allowed it.
  lat            REAL,
  lng            REAL,
  -- A verified employer, or a 包工头 by name and number (employer_name is
  -- the employer's name as it was when recorded, for both).
  employer_id    INTEGER,
  employer_name  TEXT NOT NULL,
  boss_phone     TEXT NOT NULL,
  pay_kind       TEXT NOT NULL CHECK (pay_kind IN ('day', 'hour', 'piece')),
  -- Days, hours or units in hundredths.
  quantity_x100  INTEGER NOT NULL CHECK (quantity_x100 > 0),
  rate_fen       INTEGER NOT NULL CHECK (rate_fen >= 0),
  advance_fen    INTEGER NOT NULL CHECK (advance_fen >= 0),
  paid_fen       INTEGER NOT NULL CHECK (paid_fen >= 0),
  note           TEXT NOT NULL,
  -- JSON array of attachment public ids, exactly as hashed.
  attachments    TEXT NOT NULL,
  supersedes_id  INTEGER REFERENCES locker_entries(id),
  supersedes_seq INTEGER,
  received_at    TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  CONSTRAINT locker_one_place UNIQUE (user_id, seq),
  CONSTRAINT locker_one_successor UNIQUE (user_id, prev_hash),
  CHECK ((supersedes_id IS NULL) = (supersedes_seq IS NULL)),
  CHECK (supersedes_seq IS NULL OR supersedes_seq < seq)
);
-- An entry is corrected once; a later correction corrects the correction.
CREATE UNIQUE INDEX locker_corrected_once ON locker_entries (supersedes_id) WHERE supersedes_id IS NOT NULL;
-- A worker's month (the list and the summary) is one range.
CREATE INDEX locker_entries_by_date ON locker_entries (user_id, date);

-- 对工: a co-worker's confirmation of a day, once per co-worker and entry.
CREATE TABLE locker_confirmations (
  id           INTEGER PRIMARY KEY,
  entry_id     INTEGER NOT NULL REFERENCES locker_entries(id),
  -- The co-worker who confirmed (their data too: in their export).
  user_id      INTEGER NOT NULL REFERENCES users(id),
  confirmed_at TEXT NOT NULL,
  CONSTRAINT locker_confirmed_once UNIQUE (entry_id, user_id)
);
CREATE INDEX locker_confirmations_by ON locker_confirmations (user_id);

-- Open only inside an account deletion's batch (see above).
CREATE TABLE locker_erasures (
  erased_user_id INTEGER PRIMARY KEY
);

CREATE TRIGGER locker_entries_no_update BEFORE UPDATE ON locker_entries BEGIN
  SELECT RAISE(ABORT, 'locker entries are append-only');
END;
CREATE TRIGGER locker_entries_no_delete BEFORE DELETE ON locker_entries
  WHEN NOT EXISTS (SELECT 1 FROM locker_erasures WHERE erased_user_id = old.user_id) BEGIN
  SELECT RAISE(ABORT, 'locker entries are append-only');
END;
CREATE TRIGGER locker_confirmations_no_update BEFORE UPDATE ON locker_confirmations BEGIN
  SELECT RAISE(ABORT, 'locker confirmations are append-only');
END;
