// Jobs and gig matching against the real Worker: employer registration and
// verification, Chinese search (2-character trades too), filters and seek
// pages, the contact phone only after applying, job cards and matches,
// hires counted as matches, fake-ad moderation, fairs, expiry.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { freshIp, housekeeping, logMark, smsCode, sql, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { day, employerBody, jobBody, liveJob, north, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";

const key = () => `jobs-${uid()}-${uid()}`;
const idem = () => ({ headers: { "idempotency-key": key() } });
let t, admin, other;

before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
  // Staff of a district elsewhere (天全县总工会).
  other = await staff({ role: "union_admin", unionId: 14 });
});

/** The ids of `path`'s jobs. */
async function ids(client, path) {
  const r = await client.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body.jobs.map((j) => j.id);
}

test("an employer registers with a code for its contact phone, waits for verification, then its draft goes live", async () => {
  const w = await worker();
  const bad = await w.post("/api/employers", employerBody({ uscc: "91340102MA2T5K8L13", region_code: "3401" }), idem());
  assert.equal(bad.status, 422);
  assert.match(bad.body.error.fields.uscc, /校验码/);
  assert.match(bad.body.error.fields.region_code, /6位数字/);

  // A contact phone other than the account's own must be proven by a code.
  const body = employerBody();
  const noCode = await w.post("/api/employers", body, idem());
  assert.equal(noCode.status, 422);
  assert.match(noCode.body.error.fields.code, /验证码/);
  const mark = logMark();
  assert.equal((await new Client({ ip: freshIp() }).post("/api/auth/otp", { phone: body.contact_phone })).status, 204);
  const code = await smsCode(body.contact_phone, { after: mark });
  const wrong = await w.post("/api/employers", { ...body, code: code === "000000" ? "111111" : "000000" }, idem());
  assert.equal(wrong.status, 422);
  assert.match(wrong.body.error.fields.code, /不对/);
  const k = key();
  const made = await w.post("/api/employers", { ...body, code }, { headers: { "idempotency-key": k } });
  assert.equal(made.status, 200, made.text);
  const employer = made.body.employer;
  assert.equal(employer.status, "pending");
  assert.equal(employer.union.name, "瑶海区总工会", "340102 is looked after by the district's federation");
  assert.equal(employer.contact_phone, body.contact_phone, "the contact sees its own phone");
  const replay = await w.post("/api/employers", { ...body, code }, { headers: { "idempotency-key": k } });
  assert.equal(replay.body.employer.id, employer.id, "a retried registration is the same registration");
  const second = await worker();
  const again = await second.post("/api/employers", employerBody({ uscc: body.uscc, contact_phone: second.phone }), idem());
  assert.equal(again.status, 409, again.text);
  assert.match(again.body.error.fields.uscc, /已经登记过/);

  // Posted while pending: a draft nobody else sees.
  const posted = await w.post(`/api/employers/${employer.id}/jobs`, jobBody({ title: `待核实木工${uid()}` }), idem());
  assert.equal(posted.status, 200, posted.text);
  const job = posted.body.job;
  assert.equal(job.status, "draft");
  assert.equal(job.contact.phone.length, 11, "the employer sees its own contact phone");
  assert.equal((await new Client().get(`/api/jobs/${job.id}`)).status, 404);
  assert.ok(!(await ids(new Client(), `/api/jobs?employer_id=${employer.id}`)).includes(job.id));
  const early = await w.post(`/api/employers/${employer.id}/jobs/${job.id}/status`, { status: "live" });
  assert.equal(early.status, 422);
  assert.match(early.body.error.fields.status, /核实/);
  // Another account cannot act for it.
  assert.equal((await (await worker()).get(`/api/employers/${employer.id}/jobs`)).status, 404);

  // Staff elsewhere cannot see it; staff of 瑶海区总工会 (the seed's union 3) verify it.
  assert.equal((await other.get(`/api/admin/employers/${employer.id}`)).status, 404);
  const yaohai = await staff({ role: "staff", unionId: 3 });
  const queue = await yaohai.get("/api/admin/employers?status=pending");
  assert.ok(queue.body.employers.some((e) => e.id === employer.id));
  const suspendBare = await yaohai.post(`/api/admin/employers/${employer.id}/status`, { status: "suspended" });
  assert.equal(suspendBare.status, 422, "suspending needs a note");
  const verified = await yaohai.post(`/api/admin/employers/${employer.id}/status`, { status: "verified", note: "营业执照已核对" });
  assert.equal(verified.status, 200, verified.text);
  assert.equal(verified.body.employer.verified_by.name, "瑶海区总工会");
  const live = await new Client().get(`/api/jobs/${job.id}`);
  assert.equal(live.status, 200);
  assert.equal(live.body.job.status, "live", "the waiting draft went live with the verification");
  assert.ok(await (await ids(new Client(), `/api/jobs?employer_id=${employer.id}`)).includes(job.id));
  const page = await new Client().get(`/api/employers/${employer.id}`);
  assert.equal(page.body.employer.jobs_posted, 1);
  assert.equal(page.body.employer.contact_phone, undefined, "the public record has no phone");
});

