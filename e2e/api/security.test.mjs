// Ways an attacker gets through (issue 12), one test per rule: each fails
// without its fix. docs/SECURITY.md names the rule beside the test's title.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, fetch, randomPhone } from "../lib/client.mjs";
import { PASSWORD, admin, freshIp, housekeeping, logMark, smsCode, sql, sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { day, employerBody, jobBody, liveJob, north, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";
import { form } from "../lib/people.mjs";

const BASE = process.env.GONGYOU_BASE;
const idem = () => ({ headers: { "idempotency-key": `sec-${uid()}-${uid()}` } });
const cookieOf = (c) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const csvText = async (path, c) => {
  const res = await fetch(`${BASE}${path}`, c ? { headers: { cookie: cookieOf(c) } } : {});
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer()).toString("utf8");
};

test("CSV: a station named =1+2 is text, not a formula, in the staff export and the open data", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const province = `公式省${uid()}`;
  const made = await s.post("/api/admin/stations", {
    union_id: a.id, name: "=1+2", station_type: "caring_station", province, city: "测试市", district: "测试区",
    address: "@SUM(A1)", lat: 40, lng: 85, datum: "wgs84", phone: null, amenities: ["toilet"],
    schedule: { weekly: Array(7).fill(["00:00-24:00"]) }, status: "active", description: "-1",
  });
  assert.equal(made.status, 200, made.text);
  const staffCsv = await csvText(`/api/admin/stations/export.csv?union_id=${a.id}`, s);
  const open = await csvText(`/api/open-data/stations.csv?province=${encodeURIComponent(province)}`);
  for (const text of [staffCsv, open]) {
    const row = text.split("\r\n")[1];
    assert.ok(row, text);
    const cells = row.split(",");
    assert.ok(cells.includes("'=1+2"), row);
    assert.ok(cells.includes("'@SUM(A1)"), row);
    assert.ok(!cells.some((c) => /^[=+\-@\t\r]/.test(c)), `no cell starts a formula: ${row}`);
  }
  assert.ok(staffCsv.split("\r\n")[1].split(",").includes("'-1"));
});

test("employers: a record is a 404 until verified, except for its contacts and staff in scope", async () => {
  const contact = await worker();
  const made = await contact.post("/api/employers", employerBody({ contact_phone: contact.phone }), idem());
  assert.equal(made.status, 200, made.text);
  const id = made.body.employer.id;
  assert.equal(made.body.employer.status, "pending");
  const { a } = await tree();
  const elsewhere = await staff({ role: "staff", unionId: a.id });
  for (const c of [new Client({ ip: freshIp() }), await worker(), elsewhere]) {
    const r = await c.get(`/api/employers/${id}`);
    assert.equal(r.status, 404, r.text);
    assert.doesNotMatch(r.text, /陈经理/, "no contact name");
  }
  assert.equal((await contact.get(`/api/employers/${id}`)).status, 200, "its own contact");
  const yaohai = await staff({ role: "staff", unionId: 3 });
  assert.equal((await yaohai.get(`/api/employers/${id}`)).status, 200, "staff in scope");
  const v = await yaohai.post(`/api/admin/employers/${id}/status`, { status: "verified", note: "营业执照已核对" });
  assert.equal(v.status, 200, v.text);
  const open = await new Client({ ip: freshIp() }).get(`/api/employers/${id}`);
  assert.equal(open.status, 200);
  assert.equal(open.body.employer.contact_phone, undefined);
});

test("fairs: staff cannot put an employer from outside their subtree on their fair", async () => {
  const { a, b } = await tree();
  const staffA = await staff({ role: "staff", unionId: a.id });
  const ours = await verifiedEmployer(await admin(), a.id);
  const theirs = await verifiedEmployer(await admin(), b.id);
  const starts = new Date(Date.now() + 86400e3).toISOString().slice(0, 19) + "Z";
  const ends = new Date(Date.now() + 90000e3).toISOString().slice(0, 19) + "Z";
  const fair = (employer_ids) => ({ name: `招聘会${uid()}`, place: "测试路1号", union_id: a.id, starts_at: starts, ends_at: ends, employer_ids });
  const refused = await staffA.post("/api/admin/job-fairs", fair([ours.id, theirs.id]));
  assert.equal(refused.status, 403, refused.text);
  assert.ok(refused.body.error.fields.employer_ids);
  assert.equal((await staffA.post("/api/admin/job-fairs", fair([ours.id]))).status, 200);
});

