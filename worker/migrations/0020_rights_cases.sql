-- Rights (维权): wage-arrears complaints and the cases the union follows to
-- money recovered; the calendar the statutory clocks count in; the province
-- thresholds of 拒不支付劳动报酬罪 shown as information.
--
-- Scoping: a case is assigned to the union where the work happened (首问负责,
-- 条例 Art. 10) and carries that union's `path`, so a subtree's queue is one
-- index range on `union_path`.
--
-- Each status change writes a history row keyed (case, version): two staff
-- moving the same case at once aim at the same next version, the second batch
-- fails on that key and is answered 409 (as benefits does).

CREATE TABLE rights_cases (
  id                   INTEGER PRIMARY KEY,
  status               TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'verifying', 'needs_info', 'accepted', 'not_accepted', 'mediating', 'agreed', 'referred', 'recovered', 'follow_up', 'closed')),
  version              INTEGER NOT NULL DEFAULT 1,
  union_id             INTEGER NOT NULL REFERENCES unions(id),
  union_path           TEXT NOT NULL,
  -- Who owes the wages: a verified employer, or a 包工头 by name and phone.
  employer_id          INTEGER REFERENCES employers(id),
  -- The employer's name when filed, or the labour boss's.
  employer_name        TEXT NOT NULL,
  boss_phone           TEXT,
  site_name            TEXT NOT NULL,
  site_address         TEXT NOT NULL,
  main_contractor      TEXT,
  -- Asia/Shanghai dates, both included.
  period_from          TEXT NOT NULL,
  period_to            TEXT NOT NULL CHECK (period_to >= period_from),
  facts                TEXT NOT NULL DEFAULT '',
  filer_user_id        INTEGER NOT NULL REFERENCES users(id),
  -- 需补正: JSON array of what is missing.
  missing              TEXT NOT NULL DEFAULT '[]',
  -- 不予受理: why.
  reason               TEXT,
  accepted_on          TEXT,
  referral_to          TEXT CHECK (referral_to IN ('inspection', 'arbitration', 'legal_aid')),
  referred_on          TEXT,
  referral_accepted_on TEXT,
  satisfaction         TEXT CHECK (satisfaction IN ('satisfied', 'neutral', 'dissatisfied')),
  -- Staff confirmed the employer paid as agreed (按时结清), shown on its page.
  settled_on_time      INTEGER NOT NULL DEFAULT 0,
  -- The earliest statutory clock (shared::rights::clocks) and the day its
  -- warning starts, worked out by the Worker at every change, so the 概览
  -- count and the overdue list are one index range; the case page counts
  -- the clocks afresh.
  next_due_on          TEXT,
  next_warn_on         TEXT,
  closed_at            TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (employer_id IS NOT NULL OR boss_phone IS NOT NULL),
  CHECK ((referral_to IS NULL) = (referred_on IS NULL))
);
CREATE INDEX rights_cases_scope ON rights_cases (union_path, id);
-- The employer page's wage record reads closed cases of one employer.
CREATE INDEX rights_cases_employer ON rights_cases (employer_id, status) WHERE employer_id IS NOT NULL;
-- The clocks run on open cases only.
CREATE INDEX rights_cases_clocks ON rights_cases (union_path, next_warn_on) WHERE next_warn_on IS NOT NULL;

-- One row per worker in a case: their own days, amount, agreement and money.
-- A worker is in a case once.
CREATE TABLE rights_claimants (
  id                 INTEGER PRIMARY KEY,
  case_id            INTEGER NOT NULL REFERENCES rights_cases(id),
  user_id            INTEGER NOT NULL REFERENCES users(id),
  name               TEXT NOT NULL,
  days               INTEGER NOT NULL CHECK (days > 0),
  amount_claimed_fen INTEGER NOT NULL CHECK (amount_claimed_fen > 0),
  still_employed     INTEGER NOT NULL,
  left_on            TEXT,
  is_filer           INTEGER NOT NULL DEFAULT 0,
  representative     INTEGER NOT NULL DEFAULT 0,
  -- 调解成功: the agreed amount and pay-by date for this worker.
  agreed_fen         INTEGER,
  pay_by             TEXT,
  -- 追回: the sum of rights_recoveries, kept here for the views.
  recovered_fen      INTEGER NOT NULL DEFAULT 0,
  recovered_on       TEXT,
  joined_at          TEXT NOT NULL,
  CHECK (still_employed = 1 OR left_on IS NOT NULL)
);
CREATE UNIQUE INDEX rights_claimants_once ON rights_claimants (case_id, user_id);
CREATE INDEX rights_claimants_user ON rights_claimants (user_id);