test("search finds 2-character trades (木工, 电焊) and longer terms, and bad queries are a 422", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const marker = uid();
  const carpenter = await liveJob(admin, e.id, { title: `招木工${marker}` });
  const welder = await liveJob(admin, e.id, { title: `急招电焊工${marker}`, trades: ["welder"], description: "二保焊,持证上岗" });
  const rebar = await liveJob(admin, e.id, { title: `钢筋工${marker}`, trades: ["rebar_worker"] });
  const found = (q) => ids(new Client(), `/api/jobs?employer_id=${e.id}&q=${encodeURIComponent(q)}`);
  assert.deepEqual(await found("木工"), [carpenter.id]);
  assert.deepEqual(await found("电焊"), [welder.id]);
  assert.deepEqual(await found("钢筋工"), [rebar.id]);
  assert.deepEqual(await found("二保焊"), [welder.id], "the description counts");
  assert.deepEqual((await found("瑶海区")).sort(), [carpenter.id, welder.id, rebar.id].sort(), "so does the district");
  assert.deepEqual(await found("木工 电焊"), [], "every word must match");
  assert.deepEqual(await found(`"木工" OR 1=1`), [carpenter.id], "FTS syntax typed in is only text");
  for (const [q, field] of [["q=焊", "q"], ["trade=astronaut", "trade"], ["lat=95&lng=117", "lat"], ["sort=nearest", "sort"], ["radius_km=5", "radius_km"], ["cursor=zz", "cursor"], ["min_wage=-1", "min_wage"]]) {
    const r = await new Client().get(`/api/jobs?${q}`);
    assert.equal(r.status, 422, `${q}: ${r.text}`);
    assert.ok(r.body.error.fields[field], `${q} names ${field}`);
  }
  const en = await new Client({ lang: "en" }).get("/api/jobs?q=焊");
  assert.match(en.body.error.fields.q, /two characters/);
});

