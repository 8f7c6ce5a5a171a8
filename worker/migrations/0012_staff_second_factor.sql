-- The staff second factor (docs/SECURITY.md, "Staff sign-in"): an authenticator
-- app's TOTP secret and one-time recovery codes, for staff who can reveal ID numbers.

CREATE TABLE staff_second_factors (
  staff_id       INTEGER PRIMARY KEY REFERENCES staff(id),
  -- The 160-bit TOTP secret, AES-256-GCM sealed like ID numbers, bound to the staff id.
  secret_sealed  TEXT NOT NULL,
  -- NULL until the first code from the app confirms the enrolment.
  confirmed_at   TEXT,
  -- The last 30-second step a code was accepted for: no code counts twice.
  last_step      INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

CREATE TABLE staff_recovery_codes (
  staff_id   INTEGER NOT NULL REFERENCES staff(id),
  -- HMAC-SHA256 (SIGNING_KEY) of the normalised code and the staff id; never the code.
  code_hash  TEXT NOT NULL,
  used_at    TEXT,
  PRIMARY KEY (staff_id, code_hash)
);