test("station reports: strangers' Idempotency-Keys are per device, so one cannot replay or block another's", async () => {
  const key = `shared-${uid()}-${uid()}`;
  const post = (device, body) => new Client({ ip: freshIp() }).post("/api/stations/5/reports", body, { headers: { "idempotency-key": key, "device-id": device } });
  const first = await post(`dev-${uid()}${uid()}`, { kind: "closed" });
  assert.equal(first.status, 200, first.text);
  const same = await post(`dev-${uid()}${uid()}`, { kind: "closed" });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.headers.get("idempotent-replayed"), null, "not the other stranger's reply");
  assert.notEqual(same.body.report.id, first.body.report.id);
  const other = await post(`dev-${uid()}${uid()}`, { kind: "moved" });
  assert.equal(other.status, 200, "not blocked by another stranger's key");
  const none = await new Client({ ip: freshIp() }).post("/api/stations/5/reports", { kind: "closed" }, { headers: { "idempotency-key": `k-${uid()}-${uid()}` } });
  assert.equal(none.status, 400, "a stranger's report names its device");
});

test("OTP: nine parallel wrong guesses on one code, and only five are judged", async () => {
  const phone = randomPhone();
  const mark = logMark();
  assert.equal((await new Client({ ip: freshIp() }).post("/api/auth/otp", { phone })).status, 204);
  const code = await smsCode(phone, { after: mark });
  const wrong = code === "000000" ? "111111" : "000000";
  const c = new Client({ ip: freshIp() });
  const replies = await Promise.all(Array.from({ length: 9 }, () => c.post("/api/auth/otp/verify", { phone, code: wrong })));
  const statuses = replies.map((r) => r.status).sort();
  assert.deepEqual(statuses, [422, 422, 422, 422, 422, 429, 429, 429, 429], "five judged, four refused unjudged");
  assert.equal((await c.post("/api/auth/otp/verify", { phone, code })).status, 429, "the right code is too late");
});

test("SMS: at most 10 codes a day to one number, and housekeeping does not refill a daily cap", async () => {
  const phone = randomPhone();
  // As if the minute between codes and the hourly limit had passed (the daily bucket is untouched).
  const anHourLater = `DELETE FROM otp_challenges WHERE phone = '${phone}'; DELETE FROM rate_limits WHERE bucket = 'otp-send-phone:${phone}'`;
  const send = () => new Client({ ip: freshIp() }).post("/api/auth/otp", { phone });
  for (let i = 1; i <= 10; i++) {
    const r = await send();
    assert.equal(r.status, 204, `code ${i}: ${r.text}`);
    sql(anHourLater);
  }
  const eleventh = await send();
  assert.equal(eleventh.status, 429, eleventh.text);
  assert.match(eleventh.body.error.message, /今天/);
  // Two hours on, housekeeping runs: the daily bucket is still refilling, so it stays.
  sql(`${anHourLater}; UPDATE rate_limits SET updated_ms = updated_ms - 7200000 WHERE bucket = 'otp-send-phone-day:${phone}'`);
  await housekeeping();
  const later = await send();
  assert.equal(later.status, 429, `the daily cap was refilled by housekeeping: ${later.text}`);
});

test("region codes: inside the parent's area, and changed only by an admin above the union", async () => {
  const { p, a } = await tree();
  const parentAdmin = await staff({ role: "union_admin", unionId: p.id });
  const ownAdmin = await staff({ role: "union_admin", unionId: a.id, creator: parentAdmin });
  const moved = await ownAdmin.patch(`/api/admin/unions/${a.id}`, { region_code: "340103" });
  assert.equal(moved.status, 403, moved.text);
  assert.ok(moved.body.error.fields.region_code);
  const renamed = await ownAdmin.patch(`/api/admin/unions/${a.id}`, { name: `${a.name}二`, region_code: "340102" });
  assert.equal(renamed.status, 200, `its own admin still edits the rest: ${renamed.text}`);
  const outside = await parentAdmin.patch(`/api/admin/unions/${a.id}`, { region_code: "340103" });
  assert.equal(outside.status, 422, "瑶海 (340102) holds no other district");
  assert.ok(outside.body.error.fields.region_code);
  const root = await admin();
  const elsewhere = await root.post("/api/admin/unions", { parent_id: 2, name: `测试区总工会${uid()}`, code: `T-${uid().toUpperCase()}`, level: "district", kind: "federation", region_code: "320102" });
  assert.equal(elsewhere.status, 422, "a 江苏 code under 合肥市总工会");
  assert.match(elsewhere.body.error.fields.region_code, /340100/);
  const inside = await root.post("/api/admin/unions", { parent_id: p.id, name: `测试联合工会${uid()}`, code: `T-${uid().toUpperCase()}`, level: "grassroots", kind: "joint", region_code: "340102" });
  assert.equal(inside.status, 200, inside.text);
  assert.equal((await parentAdmin.get(`/api/admin/unions/${a.id}`)).body.union.region_code, "340102", "nothing moved");
});

