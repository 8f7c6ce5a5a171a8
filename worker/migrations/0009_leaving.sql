-- Leaving the union (退会) from 我的, and withdrawing the enrolment consent.
--
-- A member chooses the day their membership ends: today, or a later day (at
-- most 90 days ahead, shared::membership::leave). Until then the membership
-- stays active and its card verifies; from that day on every read treats it as
-- ended (shared::membership::leave::status_on), and the hourly housekeeping
-- marks it `ended`, so the one-active-membership indexes free the person again.
-- The reason is a code of shared::membership::LeaveReason
-- ('consent_withdrawn' when consent was withdrawn); the note is the member's
-- own words and is erased with the rest of the registration details.
ALTER TABLE members ADD COLUMN leaving_on TEXT;
ALTER TABLE members ADD COLUMN leave_reason TEXT;
ALTER TABLE members ADD COLUMN leave_note TEXT;
-- The housekeeping's scan for memberships whose leaving day has come.
CREATE INDEX members_leaving ON members (leaving_on) WHERE status = 'active' AND leaving_on IS NOT NULL;
