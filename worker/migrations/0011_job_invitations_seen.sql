-- When the worker first saw each invitation staff sent (job_invitations, 0004).
-- NULL until the worker opens 为我推荐 (/jobs/matches): the badge on 找活 counts
-- the invitations to open jobs that are still NULL, so a returning worker learns
-- that the union picked work for them. Set once, by the worker's own request
-- (POST /api/job-invitations/seen), never by staff.
ALTER TABLE job_invitations ADD COLUMN seen_at TEXT;
