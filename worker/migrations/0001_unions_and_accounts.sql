-- Unions, people and the audit trail: what every later capability scopes by.

-- The union hierarchy: province → city → district/county → town/street → grassroots.
-- `path` is the materialized chain of ids ('/1/4/9/'), so "this union and every union
-- below it" is one range scan on an index: path >= '/1/4/' AND path < '/1/40'
-- ('0' is the byte after '/'). Staff scopes, lists and reports all use it.
CREATE TABLE unions (
  id                INTEGER PRIMARY KEY,
  -- Stable public code, never reused (e.g. AH-HF-YH for 合肥市瑶海区总工会).
  code              TEXT NOT NULL UNIQUE,
  name              TEXT NOT NULL,
  level             TEXT NOT NULL CHECK (level IN ('province', 'city', 'district', 'street', 'grassroots')),
  -- Grassroots unions are of one of three kinds; the levels above are federations.
  kind              TEXT NOT NULL CHECK (kind IN ('federation', 'enterprise', 'project', 'joint')),
  parent_id         INTEGER REFERENCES unions(id),
  path              TEXT NOT NULL UNIQUE,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- Printed on the QR poster as /join/{join_code}. Separate from `code` so a leaked
  -- poster can be replaced without renaming the union.
  join_code         TEXT NOT NULL UNIQUE,
  -- GB/T 2260 six-digit administrative division code of the area served.
  region_code       TEXT,
  -- Project unions (项目工会) live as long as their construction project.
  project_starts_on TEXT,
  project_ends_on   TEXT,
  -- Where members go when this (project) union closes: 兜底 to a joint union.
  fallback_union_id INTEGER REFERENCES unions(id),
  -- Joint unions of an industry take these trades (JSON array of trade codes); NULL = any trade.
  trades            TEXT,
  address           TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  closed_at         TEXT,
  CHECK ((level = 'grassroots') = (kind <> 'federation')),
  CHECK (kind = 'project' OR (project_starts_on IS NULL AND project_ends_on IS NULL))
);
CREATE INDEX unions_parent ON unions (parent_id);
CREATE INDEX unions_region ON unions (region_code, kind);

-- Workers, and employers' contact people: accounts proven by an SMS code.
-- The phone is the identity; the real name arrives with enrolment.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  phone         TEXT NOT NULL UNIQUE,
  display_name  TEXT,
  -- The language the person chose in the app ('zh-CN' or 'en'), for texts we send them.
  lang          TEXT NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN', 'en')),
  created_at    TEXT NOT NULL,
  last_login_at TEXT
);

-- Union staff. A staff member holds one role at one union and acts for its subtree;
-- only platform admins have no union.
CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('viewer', 'staff', 'union_admin', 'platform_admin')),
  union_id        INTEGER REFERENCES unions(id),
  -- PHC string of the KDF (see docs/SECURITY.md for the parameters and why).
  password_hash   TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_by      INTEGER REFERENCES staff(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  last_login_at   TEXT,
  CHECK ((role = 'platform_admin') = (union_id IS NULL))
);
CREATE INDEX staff_union ON staff (union_id);

-- One pending SMS code per phone number. D1, not KV: the attempt counter must be
-- consistent, or "5 wrong tries" could be exceeded through eventual consistency.
CREATE TABLE otp_challenges (
  phone      TEXT PRIMARY KEY,
  code_hash  TEXT NOT NULL,
  sent_at    TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0
);

-- Token buckets for rate limits (per phone, per IP, per username): one UPSERT per check.
CREATE TABLE rate_limits (
  bucket     TEXT PRIMARY KEY,
  tokens     REAL NOT NULL,
  updated_ms INTEGER NOT NULL
);

-- What staff did: append-only. `union_path` copies the acted-on union's path so a
-- union admin reads the log of their subtree with the same range scan as everything else.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  staff_id    INTEGER NOT NULL,
  staff_name  TEXT NOT NULL,
  union_id    INTEGER,
  union_path  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  before      TEXT,
  after       TEXT,
  ip          TEXT
);
CREATE INDEX audit_log_scope ON audit_log (union_path, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Replays of requests that carried an Idempotency-Key: the first response is kept
-- and returned again; the same key with another body is refused.
CREATE TABLE idempotency_keys (
  owner         TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (owner, key)
);