CREATE TABLE rights_case_events (
  case_id    INTEGER NOT NULL REFERENCES rights_cases(id),
  version    INTEGER NOT NULL,
  action     TEXT,
  status     TEXT NOT NULL,
  note       TEXT,
  by_staff   INTEGER NOT NULL,
  -- A staff id, or the claimant's user id.
  by_id      INTEGER NOT NULL,
  at         TEXT NOT NULL,
  PRIMARY KEY (case_id, version)
);

CREATE TABLE rights_mediation_sessions (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES rights_cases(id),
  held_on    TEXT NOT NULL,
  result     TEXT NOT NULL CHECK (result IN ('agreed', 'continued', 'failed', 'absent')),
  note       TEXT NOT NULL DEFAULT '',
  staff_id   INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX rights_mediation_sessions_case ON rights_mediation_sessions (case_id, held_on);

-- Money recovered, one row per worker and payment (partial payments add up).
CREATE TABLE rights_recoveries (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES rights_cases(id),
  claimant_id  INTEGER NOT NULL REFERENCES rights_claimants(id),
  amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
  paid_on      TEXT NOT NULL,
  staff_id     INTEGER NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX rights_recoveries_claimant ON rights_recoveries (claimant_id);

-- Texts owed to claimants on a status change: written in the change's batch,
-- claimed before sending, retried by the hourly housekeeping.
CREATE TABLE rights_case_notices (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES rights_cases(id),
  claimant_id INTEGER NOT NULL REFERENCES rights_claimants(id),
  version     INTEGER NOT NULL,
  status      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  sent_at     TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (claimant_id, version)
);
CREATE INDEX rights_case_notices_pending ON rights_case_notices (created_at) WHERE sent_at IS NULL;

-- The working-day calendar: public holidays and weekend days worked in
-- exchange (调休). Days not listed follow the week. Editable by platform
-- admins; seeded with the State Council's 2026 schedule
-- (shared::rights::holidays::SCHEDULE_2026 holds the same days, tested).
CREATE TABLE rights_calendar (
  day        TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

INSERT INTO rights_calendar (day, kind, name, updated_at) VALUES
  ('2026-01-01', 'holiday', '元旦', '2026-01-01T00:00:00Z'),
  ('2026-01-02', 'holiday', '元旦', '2026-01-01T00:00:00Z'),
  ('2026-01-03', 'holiday', '元旦', '2026-01-01T00:00:00Z'),
  ('2026-01-04', 'workday', '元旦', '2026-01-01T00:00:00Z'),
  ('2026-02-14', 'workday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-15', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-16', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-17', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-18', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-19', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-20', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-21', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-22', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-23', 'holiday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-02-28', 'workday', '春节', '2026-01-01T00:00:00Z'),
  ('2026-04-04', 'holiday', '清明节', '2026-01-01T00:00:00Z'),
  ('2026-04-05', 'holiday', '清明节', '2026-01-01T00:00:00Z'),
  ('2026-04-06', 'holiday', '清明节', '2026-01-01T00:00:00Z'),
  ('2026-05-01', 'holiday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-05-02', 'holiday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-05-03', 'holiday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-05-04', 'holiday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-05-05', 'holiday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-05-09', 'workday', '劳动节', '2026-01-01T00:00:00Z'),
  ('2026-06-19', 'holiday', '端午节', '2026-01-01T00:00:00Z'),
  ('2026-06-20', 'holiday', '端午节', '2026-01-01T00:00:00Z'),
  ('2026-06-21', 'holiday', '端午节', '2026-01-01T00:00:00Z'),
  ('2026-09-20', 'workday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-09-25', 'holiday', '中秋节', '2026-01-01T00:00:00Z'),
  ('2026-09-26', 'holiday', '中秋节', '2026-01-01T00:00:00Z'),
  ('2026-09-27', 'holiday', '中秋节', '2026-01-01T00:00:00Z'),
  ('2026-10-01', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-02', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-03', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-04', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-05', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-06', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-07', 'holiday', '国庆节', '2026-01-01T00:00:00Z'),
  ('2026-10-10', 'workday', '国庆节', '2026-01-01T00:00:00Z');

-- 拒不支付劳动报酬罪: the province's figures, fen (information on the case
-- page only). 000000 is the national floor of the interpretation's ranges,
-- used where a province has none on file.
CREATE TABLE rights_thresholds (
  province_code  TEXT PRIMARY KEY,
  province_name  TEXT NOT NULL,
  individual_fen INTEGER NOT NULL CHECK (individual_fen > 0),
  collective_fen INTEGER NOT NULL CHECK (collective_fen > 0)
);
INSERT INTO rights_thresholds (province_code, province_name, individual_fen, collective_fen) VALUES
  ('430000', '湖南省', 600000, 4000000),
  ('000000', '全国最低标准', 500000, 3000000);