test("filters, sorts and seek pages: nearest first without repeats or gaps, wages across units", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const far = { lat: 30.2, lng: 120.1 }; // 杭州: nobody else posts here
  const made = [];
  for (const [km, wage, unit] of [[0.5, 300, "day"], [1.2, 8000, "month"], [2.5, 40, "hour"], [4, 350, "day"], [9, 250, "day"], [20, 500, "day"]]) {
    made.push(await liveJob(admin, e.id, { at: north(km, far), wage_min_fen: wage * 100, wage_max_fen: wage * 100, wage_unit: unit, settlement: unit === "month" ? "monthly" : "daily" }));
  }
  const gig = await liveJob(admin, e.id, { at: north(2.8, far), trades: ["labourer"], starts_on: day(0), ends_on: day(1), valid_until: day(1) });
  const later = await liveJob(admin, e.id, { at: north(3.5, far), trades: ["labourer"], starts_on: day(5) });
  const near = `lat=${far.lat}&lng=${far.lng}`;

  // Nearest, two at a time, to the end: every job exactly once, in distance order.
  let seen = [];
  let cursor = "";
  for (let i = 0; i < 10; i++) {
    const r = await new Client().get(`/api/jobs?${near}&employer_id=${e.id}&limit=2${cursor}`);
    assert.equal(r.status, 200, r.text);
    seen.push(...r.body.jobs);
    if (!r.body.meta.next_cursor) break;
    cursor = `&cursor=${r.body.meta.next_cursor}`;
  }
  assert.equal(seen.length, 8);
  assert.equal(new Set(seen.map((j) => j.id)).size, 8);
  const d = seen.map((j) => j.distance_m);
  assert.deepEqual(d, [...d].sort((a, b) => a - b), "nearest first");
  assert.ok(Math.abs(d[0] - 500) < 20, `${d[0]} m`);

  const within = await ids(new Client(), `/api/jobs?${near}&employer_id=${e.id}&radius_km=3`);
  assert.deepEqual(within.sort(), [made[0].id, made[1].id, made[2].id, gig.id].sort());
  // 8000/month is 308/day; 40/hour is 320/day: the daily equivalent decides.
  const paid = await ids(new Client(), `/api/jobs?employer_id=${e.id}&trade=carpenter&min_wage=30500&sort=highest_wage`);
  assert.deepEqual(paid, [made[5].id, made[3].id, made[2].id, made[1].id]);
  assert.deepEqual(await ids(new Client(), `/api/jobs?employer_id=${e.id}&settlement=monthly`), [made[1].id]);
  const today = await ids(new Client(), `/api/jobs?employer_id=${e.id}&starts_today=true&trade=labourer`);
  assert.deepEqual(today, [gig.id], "a gig one can start today, not one starting in 5 days");
  assert.ok(!today.includes(later.id));
  const newest = await ids(new Client(), `/api/jobs?employer_id=${e.id}&limit=50`);
  assert.equal(newest[0], later.id, "newest first by default");
  // A cursor made for one sort is not accepted for another.
  const first = await new Client().get(`/api/jobs?${near}&employer_id=${e.id}&limit=2`);
  const mixed = await new Client().get(`/api/jobs?employer_id=${e.id}&sort=newest&cursor=${first.body.meta.next_cursor}`);
  assert.equal(mixed.status, 422);
});

test("the contact phone is hidden until a signed-in worker applies; applying twice is one application", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, e.id);
  const anon = await new Client().get(`/api/jobs/${job.id}`);
  assert.equal(anon.body.job.contact.phone, undefined);
  assert.equal(anon.body.job.contact.name, "王师傅");
  assert.equal((await new Client().post(`/api/jobs/${job.id}/applications`, undefined, idem())).status, 401);
  const w = await worker();
  assert.equal((await w.get(`/api/jobs/${job.id}`)).body.job.contact.phone, undefined);
  const k = key();
  const applied = await w.post(`/api/jobs/${job.id}/applications`, undefined, { headers: { "idempotency-key": k } });
  assert.equal(applied.status, 200, applied.text);
  assert.equal(applied.body.application.status, "applied");
  const replay = await w.post(`/api/jobs/${job.id}/applications`, undefined, { headers: { "idempotency-key": k } });
  assert.equal(replay.body.application.id, applied.body.application.id);
  const twice = await w.post(`/api/jobs/${job.id}/applications`, undefined, idem());
  assert.equal(twice.status, 409);
  const seen = await w.get(`/api/jobs/${job.id}`);
  assert.equal(seen.body.job.contact.phone.length, 11);
  assert.equal(seen.body.job.my_application, "applied");
  const mine = await w.get("/api/job-applications");
  assert.equal(mine.body.applications.filter((a) => a.job.id === job.id).length, 1);
  // Withdrawn is final for the worker.
  const out = await w.post(`/api/job-applications/${applied.body.application.id}/withdraw`);
  assert.equal(out.body.application.status, "withdrawn");
  assert.equal((await w.post(`/api/job-applications/${applied.body.application.id}/withdraw`)).status, 422);
  assert.equal((await (await worker()).post(`/api/job-applications/${applied.body.application.id}/withdraw`)).status, 404, "not someone else's");
});

