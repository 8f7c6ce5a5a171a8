-- Training (技能培训): courses and skills competitions, their sessions,
-- sign-ups with a waitlist, attendance, certificates, and the texts sent
-- about them. (0005–0007 are kept for other capabilities.)
--
-- Scoping: as everywhere, the organising union's `path` is copied onto the
-- course and onto every row staff list or count (sign-ups, attendance,
-- certificates), so a subtree's roster or monthly figure is one index range
-- on `union_path` without a join. Union paths never change.
--
-- Counting places: D1 runs one statement at a time, so each decision that
-- depends on how many places are taken (a sign-up, a promotion) is a single
-- INSERT … SELECT or UPDATE … WHERE whose condition counts the places. Two
-- workers signing up for the last place, or two trainees cancelling at once,
-- can then never overfill a course or promote the same person twice.

CREATE TABLE training_courses (
  id               INTEGER PRIMARY KEY,
  -- A competition shares the frame: one session (the event) and a rank at the end.
  kind             TEXT NOT NULL CHECK (kind IN ('course', 'competition')),
  union_id         INTEGER NOT NULL REFERENCES unions(id),
  union_path       TEXT NOT NULL,
  title            TEXT NOT NULL,
  trade            TEXT NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('basic', 'level_5', 'level_4', 'level_3', 'level_2', 'level_1')),
  places           INTEGER NOT NULL CHECK (places BETWEEN 1 AND 1000),
  -- Asia/Shanghai dates, both days included.
  signup_opens_on  TEXT NOT NULL,
  signup_closes_on TEXT NOT NULL CHECK (signup_closes_on >= signup_opens_on),
  eligibility      TEXT NOT NULL CHECK (eligibility IN ('members_only', 'open')),
  -- What a trainee pays, in fen: 0 free, more a subsidised fee.
  fee_fen          INTEGER NOT NULL CHECK (fee_fen BETWEEN 0 AND 1000000),
  -- 课时达标率 needed to pass (courses).
  pass_percent     INTEGER NOT NULL CHECK (pass_percent BETWEEN 0 AND 100),
  description      TEXT NOT NULL,
  -- Derived from the sessions and rewritten with them in the same batch: the
  -- lists show hours and dates, and the hours-met rule needs the total, without
  -- reading every session.
  hours            INTEGER NOT NULL,
  starts_on        TEXT NOT NULL,
  ends_on          TEXT NOT NULL,
  -- Where "courses near me" measures from (the first session's place with a position).
  lat              REAL,
  lng              REAL,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX training_courses_scope ON training_courses (union_path, id);
-- The workers' list reads only courses whose sign-up is still open.
CREATE INDEX training_courses_open ON training_courses (signup_closes_on, signup_opens_on);

-- One row per class (or a competition's event). Times are Asia/Shanghai
-- wall-clock (`date`, `starts_clock`, `ends_clock`, as staff entered them) and
-- the same instants in UTC (`starts_at`, `ends_at`) for the reminder query
-- and the check-in window.
CREATE TABLE training_sessions (
  id           INTEGER PRIMARY KEY,
  course_id    INTEGER NOT NULL REFERENCES training_courses(id),
  date         TEXT NOT NULL,
  starts_clock TEXT NOT NULL,
  ends_clock   TEXT NOT NULL,
  starts_at    TEXT NOT NULL,
  ends_at      TEXT NOT NULL CHECK (ends_at > starts_at),
  -- 课时 this session counts.
  hours        INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 12),
  -- A union station, or an address (with a position when staff know it).
  station_id   INTEGER REFERENCES stations(id),
  address      TEXT,
  lat          REAL,
  lng          REAL,
  CHECK ((station_id IS NULL) <> (address IS NULL))
);
CREATE INDEX training_sessions_course ON training_sessions (course_id, starts_at);
-- The hourly housekeeping finds the sessions starting within a day.
CREATE INDEX training_sessions_starts ON training_sessions (starts_at);

-- Sign-ups. One row per worker and course; cancelling keeps the row (the
-- figures and the roster's count need it) and signing up again reuses it at
-- the end of the queue.
CREATE TABLE training_enrolments (
  id           INTEGER PRIMARY KEY,
  course_id    INTEGER NOT NULL REFERENCES training_courses(id),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  union_path   TEXT NOT NULL,
  -- The real name the certificate will carry (not every trainee is a member
  -- whose name the union already has).
  name         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'cancelled')),
  -- The waitlist is served in this order: each sign-up takes one more than the
  -- course's highest, so a worker who cancels and comes back goes to the end.
  queue_no     INTEGER NOT NULL,
  signed_up_at TEXT NOT NULL,
  -- When the place was given (at sign-up, or on promotion): the "enrolled" figure.
  enrolled_at  TEXT,
  promoted_at  TEXT,
  cancelled_at TEXT,
  outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'passed', 'failed', 'placed')),
  rank         INTEGER,
  note         TEXT,
  assessed_at  TEXT,
  assessed_by  TEXT,
  updated_at   TEXT NOT NULL,
  UNIQUE (course_id, user_id)
);
CREATE INDEX training_enrolments_queue ON training_enrolments (course_id, status, queue_no);
CREATE INDEX training_enrolments_user ON training_enrolments (user_id, id);
CREATE INDEX training_enrolments_enrolled ON training_enrolments (union_path, enrolled_at) WHERE status = 'enrolled';
CREATE INDEX training_enrolments_completed ON training_enrolments (union_path, assessed_at) WHERE outcome IN ('passed', 'placed');

