-- Benefits (服务与帮扶): programmes unions run for their subtree, the one
-- application form, each application's history, and the texts sent about them.
--
-- Scoping: the running union's `path` is copied onto the programme and onto
-- every application, so a subtree's queue is one index range on `union_path`.
--
-- The budget is never overspent: a decision that commits money (approve, or a
-- scholarship put on 公示) adds its amount and one place to the programme's
-- `committed_*` columns in the same D1 batch that changes the application. The
-- CHECK `benefit_budget_kept` refuses a total above the budget, which fails the
-- whole batch: of two approvals racing for the last ¥2,000 one commits, the
-- other is answered 409 and nothing of it is written.
--
-- Each status change writes a history row keyed (application, version): two
-- staff deciding the same application at once both aim at the same next
-- version, the second batch fails on that key, and it is answered 409.
--
-- No one funded twice: one person (the keyed index of their ID number) once
-- per programme and period, and one child one scholarship per year across the
-- whole tree; a refused application leaves both indexes (a new try is allowed).

CREATE TABLE benefit_programmes (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('hardship', 'medical', 'scholarship', 'seasonal', 'health_check', 'other')),
  campaign           TEXT CHECK (campaign IN ('spring_jobs', 'summer_cool', 'autumn_school', 'winter_warmth')),
  union_id           INTEGER NOT NULL REFERENCES unions(id),
  union_path         TEXT NOT NULL,
  name               TEXT NOT NULL,
  eligibility        TEXT NOT NULL,
  -- JSON array of the documents to bring (plain words).
  required_documents TEXT NOT NULL,
  amount_kind        TEXT NOT NULL CHECK (amount_kind IN ('fixed', 'up_to')),
  amount_fen         INTEGER NOT NULL CHECK (amount_fen > 0),
  -- Asia/Shanghai dates, both days included.
  opens_on           TEXT NOT NULL,
  closes_on          TEXT NOT NULL CHECK (closes_on >= opens_on),
  budget_fen         INTEGER NOT NULL CHECK (budget_fen > 0),
  places             INTEGER NOT NULL CHECK (places > 0),
  committed_fen      INTEGER NOT NULL DEFAULT 0 CHECK (committed_fen >= 0),
  committed_places   INTEGER NOT NULL DEFAULT 0 CHECK (committed_places >= 0),
  paid_fen           INTEGER NOT NULL DEFAULT 0,
  who_may_apply      TEXT NOT NULL CHECK (who_may_apply IN ('members_only', 'members_and_gig_workers')),
  -- GB/T 2260 code of the area whose gig workers may apply.
  region_code        TEXT,
  -- Hardship: the city's 低保, fen per person per month (the self-check's line).
  dibao_fen          INTEGER,
  -- Scholarships: days of public notice before approval.
  notice_days        INTEGER,
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  CONSTRAINT benefit_budget_kept CHECK (committed_fen <= budget_fen AND committed_places <= places)
);
CREATE INDEX benefit_programmes_scope ON benefit_programmes (union_path, id);
-- The workers' list and the open data read only open programmes.
CREATE INDEX benefit_programmes_open ON benefit_programmes (status, closes_on);