test("a job card gets ranked matches with plain reasons; staff see candidates and invite them", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const spot = { lat: 29.5, lng: 106.5 }; // 重庆: only this test's jobs
  const same = await liveJob(admin, e.id, { at: north(3, spot), title: `木工${uid()}`, wage_min_fen: 32000, wage_max_fen: 38000 });
  const related = await liveJob(admin, e.id, { at: north(1, spot), title: `瓦工${uid()}`, trades: ["mason"] });
  const w = await worker();
  assert.equal((await w.get("/api/job-card")).status, 404);
  const bad = await w.put("/api/job-card", { trades: [], expected_wage_fen: 5, expected_wage_unit: "month", available_from: day(0), visible: true });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.fields.trades && bad.body.error.fields.expected_wage_fen);
  const card = { trades: [{ trade: "carpenter", years: 12 }], certificates: ["木工职业技能等级证书"], expected_wage_fen: 30000, expected_wage_unit: "day", areas: ["瑶海区"], position: spot, available_from: day(0), visible: true };
  const saved = await w.put("/api/job-card", card);
  assert.equal(saved.status, 200, saved.text);
  const m = await w.get("/api/job-card/matches");
  assert.equal(m.status, 200, m.text);
  const order = m.body.matches.map((x) => x.job.id);
  assert.ok(order.indexOf(same.id) >= 0 && order.indexOf(same.id) < order.indexOf(related.id), "the same trade ranks above a closer related one");
  const top = m.body.matches.find((x) => x.job.id === same.id).match;
  assert.deepEqual(top.reasons.map((r) => r.kind), ["same_trade", "distance", "wage"]);
  assert.equal(top.reasons[2].fit, "above");
  assert.ok(Math.abs(top.distance_m - 3000) < 30);
  // From where the phone is now.
  const here = await w.get(`/api/job-card/matches?lat=${north(1, spot).lat}&lng=${spot.lng}`);
  assert.ok(here.body.matches.find((x) => x.job.id === related.id).match.distance_m < 100);
  assert.equal((await w.get("/api/job-card/matches?lat=31")).status, 422);

  // Staff: candidates for the job, with the card's reasons but never its position.
  const cands = await admin.get(`/api/admin/jobs/${same.id}/candidates`);
  assert.equal(cands.status, 200, cands.text);
  const mine = cands.body.candidates.find((c) => c.certificates.includes("木工职业技能等级证书") && c.match.reasons[0].kind === "same_trade");
  assert.ok(mine, cands.text.slice(0, 300));
  assert.ok(!cands.text.includes(String(spot.lat)), "the card's position is not sent");
  const invited = await admin.post(`/api/admin/jobs/${same.id}/invitations`, { card_ids: [saved.body.job_card.id] });
  assert.deepEqual(invited.body, { invited: 1, already: 0 });
  assert.deepEqual((await admin.post(`/api/admin/jobs/${same.id}/invitations`, { card_ids: [saved.body.job_card.id] })).body, { invited: 0, already: 1 });
  const inbox = await w.get("/api/job-invitations");
  assert.equal(inbox.body.invitations[0].job.id, same.id);
  assert.equal(inbox.body.invitations[0].union.id, t.p.id);
  assert.equal((await other.get(`/api/admin/jobs/${same.id}/candidates`)).status, 404, "outside the subtree");
  // A hidden card is no longer a candidate.
  await w.put("/api/job-card", { ...card, visible: false });
  const after = await admin.get(`/api/admin/jobs/${same.id}/candidates`);
  assert.ok(!after.body.candidates.some((c) => c.card_id === saved.body.job_card.id));
});

