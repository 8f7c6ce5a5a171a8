-- Union membership (入会): applications, memberships and their history.
--
-- Resident ID numbers are sensitive personal information (PIPL Art. 28). They
-- are never stored in plaintext: `id_number_sealed` is AES-256-GCM with a
-- versioned key from Worker secrets (shared::server::sealed), bound to its row;
-- `id_number_index` is an HMAC (a keyed hash) used only to find the same person
-- twice; `id_number_masked` (110105********002X) is what screens show.

CREATE TABLE applications (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users(id),
  union_id            INTEGER NOT NULL REFERENCES unions(id),
  -- Copy of the union's path, so the review queue of a subtree is one range scan.
  union_path          TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('enrolment', 'transfer')),
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  name                TEXT NOT NULL,
  id_number_sealed    TEXT,
  id_number_index     TEXT,
  id_number_masked    TEXT NOT NULL,
  gender              TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date          TEXT NOT NULL,
  hometown            TEXT NOT NULL,
  employer_or_project TEXT NOT NULL,
  trade               TEXT NOT NULL,
  employment_form     TEXT NOT NULL,
  contact_address     TEXT NOT NULL,
  -- The separate consent to processing sensitive information (PIPL Art. 29).
  consent_version     TEXT NOT NULL,
  consent_at          TEXT NOT NULL,
  -- Transfers: where the member comes from, and why.
  from_union_id       INTEGER REFERENCES unions(id),
  transfer_reason     TEXT,
  submitted_at        TEXT NOT NULL,
  decided_at          TEXT,
  decided_by          TEXT,
  rejection_reason    TEXT
);
-- At most one open application per worker and union.
CREATE UNIQUE INDEX applications_one_open ON applications (user_id, union_id) WHERE status = 'pending';
CREATE INDEX applications_queue ON applications (union_path, status, submitted_at);
CREATE INDEX applications_user ON applications (user_id, submitted_at);

CREATE TABLE members (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users(id),
  union_id            INTEGER NOT NULL REFERENCES unions(id),
  union_path          TEXT NOT NULL,
  -- {union code}-{year}-{seq:06}: shared::membership::MemberNo.
  member_no           TEXT NOT NULL UNIQUE,
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred_out', 'ended')),
  joined_on           TEXT NOT NULL,
  ended_on            TEXT,
  name                TEXT NOT NULL,
  id_number_sealed    TEXT,
  id_number_index     TEXT,
  id_number_masked    TEXT NOT NULL,
  gender              TEXT NOT NULL,
  birth_date          TEXT NOT NULL,
  hometown            TEXT NOT NULL,
  employer_or_project TEXT NOT NULL,
  trade               TEXT NOT NULL,
  employment_form     TEXT NOT NULL,
  contact_address     TEXT NOT NULL,
  application_id      INTEGER REFERENCES applications(id),
  created_at          TEXT NOT NULL
);
-- One active membership per person: by account, and by ID number.
CREATE UNIQUE INDEX members_one_active_user ON members (user_id) WHERE status = 'active';
CREATE UNIQUE INDEX members_one_active_person ON members (id_number_index) WHERE status = 'active';
CREATE INDEX members_scope ON members (union_path, status, joined_on);
CREATE INDEX members_user ON members (user_id);

-- The next member number of each union and year (allocated inside the approval batch).
CREATE TABLE member_sequences (
  union_id INTEGER NOT NULL REFERENCES unions(id),
  year     INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (union_id, year)
) WITHOUT ROWID;

-- A member's history, kept when unions close and members move: the timeline of
-- the member's page and the monthly figures (joined, transfers, closure moves).
CREATE TABLE membership_events (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users(id),
  kind             TEXT NOT NULL CHECK (kind IN ('applied', 'approved', 'rejected', 'withdrawn', 'joined', 'transferred', 'moved_by_closure', 'left')),
  union_id         INTEGER NOT NULL REFERENCES unions(id),
  union_path       TEXT NOT NULL,
  union_name       TEXT NOT NULL,
  other_union_id   INTEGER,
  other_union_name TEXT,
  member_no        TEXT,
  note             TEXT,
  at               TEXT NOT NULL
);
CREATE INDEX membership_events_user ON membership_events (user_id, at);
CREATE INDEX membership_events_figures ON membership_events (union_path, kind, at);