CREATE TABLE benefit_applications (
  id                  INTEGER PRIMARY KEY,
  programme_id        INTEGER NOT NULL REFERENCES benefit_programmes(id),
  kind                TEXT NOT NULL,
  -- The programme's union path: whose staff review it.
  union_path          TEXT NOT NULL,
  user_id             INTEGER NOT NULL REFERENCES users(id),
  -- Set when the worker applied as a member (the profile came from it).
  member_id           INTEGER REFERENCES members(id),
  member_union_name   TEXT,
  name                TEXT NOT NULL,
  -- The ID number sealed with the keyring (AAD user:{user_id}), its mask, and
  -- its keyed index (who the person is, for "once per period").
  id_number_sealed    TEXT,
  id_number_masked    TEXT NOT NULL,
  person_index        TEXT NOT NULL,
  -- The year of the programme's window: one application per person and period.
  period              INTEGER NOT NULL,
  -- The kind's own fields as JSON (shared::benefits::ApplicationFacts): masks only.
  facts               TEXT NOT NULL,
  -- Hardship: the bank account sealed (AAD benefit-bank:{user_id}); the mask is in `facts`.
  bank_account_sealed TEXT,
  -- Scholarships: the child's ID sealed, its keyed index and the year.
  child_id_sealed     TEXT,
  child_index         TEXT,
  child_year          INTEGER,
  -- Hardship: the server's own self-check (JSON) and its category.
  self_check          TEXT,
  self_check_category TEXT,
  status              TEXT NOT NULL CHECK (status IN ('submitted', 'reviewing', 'needs_documents', 'public_notice', 'approved', 'rejected', 'paid')),
  version             INTEGER NOT NULL DEFAULT 1,
  amount_fen          INTEGER,
  reason              TEXT,
  -- JSON array while needs_documents.
  documents_requested TEXT,
  notice_ends_on      TEXT,
  paid_fen            INTEGER,
  paid_on             TEXT,
  payment_method      TEXT,
  payment_reference   TEXT,
  -- Hook for the documents module: a JSON array of attachment ids, NULL until it links any.
  attachments         TEXT,
  submitted_at        TEXT NOT NULL,
  decided_at          TEXT,
  updated_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX benefit_once_per_period ON benefit_applications (programme_id, period, person_index) WHERE status <> 'rejected';
CREATE UNIQUE INDEX benefit_child_once_a_year ON benefit_applications (child_index, child_year) WHERE child_index IS NOT NULL AND status <> 'rejected';
CREATE INDEX benefit_applications_queue ON benefit_applications (union_path, status, id);
CREATE INDEX benefit_applications_programme ON benefit_applications (programme_id, status, id);
CREATE INDEX benefit_applications_user ON benefit_applications (user_id, id);

-- Every status change, oldest first; (application, version) is the optimistic lock.
CREATE TABLE benefit_application_events (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES benefit_applications(id),
  version        INTEGER NOT NULL,
  action         TEXT,
  status         TEXT NOT NULL,
  amount_fen     INTEGER,
  note           TEXT,
  documents      TEXT,
  by_kind        TEXT NOT NULL CHECK (by_kind IN ('worker', 'staff')),
  by_id          INTEGER NOT NULL,
  at             TEXT NOT NULL,
  UNIQUE (application_id, version)
);

-- The text owed for each status change; sent right after the change, and
-- retried by the hourly housekeeping when the provider failed.
CREATE TABLE benefit_notices (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES benefit_applications(id),
  version        INTEGER NOT NULL,
  status         TEXT NOT NULL,
  amount_fen     INTEGER,
  -- The documents asked for, or the reason of a refusal.
  detail         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  sent_at        TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  UNIQUE (application_id, version)
);
CREATE INDEX benefit_notices_pending ON benefit_notices (created_at) WHERE sent_at IS NULL;

-- 困难职工档案: a household on file, opened in the batch that approves a
-- hardship application whose self-check found it in hardship; one open file
-- per person (a second approval leaves the open file as it is).
CREATE TABLE benefit_households (
  id               INTEGER PRIMARY KEY,
  application_id   INTEGER NOT NULL UNIQUE REFERENCES benefit_applications(id),
  person_index     TEXT NOT NULL,
  user_id          INTEGER NOT NULL REFERENCES users(id),
  union_id         INTEGER NOT NULL REFERENCES unions(id),
  union_path       TEXT NOT NULL,
  name             TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  category         TEXT NOT NULL CHECK (category IN ('deep', 'relative', 'accident')),
  since            TEXT NOT NULL,
  next_review_on   TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('on_file', 'closed')),
  closed_on        TEXT,
  closing_note     TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX benefit_households_one_open ON benefit_households (person_index) WHERE status = 'on_file';
CREATE INDEX benefit_households_scope ON benefit_households (union_path, status, id);