test("unseen invitations: counted for the badge on 找活 until the worker opens 为我推荐", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const spot = { lat: 30.6, lng: 104.06 }; // 成都: only this test's jobs
  const first = await liveJob(admin, e.id, { at: north(1, spot), title: `木工${uid()}` });
  const second = await liveJob(admin, e.id, { at: north(2, spot), title: `木工${uid()}` });
  const w = await worker();
  const card = { trades: [{ trade: "carpenter", years: 5 }], certificates: [], expected_wage_fen: 30000, expected_wage_unit: "day", areas: ["瑶海区"], position: spot, available_from: day(0), visible: true };
  const cardId = (await w.put("/api/job-card", card)).body.job_card.id;
  const unseen = async (client = w) => {
    const r = await client.get("/api/job-invitations/unseen");
    assert.equal(r.status, 200, r.text);
    return r.body.unseen;
  };
  assert.equal(await unseen(), 0);
  assert.equal((await new Client({ ip: freshIp() }).get("/api/job-invitations/unseen")).status, 401);
  await admin.post(`/api/admin/jobs/${first.id}/invitations`, { card_ids: [cardId] });
  assert.equal(await unseen(), 1);
  assert.equal(await unseen(await worker()), 0, "someone else's invitations are not counted");
  // Listing them (a GET) changes nothing; opening the page marks them seen.
  await w.get("/api/job-invitations");
  assert.equal(await unseen(), 1);
  const seen = await w.post("/api/job-invitations/seen");
  assert.equal(seen.status, 200, seen.text);
  assert.deepEqual(seen.body, { unseen: 0 });
  assert.equal(await unseen(), 0);
  assert.ok((await w.get("/api/job-invitations")).body.invitations.some((i) => i.job.id === first.id), "seen ones are still listed");
  // A new one counts again; one to a job taken down does not.
  await admin.post(`/api/admin/jobs/${second.id}/invitations`, { card_ids: [cardId] });
  assert.equal(await unseen(), 1);
  sql(`UPDATE jobs SET valid_until = '2000-01-01' WHERE id = ${second.id}`);
  assert.equal(await unseen(), 0, "only invitations to open jobs");
});

test("the employer marks a hire: it counts as a match, and a full job leaves the list", async () => {
  const owner = await worker();
  const e = await verifiedEmployer(admin, t.a.id, { contact_phone: owner.phone });
  // The employer's contact phone is the account's own: it acts for the employer.
  const mineList = await owner.get("/api/employers/mine");
  assert.ok(mineList.body.employers.some((x) => x.id === e.id));
  const job = (await owner.post(`/api/employers/${e.id}/jobs`, jobBody({ headcount: 1 }), idem())).body.job;
  assert.equal(job.status, "live");
  const before = (await admin.get(`/api/admin/job-figures?union_id=${t.a.id}`)).body.totals;
  const w = await worker();
  const app = (await w.post(`/api/jobs/${job.id}/applications`, undefined, idem())).body.application;
  const applicants = await owner.get(`/api/employers/${e.id}/jobs/${job.id}/applicants`);
  assert.equal(applicants.body.applicants[0].phone, w.phone, "applying shares the worker's phone with the employer");
  const illegal = await owner.post(`/api/employers/${e.id}/applications/${app.id}/status`, { status: "withdrawn" });
  assert.equal(illegal.status, 422);
  const contacted = await owner.post(`/api/employers/${e.id}/applications/${app.id}/status`, { status: "contacted" });
  assert.equal(contacted.body.applicant.status, "contacted");
  const hired = await owner.post(`/api/employers/${e.id}/applications/${app.id}/status`, { status: "hired" });
  assert.equal(hired.status, 200, hired.text);
  assert.equal((await w.get("/api/job-applications")).body.applications.find((a) => a.id === app.id).status, "hired");
  const after = (await admin.get(`/api/admin/job-figures?union_id=${t.a.id}`)).body;
  assert.equal(after.totals.matches, before.matches + 1, "a hire is a match (撮合)");
  assert.equal(after.months.at(-1).matches >= 1, true);
  const filled = await new Client().get(`/api/jobs/${job.id}`);
  assert.equal(filled.body.job.status, "filled", "the headcount is reached");
  assert.equal(filled.body.job.hires, 1);
  assert.ok(!(await ids(new Client(), `/api/jobs?employer_id=${e.id}`)).includes(job.id));
  assert.equal((await new Client().get(`/api/employers/${e.id}`)).body.employer.hires, 1);
  // Reopening needs staff or the employer, with a valid date.
  const reopened = await owner.post(`/api/employers/${e.id}/jobs/${job.id}/status`, { status: "live" });
  assert.equal(reopened.body.job.status, "live");
});

