-- Jobs and gig matching (招工/零工市场): employers, their jobs, workers' job
-- cards, applications, fake-ad reports, staff invitations and job fairs.
--
-- Scoping: an employer belongs to one union (the federation of the area it
-- hires in, or the union whose staff registered it); `union_path` is copied
-- onto the employer and its jobs so every staff list is one range scan on the
-- path, as for stations and enrolment.
--
-- Trades: `trade_mask` holds a bit per trade (shared::jobs::trade_mask), so
-- "has one of these trades" is `(trade_mask & ?) <> 0` — a test on the row, or
-- on the R*Tree's auxiliary column, with no join. The JSON `trades` keeps the
-- order the employer chose.

CREATE TABLE employers (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL,
  -- 统一社会信用代码, normalised (capitals). One registration per company.
  uscc                  TEXT NOT NULL UNIQUE,
  status                TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'suspended')),
  contact_name          TEXT NOT NULL,
  contact_phone         TEXT NOT NULL,
  region_code           TEXT NOT NULL,
  union_id              INTEGER NOT NULL REFERENCES unions(id),
  union_path            TEXT NOT NULL,
  -- Who first verified it, kept when it is later suspended or reinstated (the
  -- page says by whom; the monthly figures count first verifications).
  verified_by_union_id  INTEGER REFERENCES unions(id),
  verified_by           TEXT,
  verified_at           TEXT,
  -- Why staff last changed its status (required when suspending).
  status_note           TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX employers_scope ON employers (union_path, status, id);
CREATE INDEX employers_figures ON employers (union_path, verified_at) WHERE verified_at IS NOT NULL;

-- The accounts (phone sign-in) that act for an employer. The registering
-- account is the first; the contact phone of the form is proven by SMS code.
CREATE TABLE employer_contacts (
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (employer_id, user_id)
) WITHOUT ROWID;
CREATE INDEX employer_contacts_user ON employer_contacts (user_id);

-- Flags staff raise on an employer's public record. Clearing keeps the row.
CREATE TABLE employer_flags (
  id          INTEGER PRIMARY KEY,
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  reason      TEXT NOT NULL CHECK (reason IN ('fake_job', 'wrong_wage', 'charges_fee', 'other')),
  note        TEXT,
  job_id      INTEGER,
  union_id    INTEGER NOT NULL REFERENCES unions(id),
  raised_by   TEXT NOT NULL,
  raised_at   TEXT NOT NULL,
  cleared_at  TEXT,
  cleared_by  TEXT
);
CREATE INDEX employer_flags_employer ON employer_flags (employer_id, id);

CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  employer_id     INTEGER NOT NULL REFERENCES employers(id),
  union_path      TEXT NOT NULL,
  title           TEXT NOT NULL,
  trades          TEXT NOT NULL,
  trade_mask      INTEGER NOT NULL,
  description     TEXT NOT NULL,
  wage_min_fen    INTEGER NOT NULL,
  wage_max_fen    INTEGER NOT NULL,
  wage_unit       TEXT NOT NULL CHECK (wage_unit IN ('hour', 'day', 'month', 'piece')),
  -- The top of the range as a daily wage (NULL for piece rates): the
  -- "highest wage" sort and the minimum-wage filter compare across units.
  daily_max_fen   INTEGER,
  settlement      TEXT NOT NULL CHECK (settlement IN ('daily', 'weekly', 'monthly')),
  headcount       INTEGER NOT NULL,
  lat             REAL NOT NULL,
  lng             REAL NOT NULL,
  district        TEXT NOT NULL,
  starts_on       TEXT NOT NULL,
  ends_on         TEXT,
  working_hours   TEXT NOT NULL,
  board           INTEGER NOT NULL,
  lodging         INTEGER NOT NULL,
  contact_name    TEXT NOT NULL,
  contact_phone   TEXT NOT NULL,
  valid_until     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'live', 'filled', 'expired', 'taken_down')),
  -- When it first went live ("newest" sorts by it, the figures count it); NULL while a draft.
  posted_at       TEXT,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  hires           INTEGER NOT NULL DEFAULT 0
);
-- The public list only ever reads live jobs: partial indexes in each sort order,
-- so a page is a short index walk however many jobs have ended.
CREATE INDEX jobs_live_newest ON jobs (posted_at DESC, id DESC) WHERE status = 'live';
CREATE INDEX jobs_live_wage ON jobs (daily_max_fen DESC, id DESC) WHERE status = 'live';
CREATE INDEX jobs_employer ON jobs (employer_id, id);
CREATE INDEX jobs_scope ON jobs (union_path, id);
-- The monthly figures count jobs by the day they first went live.
CREATE INDEX jobs_figures ON jobs (union_path, posted_at) WHERE posted_at IS NOT NULL;
-- Housekeeping finds live jobs past their last day.
CREATE INDEX jobs_live_until ON jobs (valid_until) WHERE status = 'live';