test("ID numbers: enrolling with a member's number gets the neutral answer; staff see the conflict", async () => {
  const { p, a, b } = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: p.id });
  const enrol = (w, unionId, f) => w.post("/api/membership/applications", { union_id: unionId, form: f }, idem());
  const real = form();
  const member = await worker();
  const first = (await enrol(member, a.id, real)).body.application;
  assert.equal((await reviewer.post(`/api/admin/applications/${first.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  // A stranger types the member's number: the same answer as any new application.
  const stranger = await worker();
  const probe = await enrol(stranger, b.id, form({ id_number: real.id_number }));
  const control = await enrol(await worker(), b.id, form());
  assert.equal(probe.status, 200, probe.text);
  assert.equal(probe.body.application.status, "pending");
  assert.deepEqual(Object.keys(probe.body.application).sort(), Object.keys(control.body.application).sort());
  // Staff see it in the queue, and approving is refused while the membership lasts.
  const queue = (await reviewer.get(`/api/admin/applications?union_id=${b.id}`)).body.applications;
  assert.equal(queue.find((x) => x.application_id === probe.body.application.id).id_number_conflict, true);
  assert.equal(queue.find((x) => x.application_id === control.body.application.id).id_number_conflict, false);
  const d = await reviewer.post(`/api/admin/applications/${probe.body.application.id}/decision`, { decision: "approve", reason: "" });
  assert.equal(d.body.results[0].skipped, "already_member");
});

test("ID numbers: enrolments are limited per account (5 a day), withdrawn ones included", async () => {
  const { a } = await tree();
  const w = await worker();
  for (let i = 1; i <= 5; i++) {
    const r = await w.post("/api/membership/applications", { union_id: a.id, form: form() }, idem());
    assert.equal(r.status, 200, `application ${i}: ${r.text}`);
    assert.equal((await w.post(`/api/membership/applications/${r.body.application.id}/withdraw`)).status, 200);
  }
  const k = idem();
  const sixth = await w.post("/api/membership/applications", { union_id: a.id, form: form() }, k);
  assert.equal(sixth.status, 429, sixth.text);
  assert.ok(Number(sixth.headers.get("retry-after")) > 0);
});

const stationBody = (unionId, name) => ({
  union_id: unionId, name, station_type: "caring_station", province: "新疆维吾尔自治区", city: "乌鲁木齐市", district: "天山区",
  address: "测试路1号", lat: 43.8, lng: 87.6, datum: "wgs84", phone: null, amenities: ["toilet"],
  schedule: { weekly: Array(7).fill(["08:00-20:00"]) }, status: "active", description: null,
});
const rows = (query) => JSON.parse(sqlJson(query));

test("audit: creating a union, a staff member and a station writes its audit entry", async () => {
  const { p } = await tree();
  const creator = await staff({ role: "union_admin", unionId: p.id });
  const marker = `审计${uid()}`;
  const made = {
    union: await creator.post("/api/admin/unions", { parent_id: p.id, code: `T-${uid().toUpperCase()}`, name: `${marker}联合工会`, level: "grassroots", kind: "joint" }),
    staff: await creator.post("/api/admin/staff", { username: `a.${uid()}`, display_name: marker, role: "staff", union_id: p.id, password: PASSWORD }),
    station: await creator.post("/api/admin/stations", stationBody(p.id, `${marker}驿站`)),
  };
  const ids = { union: made.union.body?.union?.id, staff: made.staff.body?.staff_member?.id, station: made.station.body?.station?.station?.id };
  const log = await creator.get(`/api/admin/audit?union_id=${p.id}`);
  assert.equal(log.status, 200, log.text);
  for (const [kind, r] of Object.entries(made)) {
    assert.equal(r.status, 200, `${kind}: ${r.text}`);
    const entry = log.body.entries.find((e) => e.action === `${kind}.create` && e.target_id === String(ids[kind]));
    assert.ok(entry, `${kind}.create ${ids[kind]} is in the log`);
    assert.equal(entry.staff_id, creator.me.staff.staff_id, "who");
    assert.doesNotMatch(JSON.stringify(entry), new RegExp(PASSWORD), "no password in the log");
  }
  // Same batch: when the audit entry cannot be written, the creation does not happen either.
  const refused = `拒审${uid()}`;
  sql(`CREATE TRIGGER refuse_${refused.slice(2)} BEFORE INSERT ON audit_log WHEN NEW.after LIKE '%${refused}%' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
  try {
    const username = `r.${refused.slice(2)}`;
    const attempts = [
      await creator.post("/api/admin/unions", { parent_id: p.id, code: `T-${uid().toUpperCase()}`, name: `${refused}联合工会`, level: "grassroots", kind: "joint" }),
      await creator.post("/api/admin/staff", { username, display_name: refused, role: "staff", union_id: p.id, password: PASSWORD }),
      await creator.post("/api/admin/stations", stationBody(p.id, `${refused}驿站`)),
    ];
    for (const r of attempts) assert.notEqual(r.status, 200, r.text);
    assert.deepEqual(rows(`SELECT id FROM unions WHERE name LIKE '%${refused}%'`), [], "no union without its entry");
    assert.deepEqual(rows(`SELECT id FROM staff WHERE username = '${username}'`), [], "no staff member without its entry");
    assert.deepEqual(rows(`SELECT id FROM stations WHERE name LIKE '%${refused}%'`), [], "no station without its entry");
  } finally {
    sql(`DROP TRIGGER refuse_${refused.slice(2)}`);
  }
});

test("audit: reading an applicant's phone is audited, without the number", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const auditor = await staff({ role: "union_admin", unionId: a.id });
  const e = await verifiedEmployer(s, a.id);
  const job = await s.post("/api/admin/jobs", jobBody({ employer_id: e.id }), idem());
  assert.equal(job.status, 200, job.text);
  const w = await worker();
  const applied = await w.post(`/api/jobs/${job.body.job.id}/applications`, undefined, idem());
  assert.equal(applied.status, 200, applied.text);
  const appId = String(applied.body.application.id);
  const reads = async () => (await auditor.get(`/api/admin/audit?union_id=${a.id}`)).body.entries.filter((x) => x.action === "job_applicant.phone_read" && x.target_id === appId);
  assert.equal((await reads()).length, 0);
  const list = await s.get(`/api/admin/jobs/${job.body.job.id}/applicants`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.body.applicants[0].phone, w.phone, "staff see the phone");
  const first = await reads();
  assert.equal(first.length, 1, "one entry for the read");
  assert.equal(first[0].staff_id, s.me.staff.staff_id, "who");
  assert.ok(first[0].at, "when");
  const decided = await s.post(`/api/admin/job-applications/${appId}/status`, { status: "contacted" });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.body.applicant.phone, w.phone);
  assert.equal((await reads()).length, 2, "the decision's reply shows the phone too");
  const everything = JSON.stringify((await auditor.get(`/api/admin/audit?union_id=${a.id}`)).body.entries);
  assert.ok(!everything.includes(w.phone), "the number is not in the log");
  assert.ok(!everything.includes(w.phone.slice(-8)), "nor part of it");
});