test("a fake-ad report reaches moderation; taking the job down hides it and flags the employer", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, e.id, { title: `高薪急招${uid()}` });
  const w = await worker();
  const note = await w.post(`/api/jobs/${job.id}/reports`, { reason: "other" }, idem());
  assert.equal(note.status, 422, "'other' needs a few words");
  const r = await w.post(`/api/jobs/${job.id}/reports`, { reason: "charges_fee", note: "要先交500元押金" }, idem());
  assert.equal(r.status, 200, r.text);
  assert.equal((await w.post(`/api/jobs/${job.id}/reports`, { reason: "fake_job" }, idem())).status, 409);
  const queue = await admin.get("/api/admin/job-reports");
  const item = queue.body.reports.find((x) => x.job.id === job.id);
  assert.equal(item.reason, "charges_fee");
  assert.equal(item.open_on_job, 1);
  assert.ok(!queue.text.includes(w.phone), "the reporter stays anonymous");
  assert.ok(!(await other.get("/api/admin/job-reports")).body.reports.some((x) => x.job.id === job.id));
  const noNote = await admin.post(`/api/admin/job-reports/${item.id}/decision`, { action: "take_down", flag_employer: true, note: "" });
  assert.equal(noNote.status, 422);
  const decided = await admin.post(`/api/admin/job-reports/${item.id}/decision`, { action: "take_down", flag_employer: true, note: "查实向工人收取押金" });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.body.report.status, "upheld");
  assert.equal(decided.body.report.job.status, "taken_down");
  assert.equal((await new Client().get(`/api/jobs/${job.id}`)).status, 404);
  assert.equal((await admin.post(`/api/admin/job-reports/${item.id}/decision`, { action: "dismiss", note: "重复" })).status, 409);
  const record = (await new Client().get(`/api/employers/${e.id}`)).body.employer;
  assert.equal(record.flags[0].reason, "charges_fee");
  assert.equal(record.flags[0].note, "查实向工人收取押金");
  // The employer cannot put it back; staff can.
  const restored = await admin.post(`/api/admin/jobs/${job.id}/status`, { status: "live" });
  assert.equal(restored.body.job.status, "live");
  const cleared = await admin.post(`/api/admin/employers/${e.id}/flags/${record.flags[0].id}/clear`);
  assert.ok(cleared.body.employer.flags[0].cleared_at);
  assert.equal((await admin.post(`/api/admin/employers/${e.id}/flags/${record.flags[0].id}/clear`)).status, 409, "already cleared");
  assert.equal((await admin.post(`/api/admin/employers/${e.id}/flags/999999/clear`)).status, 404);
});

test("job fairs: a monthly series falls on the 28th; the calendar lists what is ahead", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const now = new Date(Date.now() + 8 * 3600e3);
  let [y, m] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
  if (now.getUTCDate() >= 28) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const first = `${y}-${String(m).padStart(2, "0")}-28`;
  const at = (date, h) => new Date(`${date}T${String(h).padStart(2, "0")}:00:00+08:00`).toISOString().replace(".000", "");
  const body = { name: `每月28日招聘会${uid()}`, place: "瑶海区零工市场", lat: YAOHAI.lat, lng: YAOHAI.lng, union_id: t.a.id, starts_at: at(first, 9), ends_at: at(first, 12), employer_ids: [e.id], repeat_monthly: 2 };
  const made = await admin.post("/api/admin/job-fairs", body);
  assert.equal(made.status, 200, made.text);
  const dates = made.body.job_fairs.map((f) => new Date(Date.parse(f.starts_at) + 8 * 3600e3).toISOString().slice(8, 13));
  assert.deepEqual(dates, ["28T09", "28T09", "28T09"]);
  assert.equal(made.body.job_fairs[0].employers[0].name, e.name);
  const other28 = day(1).endsWith("-28") ? day(2) : day(1);
  const notThe28th = await admin.post("/api/admin/job-fairs", { ...body, starts_at: at(other28, 9), ends_at: at(other28, 12) });
  assert.equal(notThe28th.status, 422);
  assert.match(notThe28th.body.error.fields.repeat_monthly, /28号/);
  const unknown = await admin.post("/api/admin/job-fairs", { ...body, employer_ids: [999999] });
  assert.equal(unknown.status, 422);
  assert.ok(unknown.body.error.fields.employer_ids);
  assert.equal((await other.post("/api/admin/job-fairs", body)).status, 403, "a union outside the subtree");
  const cal = await new Client().get(`/api/job-fairs?union_id=${t.a.id}`);
  assert.equal(cal.body.job_fairs.length, 3);
  const one = await new Client().get(`/api/job-fairs/${made.body.job_fairs[0].id}`);
  assert.equal(one.body.job_fair.name, body.name);
});

