-- Job fairs are edited and cancelled after they are announced. A cancelled
-- fair is kept (not deleted): workers who saw it in the calendar must find it
-- marked 已取消 with the reason, not gone without a word. `updated_at` says
-- when staff last changed it.
ALTER TABLE job_fairs ADD COLUMN cancelled_at TEXT;
ALTER TABLE job_fairs ADD COLUMN cancel_reason TEXT;
ALTER TABLE job_fairs ADD COLUMN updated_at TEXT;