test("candidate lists hold only cards in the job's area or the staff's region, with distance bands, never metres; invitations only to them", async () => {
  const { p, a } = await tree(); // under 瑶海区 (340102)
  const s = await staff({ role: "union_admin", unionId: p.id });
  const e = await verifiedEmployer(s, a.id);
  const spot = north(2, { lat: 31.2, lng: 117.9 }); // only this test's job
  const job = await liveJob(s, e.id, { at: spot, title: `木工${uid()}` });
  const card = (areas, at) => ({ trades: [{ trade: "carpenter", years: 6 }], certificates: [], expected_wage_fen: 30000, expected_wage_unit: "day", areas, position: at, available_from: day(0), visible: true });
  const put = async (body) => {
    const r = await (await worker()).put("/api/job-card", body);
    assert.equal(r.status, 200, r.text);
    return r.body.job_card.id;
  };
  const near = await put(card(["瑶海区"], north(2, spot)));
  const byCode = await put(card(["340102"], north(0.3, spot)));
  // A worker in another province (深圳南山区), sitting right at the job's position.
  const far = await put(card(["440305"], spot));
  const r = await s.get(`/api/admin/jobs/${job.id}/candidates`);
  assert.equal(r.status, 200, r.text);
  const ids = r.body.candidates.map((c) => c.card_id);
  assert.ok(ids.includes(near) && ids.includes(byCode), r.text.slice(0, 400));
  assert.ok(!ids.includes(far), "a card in another province is not a candidate");
  assert.ok(!r.text.includes("distance_m"), "no metres in the reply");
  assert.ok(!r.body.candidates.some((c) => c.match.reasons.some((x) => x.kind === "distance")));
  const band = (id) => r.body.candidates.find((c) => c.card_id === id).match.reasons.find((x) => x.kind === "distance_band")?.band;
  assert.equal(band(near), "1_to_3_km");
  assert.equal(band(byCode), "under_1_km");
  // Inviting a card outside is refused, and nobody is invited.
  const refused = await s.post(`/api/admin/jobs/${job.id}/invitations`, { card_ids: [near, far] });
  assert.equal(refused.status, 403, refused.text);
  const ok = await s.post(`/api/admin/jobs/${job.id}/invitations`, { card_ids: [near] });
  assert.deepEqual(ok.body, { invited: 1, already: 0 });
});