test("jobs expire after their last day, also before housekeeping runs", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, e.id);
  sql(`UPDATE jobs SET valid_until = '2020-01-01' WHERE id = ${job.id}`);
  assert.ok(!(await ids(new Client(), `/api/jobs?employer_id=${e.id}`)).includes(job.id), "past its last day: not listed");
  const w = await worker();
  assert.equal((await w.post(`/api/jobs/${job.id}/applications`, undefined, idem())).status, 409);
  await housekeeping();
  const list = await admin.get(`/api/admin/jobs?union_id=${t.a.id}&status=expired`);
  assert.ok(list.body.jobs.some((j) => j.id === job.id), "housekeeping marked it expired");
  // Reopening an expired job needs a new date.
  assert.equal((await admin.post(`/api/admin/jobs/${job.id}/status`, { status: "live" })).status, 422);
  const back = await admin.post(`/api/admin/jobs/${job.id}/status`, { status: "live", valid_until: day(10) });
  assert.equal(back.body.job.status, "live");
  assert.ok((await ids(new Client(), `/api/jobs?employer_id=${e.id}`)).includes(job.id));
});

test("bad job input is a 422 naming each field in the reader's language, never a 5xx", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const r = await admin.post("/api/admin/jobs", { ...jobBody({ title: "招", wage_min_fen: 40000, wage_max_fen: 30000, headcount: 0, place: { lat: 117.2, lng: 31.8, district: "" }, valid_until: day(120) }), employer_id: e.id }, idem());
  assert.equal(r.status, 422);
  for (const f of ["title", "wage_max_fen", "headcount", "place.lat", "place.district", "valid_until"]) assert.ok(r.body.error.fields[f], f);
  assert.match(r.body.error.fields["place.lat"], /写反/);
  const en = new Client({ lang: "en", ip: freshIp() });
  en.cookies = admin.cookies;
  const r2 = await en.post("/api/admin/jobs", { ...jobBody({ headcount: 0 }), employer_id: e.id }, idem());
  assert.match(r2.body.error.fields.headcount, /between|1/);
  assert.equal((await admin.post("/api/admin/jobs", { ...jobBody(), employer_id: e.id, wage_unit: "year" }, idem())).status, 422);
  for (const raw of ["{", "[]", JSON.stringify({ title: 5 })]) {
    const g = await admin.req("POST", "/api/admin/jobs", { raw, headers: { "content-type": "application/json", "idempotency-key": key() } });
    assert.ok(g.status >= 400 && g.status < 500, `${raw}: ${g.status}`);
  }
  const outside = await other.post("/api/admin/jobs", { ...jobBody(), employer_id: e.id }, idem());
  assert.equal(outside.status, 403);
  assert.ok(outside.body.error.fields.employer_id);
  // A phone number that is not a mobile.
  const phone = await admin.post("/api/admin/jobs", { ...jobBody({ contact_phone: "0551-1234567" }), employer_id: e.id }, idem());
  assert.match(phone.body.error.fields.contact_phone, /11位/);
});

test("staff find employers by a part of the name or the whole credit code, and jobs by title", async () => {
  const marker = uid();
  const e = await verifiedEmployer(admin, t.a.id, { name: `启东测试${marker}物流有限公司` });
  await liveJob(admin, e.id, { title: `夜班分拣${marker}` });
  const byName = await admin.get(`/api/admin/employers?q=${encodeURIComponent(`测试${marker}物流`)}`);
  assert.deepEqual(byName.body.employers.map((x) => x.id), [e.id]);
  const byCode = await admin.get(`/api/admin/employers?q=${e.uscc.toLowerCase()}`);
  assert.deepEqual(byCode.body.employers.map((x) => x.id), [e.id]);
  assert.equal((await other.get(`/api/admin/employers?q=${e.uscc}`)).body.employers.length, 0, "not outside the subtree");
  const jobs = await admin.get(`/api/admin/jobs?q=${encodeURIComponent(`分拣${marker}`)}`);
  assert.equal(jobs.body.jobs.length, 1);
  assert.equal((await admin.get(`/api/admin/employers?q=${"字".repeat(41)}`)).status, 422);
});