-- Attendance: the primary key is what "counted once per session" means; a
-- second scan or a staff mark on top of a scan changes nothing. `method` says
-- how it was taken (the traceable record subsidised training needs).
CREATE TABLE training_attendance (
  session_id   INTEGER NOT NULL REFERENCES training_sessions(id),
  enrolment_id INTEGER NOT NULL REFERENCES training_enrolments(id),
  union_path   TEXT NOT NULL,
  method       TEXT NOT NULL CHECK (method IN ('qr', 'staff')),
  at           TEXT NOT NULL,
  -- `staff:{id}` for a mark by hand.
  marked_by    TEXT,
  PRIMARY KEY (session_id, enrolment_id)
) WITHOUT ROWID;
CREATE INDEX training_attendance_enrolment ON training_attendance (enrolment_id);
CREATE INDEX training_attendance_figures ON training_attendance (union_path, at);

-- Certificates (结业证书). The course's facts are copied in at issue, so editing
-- or renaming a course later never changes a certificate already printed, and
-- verifying one is a single-row read by its serial.
CREATE TABLE training_certificates (
  id            INTEGER PRIMARY KEY,
  -- GYPX-{year}-{id:06} (shared::training::serial).
  serial        TEXT NOT NULL UNIQUE,
  enrolment_id  INTEGER NOT NULL REFERENCES training_enrolments(id),
  course_id     INTEGER NOT NULL REFERENCES training_courses(id),
  user_id       INTEGER NOT NULL REFERENCES users(id),
  union_path    TEXT NOT NULL,
  name          TEXT NOT NULL,
  holder_name   TEXT NOT NULL,
  kind          TEXT NOT NULL,
  course_title  TEXT NOT NULL,
  trade         TEXT NOT NULL,
  -- One bit (shared::jobs::trade_mask): the job-matching pool finds cards whose
  -- holder is certified in a job's trades without decoding the code.
  trade_mask    INTEGER NOT NULL,
  level         TEXT NOT NULL,
  starts_on     TEXT NOT NULL,
  ends_on       TEXT NOT NULL,
  hours         INTEGER NOT NULL,
  rank          INTEGER,
  organiser     TEXT NOT NULL,
  issued_on     TEXT NOT NULL,
  issued_at     TEXT NOT NULL,
  issued_by     TEXT NOT NULL,
  -- Withdrawn in error: the QR code then says so, and matching stops using it.
  revoked_at    TEXT,
  revoked_by    TEXT,
  revoke_reason TEXT
);
-- One valid certificate per sign-up: issuing a course twice adds nothing.
CREATE UNIQUE INDEX training_certificates_one ON training_certificates (enrolment_id) WHERE revoked_at IS NULL;
-- The job card reads a worker's certificates.
CREATE INDEX training_certificates_user ON training_certificates (user_id) WHERE revoked_at IS NULL;
CREATE INDEX training_certificates_course ON training_certificates (course_id, id);
CREATE INDEX training_certificates_figures ON training_certificates (union_path, issued_at);

-- Texts to trainees: "you have a place now" after a promotion, and the
-- reminder before each session. A row is written in the same batch as the
-- change that calls for it and sent afterwards; `sent_at` is claimed before
-- sending, so the request and the hourly housekeeping never both send one.
-- The unique key makes each text exist once: per promotion (`ref` = its time)
-- and per session (`ref` = the session id).
CREATE TABLE training_notices (
  id           INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES training_enrolments(id),
  kind         TEXT NOT NULL CHECK (kind IN ('promoted', 'reminder')),
  ref          TEXT NOT NULL,
  session_id   INTEGER REFERENCES training_sessions(id),
  created_at   TEXT NOT NULL,
  sent_at      TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (enrolment_id, kind, ref)
);
CREATE INDEX training_notices_pending ON training_notices (created_at) WHERE sent_at IS NULL;