-- Positions of live jobs, for "nearest" and "within N km": the same R*Tree
-- technique as stations, with the trades riding along so the trade filter
-- never leaves the index. Only live jobs are in it.
CREATE VIRTUAL TABLE jobs_rtree USING rtree(id, min_lat, max_lat, min_lng, max_lng, +trade_mask INTEGER);

-- Chinese full-text search (shared::jobs::text_search). One text per job, in
-- two tokenisations: trigram for terms of 3+ characters, bigrams (as
-- space-separated tokens for unicode61) for 2-character terms like 木工.
-- rowid = jobs.id. Only live jobs are indexed.
CREATE VIRTUAL TABLE jobs_fts USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE jobs_fts_bigram USING fts5(text, tokenize = 'unicode61');

CREATE TABLE job_applications (
  id          INTEGER PRIMARY KEY,
  job_id      INTEGER NOT NULL REFERENCES jobs(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  -- Copied from the job, so staff figures are a range scan.
  union_path  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'contacted', 'hired', 'not_selected', 'withdrawn')),
  applied_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  -- When the employer (or staff) marked the hire: the match (撮合) figure counts these.
  hired_at    TEXT,
  UNIQUE (job_id, user_id)
);
CREATE INDEX job_applications_user ON job_applications (user_id, id);
CREATE INDEX job_applications_job ON job_applications (job_id, id);
CREATE INDEX job_applications_figures ON job_applications (union_path, applied_at);
CREATE INDEX job_applications_hires ON job_applications (union_path, hired_at) WHERE hired_at IS NOT NULL;

-- A worker's job card (求职卡): one per account. Its position is only used to
-- compute distances and is never shown to employers or staff.
CREATE TABLE job_cards (
  id                 INTEGER PRIMARY KEY,
  user_id            INTEGER NOT NULL UNIQUE REFERENCES users(id),
  trades             TEXT NOT NULL,
  trade_mask         INTEGER NOT NULL,
  certificates       TEXT NOT NULL,
  expected_wage_fen  INTEGER NOT NULL,
  expected_wage_unit TEXT NOT NULL,
  areas              TEXT NOT NULL,
  lat                REAL,
  lng                REAL,
  available_from     TEXT NOT NULL,
  visible            INTEGER NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX job_cards_visible ON job_cards (updated_at DESC) WHERE visible = 1;

-- Fake or misleading ads reported by workers: the staff moderation queue.
CREATE TABLE job_reports (
  id          INTEGER PRIMARY KEY,
  job_id      INTEGER NOT NULL REFERENCES jobs(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  union_path  TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('fake_job', 'wrong_wage', 'charges_fee', 'other')),
  note        TEXT,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  created_at  TEXT NOT NULL,
  decided_at  TEXT,
  decided_by  TEXT
);
-- One open report per worker and job: a second tap adds nothing.
CREATE UNIQUE INDEX job_reports_one_open ON job_reports (job_id, user_id) WHERE status = 'open';
CREATE INDEX job_reports_queue ON job_reports (union_path, status, id);

-- Jobs union staff recommended to chosen workers ("notify in the app").
CREATE TABLE job_invitations (
  id         INTEGER PRIMARY KEY,
  job_id     INTEGER NOT NULL REFERENCES jobs(id),
  user_id    INTEGER NOT NULL REFERENCES users(id),
  union_id   INTEGER NOT NULL REFERENCES unions(id),
  invited_by TEXT NOT NULL,
  invited_at TEXT NOT NULL,
  UNIQUE (job_id, user_id)
);
CREATE INDEX job_invitations_user ON job_invitations (user_id, id);

CREATE TABLE job_fairs (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  place       TEXT NOT NULL,
  lat         REAL,
  lng         REAL,
  starts_at   TEXT NOT NULL,
  ends_at     TEXT NOT NULL,
  union_id    INTEGER NOT NULL REFERENCES unions(id),
  union_path  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX job_fairs_calendar ON job_fairs (ends_at, starts_at);
CREATE INDEX job_fairs_scope ON job_fairs (union_path, starts_at);

CREATE TABLE job_fair_employers (
  fair_id     INTEGER NOT NULL REFERENCES job_fairs(id),
  employer_id INTEGER NOT NULL REFERENCES employers(id),
  PRIMARY KEY (fair_id, employer_id)
) WITHOUT ROWID;
CREATE INDEX job_fair_employers_employer ON job_fair_employers (employer_id);
