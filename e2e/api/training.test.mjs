// Training against the real Worker: the waitlist and its order, promotion
// when a place frees (concurrent cancels too) with its text, the hours-met
// rule, attendance counted once, certificates in one batch and their signed
// verification, the certificate in a 家政 job's match reasons, the reminder
// sent once, the figures and their CSV, 4xx for bad input, replays.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Client, fetch } from "../lib/client.mjs";
import { BASE } from "../lib/env.mjs";
import { freshIp, housekeeping, logMark, sql, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { form } from "../lib/people.mjs";
import { day, liveJob, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";
import { checkIn, courseBody, createCourse, idem, sessionCode, sessionNow, sessionOn, signUp, textsTo, waitForText } from "../lib/training.mjs";

let t, admin, other;

before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
  other = await staff({ role: "union_admin", unionId: 14 });
});

const roster = async (courseId) => {
  const r = await admin.get(`/api/admin/training/courses/${courseId}/roster`);
  assert.equal(r.status, 200, r.text);
  return r.body;
};

test("a full course puts sign-ups on the waitlist in order; a cancel promotes the first and texts them", async () => {
  const course = await createCourse(admin, t.a.id, { places: 2 });
  assert.equal(course.places_left, 2);
  assert.equal(course.hours, 32);
  const people = [];
  for (const name of ["甲秀英", "乙秀英", "丙秀英", "丁秀英"]) {
    const w = await worker();
    const r = await signUp(w, course.id, name);
    assert.equal(r.status, 200, r.text);
    people.push({ w, name, e: r.body.enrolment });
  }
  assert.deepEqual(people.map((p) => p.e.status), ["enrolled", "enrolled", "waitlisted", "waitlisted"]);
  assert.deepEqual(people.map((p) => p.e.waitlist_position ?? null), [null, null, 1, 2]);
  let r = await roster(course.id);
  assert.deepEqual(r.enrolled.map((e) => e.name), ["甲秀英", "乙秀英"]);
  assert.deepEqual(r.waitlist.map((e) => [e.name, e.waitlist_position]), [["丙秀英", 1], ["丁秀英", 2]]);
  assert.equal(r.course.places_left, 0);
  // The public course shows it full, and the signed-in worker their own place.
  const pub = await new Client().get(`/api/training/courses/${course.id}`);
  assert.equal(pub.body.course.places_left, 0);
  assert.equal(pub.body.my_enrolment, undefined);
  const mine = await people[3].w.get(`/api/training/courses/${course.id}`);
  assert.equal(mine.body.my_enrolment.waitlist_position, 2);

  const mark = logMark();
  const cancelled = await people[0].w.post(`/api/training/enrolments/${people[0].e.id}/cancel`, undefined, idem());
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.enrolment.status, "cancelled");
  r = await roster(course.id);
  assert.deepEqual(r.enrolled.map((e) => e.name), ["乙秀英", "丙秀英"], "the first in line took the place");
  assert.deepEqual(r.waitlist.map((e) => [e.name, e.waitlist_position]), [["丁秀英", 1]]);
  assert.equal(r.cancelled, 1);
  const text = await waitForText(people[2].w.phone, /候补转为正式学员/, mark);
  assert.match(text, new RegExp(course.title));
  assert.deepEqual(textsTo(people[3].w.phone, mark), [], "nobody else is texted");
  // Cancelling again changes nothing; signing up again goes to the end of the queue.
  const again = await people[0].w.post(`/api/training/enrolments/${people[0].e.id}/cancel`, undefined, idem());
  assert.equal(again.body.enrolment.status, "cancelled");
  const back = await signUp(people[0].w, course.id, "甲秀英");
  assert.equal(back.body.enrolment.status, "waitlisted");
  assert.equal(back.body.enrolment.waitlist_position, 2);
  // Someone else cannot cancel your sign-up.
  assert.equal((await (await worker()).post(`/api/training/enrolments/${people[1].e.id}/cancel`, undefined, idem())).status, 404);
  // A waitlisted worker cancelling frees no place: nobody is promoted.
  await people[3].w.post(`/api/training/enrolments/${people[3].e.id}/cancel`, undefined, idem());
  r = await roster(course.id);
  assert.deepEqual(r.enrolled.map((e) => e.name), ["乙秀英", "丙秀英"]);
  assert.deepEqual(r.waitlist.map((e) => [e.name, e.waitlist_position]), [["甲秀英", 1]]);
  // Staff adding a place promote the waitlist at once.
  const edited = await admin.put(`/api/admin/training/courses/${course.id}`, { ...courseBody(t.a.id, { title: course.title, places: 3 }), sessions: course.sessions.map((s) => ({ id: s.id, date: s.date, starts_at: s.starts_at, ends_at: s.ends_at, hours: s.hours, place: s.place })) });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.course.enrolled, 3);
  assert.equal(edited.body.course.waitlisted, 0);
  const fewer = await admin.put(`/api/admin/training/courses/${course.id}`, { ...courseBody(t.a.id, { title: course.title, places: 2 }), sessions: course.sessions.map((s) => ({ ...s, id: s.id })) });
  assert.equal(fewer.status, 422);
  assert.ok(fewer.body.error.fields.places);
});

test("concurrent cancels each free one place, and the waitlist is served exactly in order", async () => {
  const course = await createCourse(admin, t.a.id, { places: 2 });
  const ws = [];
  for (let i = 0; i < 5; i += 1) {
    const w = await worker();
    ws.push({ w, e: (await signUp(w, course.id, `测试${"甲乙丙丁戊"[i]}英`)).body.enrolment });
  }
  const [a, b] = ws;
  const both = await Promise.all([a, b].map(({ w, e }) => w.post(`/api/training/enrolments/${e.id}/cancel`, undefined, idem())));
  assert.deepEqual(both.map((r) => r.status), [200, 200]);
  const r = await roster(course.id);
  assert.deepEqual(r.enrolled.map((e) => e.name), ["测试丙英", "测试丁英"]);
  assert.deepEqual(r.waitlist.map((e) => [e.name, e.waitlist_position]), [["测试戊英", 1]]);

  // Many at once for the last place: exactly one gets it, the rest queue in distinct places.
  const last = await createCourse(admin, t.a.id, { places: 1 });
  const crowd = await Promise.all(Array.from({ length: 5 }, async () => worker()));
  const results = await Promise.all(crowd.map((w) => signUp(w, last.id, "王秀英")));
  assert.deepEqual(results.map((x) => x.status), [200, 200, 200, 200, 200]);
  assert.equal(results.filter((x) => x.body.enrolment.status === "enrolled").length, 1);
  const positions = results.map((x) => x.body.enrolment.waitlist_position).filter(Boolean).sort();
  assert.deepEqual(positions, [1, 2, 3, 4]);
});

test("attendance counts once per session and says how it was taken; passing needs the hours", async () => {
  // Four sessions of 8 课时 happening now (so their codes count), 80% needed.
  const course = await createCourse(admin, t.a.id, { sessions: [sessionNow(), sessionNow(), sessionNow(), sessionNow()] });
  const w = await worker();
  const e = (await signUp(w, course.id, "李秀英")).body.enrolment;
  const total = course.sessions.reduce((n, s) => n + s.hours, 0);
  assert.equal(course.hours, total);
  const [s1, s2, s3, s4] = course.sessions;
  const code1 = await sessionCode(admin, s1.id);
  assert.match(code1.path, /^\/training\/check-in\?s=\d+&exp=\d+&sig=[0-9a-f]{64}$/);
  const first = await checkIn(w, code1);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.already, false);
  assert.equal(first.body.method, "qr");
  const second = await checkIn(w, code1);
  assert.equal(second.status, 200);
  assert.equal(second.body.already, true, "a second scan is not a second attendance");
  // Staff marking by hand on top of a scan changes nothing; the sheet says how it was taken.
  let sheet = await admin.post(`/api/admin/training/sessions/${s1.id}/attendance`, { enrolment_id: e.id, present: true });
  assert.equal(sheet.status, 200, sheet.text);
  assert.deepEqual(sheet.body.rows.map((r) => [r.name, r.present, r.method]), [["李秀英", true, "qr"]]);
  assert.equal(sheet.body.present, 1);
  // Session 2 by hand.
  sheet = await admin.post(`/api/admin/training/sessions/${s2.id}/attendance`, { enrolment_id: e.id, present: true });
  assert.equal(sheet.body.rows[0].method, "staff");
  assert.equal(sheet.body.rows[0].marked_by, "测试干事");
  // A tampered code, another course's worker, and someone without a place are refused.
  const code3 = await sessionCode(admin, s3.id);
  assert.equal((await checkIn(w, { ...code3, exp: code3.exp + 60 })).status, 422, "exp altered");
  assert.equal((await checkIn(w, { ...code3, session_id: s4.id })).status, 422, "session altered");
  const stranger = await worker();
  const notMine = await checkIn(stranger, code3);
  assert.equal(notMine.status, 403);
  assert.match(notMine.body.error.message, /没有报上/);
  await checkIn(w, code3);
  // Three of four equal sessions is 75%: below the 80% needed, so not passed.
  const early = await admin.post(`/api/admin/training/enrolments/${e.id}/assessment`, { outcome: "passed" });
  assert.equal(early.status, 422, early.text);
  assert.match(early.body.error.fields.outcome, /课时达标率75%,未达到80%/);
  assert.equal((await checkIn(w, await sessionCode(admin, s4.id))).status, 200);
  const passed = await admin.post(`/api/admin/training/enrolments/${e.id}/assessment`, { outcome: "passed", note: "实操考核 86 分" });
  assert.equal(passed.status, 200, passed.text);
  assert.equal(passed.body.entry.outcome, "passed");
  assert.equal(passed.body.entry.hours_met, true);
  const r = await roster(course.id);
  assert.equal(r.enrolled[0].attended.length, 4);
  assert.equal(r.enrolled[0].percent, 100);

  // A session whose day is over: its code has expired. One days ahead: not yet open.
  const later = await createCourse(admin, t.a.id, { sessions: [sessionOn(2)] });
  await signUp(w, later.id, "李秀英");
  assert.equal((await checkIn(w, await sessionCode(admin, later.sessions[0].id))).status, 409, "opens an hour before");
  sql(`UPDATE training_sessions SET starts_at = '2020-01-01T01:00:00Z', ends_at = '2020-01-01T09:00:00Z' WHERE id = ${later.sessions[0].id}`);
  const expired = await checkIn(w, await sessionCode(admin, later.sessions[0].id));
  assert.equal(expired.status, 409);
  assert.match(expired.body.error.message, /签到已经结束/);
});

test("certificates for a whole course in one batch; the QR link verifies, masked, and a forged or altered one does not", async () => {
  const course = await createCourse(admin, t.a.id, { sessions: [sessionNow({ hours: 2 })], title: `面点制作${uid()}`, trade: "pastry_cook" });
  const trainees = [];
  for (const name of ["王建国", "刘大鹏", "张小红"]) {
    const w = await worker();
    trainees.push({ w, name, e: (await signUp(w, course.id, name)).body.enrolment });
  }
  const code = await sessionCode(admin, course.sessions[0].id);
  for (const { w } of trainees.slice(0, 2)) assert.equal((await checkIn(w, code)).status, 200);
  for (const { e } of trainees.slice(0, 2)) assert.equal((await admin.post(`/api/admin/training/enrolments/${e.id}/assessment`, { outcome: "passed" })).status, 200);
  // The third never came: failing needs no hours, passing does.
  assert.equal((await admin.post(`/api/admin/training/enrolments/${trainees[2].e.id}/assessment`, { outcome: "passed" })).status, 422);
  const issued = await admin.post(`/api/admin/training/courses/${course.id}/certificates`);
  assert.equal(issued.status, 200, issued.text);
  assert.deepEqual([issued.body.issued, issued.body.already, issued.body.not_eligible], [2, 0, 1]);
  const certs = issued.body.certificates;
  assert.deepEqual(certs.map((c) => c.holder_name).sort(), ["刘大鹏", "王建国"]);
  const cert = certs.find((c) => c.holder_name === "王建国");
  assert.match(cert.serial, /^GYPX-\d{4}-\d{6}$/);
  assert.equal(cert.name, `${course.title}结业证书`);
  assert.equal(cert.organiser, t.a.name);
  assert.equal(cert.hours, course.hours);
  // Issuing again adds nothing; the assessment is locked while the certificate stands.
  const twice = await admin.post(`/api/admin/training/courses/${course.id}/certificates`);
  assert.deepEqual([twice.body.issued, twice.body.already], [0, 2]);
  assert.equal((await admin.post(`/api/admin/training/enrolments/${trainees[0].e.id}/assessment`, { outcome: "failed" })).status, 409);

  // The holder sees it; the public check shows it valid with the name masked, and nothing more.
  const mine = await trainees[0].w.get("/api/training/certificates");
  assert.equal(mine.body.certificates[0].serial, cert.serial);
  const qr = await trainees[0].w.get(`/api/training/certificates/${cert.id}/qr.svg`);
  assert.equal(qr.status, 200);
  assert.match(qr.headers.get("content-type"), /image\/svg\+xml/);
  assert.equal((await trainees[1].w.get(`/api/training/certificates/${cert.id}/qr.svg`)).status, 404, "not someone else's");
  const query = cert.verify_path.split("?")[1];
  assert.match(cert.verify_path, /^\/verify\/certificate\?c=GYPX-/);
  const check = await new Client().get(`/api/verify/certificate?${query}`);
  assert.equal(check.status, 200);
  assert.equal(check.body.valid, true);
  assert.equal(check.body.certificate.holder, "王*国");
  assert.equal(check.body.certificate.course_title, course.title);
  assert.equal(check.body.certificate.issued_on, day(0));
  assert.ok(!check.text.includes("王建国"), "the full name never leaves");
  assert.ok(!check.text.includes(trainees[0].w.phone));
  // Forged and altered links.
  const second = certs.find((c) => c.holder_name === "刘大鹏");
  const sig = new URLSearchParams(query).get("sig");
  for (const bad of [
    `c=${second.serial}&sig=${sig}`,
    `c=${cert.serial}&sig=${"0".repeat(64)}`,
    `c=${cert.serial}&sig=${sig.slice(0, 60)}`,
    `c=GYPX-2025-12&sig=${sig}`,
    "c=&sig=",
    "",
  ]) {
    const r = await new Client().get(`/api/verify/certificate?${bad}`);
    assert.equal(r.status, 200, bad);
    assert.deepEqual(r.body, { valid: false, reason: "invalid" }, bad);
  }
  // Withdrawn in error: the link says so, and the holder no longer lists it.
  const revoked = await admin.post(`/api/admin/training/certificates/${second.id}/revoke`, { reason: "发错了人" });
  assert.equal(revoked.status, 200, revoked.text);
  const after = await new Client().get(`/api/verify/certificate?${second.verify_path.split("?")[1]}`);
  assert.deepEqual(after.body, { valid: false, reason: "revoked" });
  assert.equal((await trainees[1].w.get("/api/training/certificates")).body.certificates.length, 0);
  assert.equal((await admin.post(`/api/admin/training/certificates/${second.id}/revoke`, { reason: "再来一次" })).status, 409);
  // Staff of another district see none of it.
  assert.equal((await other.post(`/api/admin/training/courses/${course.id}/certificates`)).status, 404);
});

test("the certificate joins the job card and a 家政 job's match reasons name it", async () => {
  const w = await worker();
  const card = {
    trades: [{ trade: "domestic_worker", years: 0 }], certificates: [], expected_wage_fen: 500000, expected_wage_unit: "month",
    areas: ["瑶海区"], position: YAOHAI, available_from: day(0), visible: true,
  };
  assert.equal((await w.put("/api/job-card", card)).status, 200);
  const employer = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, employer.id, { title: `住家保姆${uid()}`, trades: ["domestic_worker"], wage_min_fen: 500000, wage_max_fen: 600000, wage_unit: "month", settlement: "monthly" });
  const before = (await w.get("/api/job-card/matches")).body.matches.find((m) => m.job.id === job.id);
  assert.ok(before, "the job matches her card");
  assert.ok(!before.match.reasons.some((r) => r.kind === "certified"));

  const course = await createCourse(admin, t.a.id, { title: "家政服务", sessions: [sessionNow({ hours: 2 })] });
  const e = (await signUp(w, course.id, "王秀英")).body.enrolment;
  await checkIn(w, await sessionCode(admin, course.sessions[0].id));
  await admin.post(`/api/admin/training/enrolments/${e.id}/assessment`, { outcome: "passed" });
  const issued = await admin.post(`/api/admin/training/courses/${course.id}/certificates`);
  assert.equal(issued.body.issued, 1);

  const mine = await w.get("/api/job-card");
  assert.deepEqual(mine.body.job_card.verified_certificates.map((c) => [c.name, c.trade]), [["家政服务结业证书", "domestic_worker"]]);
  assert.deepEqual(mine.body.job_card.certificates, [], "the typed list is the worker's own");
  const matched = (await w.get("/api/job-card/matches")).body.matches.find((m) => m.job.id === job.id);
  assert.deepEqual(matched.match.reasons[1], { kind: "certified", name: "家政服务结业证书" });
  assert.ok(matched.match.score > before.match.score);
  // Staff see it among the job's candidates with the same reason.
  const cands = await admin.get(`/api/admin/jobs/${job.id}/candidates`);
  const me = cands.body.candidates.find((c) => c.verified_certificates.some((v) => v.serial === issued.body.certificates[0].serial));
  assert.ok(me, "the certified worker is a candidate");
  assert.ok(me.match.reasons.some((r) => r.kind === "certified"));
  // Saving the card again keeps it: it is not the worker's to type or drop.
  const saved = await w.put("/api/job-card", { ...card, certificates: ["健康证"] });
  assert.equal(saved.body.job_card.verified_certificates.length, 1);
});

test("the day-before reminder is texted once per session", async () => {
  const soon = shanghaiIn(5 * 60);
  const course = await createCourse(admin, t.a.id, { sessions: [{ ...sessionOn(0), date: soon.date, starts_at: soon.clock, ends_at: soon.end, hours: 1 }, sessionOn(5)] });
  const w = await worker();
  await signUp(w, course.id, "赵秀英");
  const waiting = await worker();
  const full = await createCourse(admin, t.a.id, { places: 1, sessions: course.sessions.map(({ id, place_name, position, ...s }) => s) });
  await signUp(await worker(), full.id, "钱秀英");
  await signUp(waiting, full.id, "孙秀英");
  const mark = logMark();
  await housekeeping();
  const texts = await waitForText(w.phone, /上课提醒/, mark);
  assert.match(texts, new RegExp(`${course.title}.*${soon.clock}`));
  await housekeeping();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(textsTo(w.phone, mark).filter((x) => /上课提醒/.test(x)).length, 1, "sent once");
  assert.deepEqual(textsTo(waiting.phone, mark), [], "the waitlist gets no reminder");
});

/** Shanghai clock `minutes` ahead, with an end an hour later (kept within the day). */
function shanghaiIn(minutes) {
  let t = new Date(Date.now() + 8 * 3600e3 + minutes * 60e3);
  // Late in the evening: tomorrow morning is still within a day.
  if (t.toISOString().slice(11, 13) >= "23") t = new Date(`${t.toISOString().slice(0, 10)}T23:00:00Z`);
  const date = t.toISOString().slice(0, 10);
  const clock = t.toISOString().slice(11, 16);
  const [h, m] = clock.split(":").map(Number);
  const endMin = Math.min(h * 60 + m + 60, 23 * 60 + 59);
  return { date, clock, end: `${String(Math.floor(endMin / 60)).padStart(2, "0")}:${String(endMin % 60).padStart(2, "0")}` };
}

test("members-only courses take members of the union's subtree", async () => {
  const course = await createCourse(admin, t.a.id, { eligibility: "members_only" });
  const outsider = await worker();
  const refused = await signUp(outsider, course.id);
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /请先入会/);
  const member = await worker();
  const applied = await member.post("/api/membership/applications", { union_id: t.a.id, form: form() }, idem());
  assert.equal(applied.status, 200, applied.text);
  assert.equal((await admin.post(`/api/admin/applications/${applied.body.application.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  const ok = await signUp(member, course.id);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.enrolment.status, "enrolled");
  // Sign-up closed: 409 with why.
  const closed = await createCourse(admin, t.a.id, { signup_opens_on: day(1), signup_closes_on: day(2) });
  const early = await signUp(await worker(), closed.id);
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /还没开始报名/);
});

test("courses near a worker list those open for sign-up with places left; staff see only their subtree", async () => {
  const course = await createCourse(admin, t.a.id, { title: `育婴员${uid()}`, trade: "childcare" });
  const near = await new Client().get(`/api/training/courses?lat=${YAOHAI.lat}&lng=${YAOHAI.lng}&trade=childcare`);
  assert.equal(near.status, 200, near.text);
  const found = near.body.courses.find((c) => c.id === course.id);
  assert.ok(found);
  assert.equal(found.places_left, 30);
  assert.ok(found.distance_m < 1000);
  const far = await new Client().get("/api/training/courses?lat=30.07&lng=102.76&radius_km=20");
  assert.ok(!far.body.courses.some((c) => c.id === course.id), "天全 is far from 瑶海");
  const mine = await admin.get(`/api/admin/training/courses?union_id=${t.a.id}`);
  assert.ok(mine.body.courses.some((c) => c.id === course.id));
  assert.ok(!(await other.get("/api/admin/training/courses")).body.courses.some((c) => c.id === course.id));
  assert.equal((await other.get(`/api/admin/training/courses/${course.id}/roster`)).status, 404);
  assert.equal((await other.get(`/api/admin/training/sessions/${course.sessions[0].id}/qr.svg`)).status, 404);
  const qr = await admin.get(`/api/admin/training/sessions/${course.sessions[0].id}/qr.svg`);
  assert.equal(qr.status, 200);
  assert.match(qr.text, /<svg/);
  assert.equal(qr.headers.get("cache-control"), "no-store");
});

test("the figures count enrolled, attended, completed, certified and hired within 90 days; the CSV matches", async () => {
  const corner = await tree();
  const boss = await staff({ role: "union_admin", unionId: corner.p.id });
  const course = await createCourse(boss, corner.a.id, { sessions: [sessionNow({ hours: 2 })] });
  const ws = [await worker(), await worker()];
  const code = await sessionCode(boss, course.sessions[0].id);
  for (const w of ws) {
    const e = (await signUp(w, course.id, "周秀英")).body.enrolment;
    await checkIn(w, code);
    await boss.post(`/api/admin/training/enrolments/${e.id}/assessment`, { outcome: "passed" });
  }
  await boss.post(`/api/admin/training/courses/${course.id}/certificates`);
  // One of them is hired through a job application.
  const employer = await verifiedEmployer(boss, corner.a.id);
  const job = await liveJob(boss, employer.id, { trades: ["domestic_worker"] });
  const app = await ws[0].post(`/api/jobs/${job.id}/applications`, undefined, idem());
  assert.equal(app.status, 200, app.text);
  assert.equal((await boss.post(`/api/admin/job-applications/${app.body.application.id}/status`, { status: "hired" })).status, 200);

  const f = await boss.get(`/api/admin/training/figures?union_id=${corner.p.id}`);
  assert.equal(f.status, 200, f.text);
  const month = f.body.months.at(-1);
  assert.deepEqual([month.enrolled, month.attended, month.completed, month.certified, month.hired_within_90_days], [2, 2, 2, 2, 1]);
  assert.equal(f.body.totals.people_certified, 2);
  assert.equal(f.body.scope, corner.p.name);
  const csv = await boss.get(`/api/admin/training/figures.csv?union_id=${corner.p.id}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /text\/csv/);
  assert.match(csv.headers.get("content-disposition"), /attachment; filename="training-figures-/);
  const raw = await fetch(`${BASE}/api/admin/training/figures.csv?union_id=${corner.p.id}`, { headers: boss.headers() });
  const buf = Buffer.from(await raw.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a BOM for Excel");
  const lines = buf.toString("utf8").slice(1).split("\r\n");
  assert.match(lines[1], /^月份 Month,/);
  assert.ok(lines.includes(`${month.month},2,2,2,2,1`), lines.join("\n"));
  // Another district's admin asking for this subtree is refused.
  assert.equal((await other.get(`/api/admin/training/figures?union_id=${corner.p.id}`)).status, 404);
});

test("bad input is a 4xx, never a 5xx; replays return the first answer", async () => {
  const course = await createCourse(admin, t.a.id);
  const bads = [
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), title: "x", places: 0, sessions: [] }, 422],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), sessions: [{ ...sessionOn(1), starts_at: "25:00" }] }, 422],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), sessions: [{ ...sessionOn(1), place: { kind: "station", station_id: 99999999 } }] }, 422],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), kind: "party" }, 422],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), trade: "astronaut" }, 422],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), union_id: 14 }, 403],
    ["POST", "/api/admin/training/courses", { ...courseBody(t.a.id), kind: "competition" }, 422],
    ["POST", "/api/admin/training/courses", "not json", 400],
    ["PUT", `/api/admin/training/courses/${course.id}`, { ...courseBody(t.a.id), kind: "competition", sessions: [sessionOn(3)] }, 422],
    ["PUT", `/api/admin/training/courses/${course.id}`, { ...courseBody(t.a.id), sessions: [{ ...sessionOn(3), id: 99999999 }] }, 422],
    ["PUT", "/api/admin/training/courses/abc", courseBody(t.a.id), 404],
    ["POST", `/api/admin/training/sessions/${course.sessions[0].id}/attendance`, { enrolment_id: 99999999, present: true }, 422],
    ["POST", `/api/admin/training/sessions/${course.sessions[0].id}/attendance`, { enrolment_id: "x" }, 422],
    ["POST", "/api/admin/training/enrolments/99999999/assessment", { outcome: "passed" }, 404],
    ["POST", "/api/admin/training/certificates/99999999/revoke", { reason: "错了" }, 404],
    ["GET", "/api/admin/training/courses?kind=party&cursor=zz", undefined, 422],
    ["GET", "/api/admin/training/figures?from=2025-13", undefined, 422],
    ["GET", "/api/admin/training/figures.csv?from=2025-01&to=2020-01", undefined, 422],
  ];
  for (const [method, path, body, want] of bads) {
    const opts = method === "GET" ? {} : typeof body === "string" ? { raw: body, headers: { "content-type": "application/json", "idempotency-key": `tr-${uid()}-${uid()}` } } : { body, headers: { "idempotency-key": `tr-${uid()}-${uid()}` } };
    const r = await admin.req(method, path, opts);
    assert.equal(r.status, want, `${method} ${path}: ${r.status} ${r.text.slice(0, 160)}`);
  }
  const w = await worker();
  const workerBads = [
    ["GET", "/api/training/courses?lat=31", undefined, 422],
    ["GET", "/api/training/courses?radius_km=0", undefined, 422],
    ["GET", "/api/training/courses/99999999", undefined, 404],
    ["POST", `/api/training/courses/${course.id}/enrolments`, { name: "1" }, 422],
    ["POST", `/api/training/courses/${course.id}/enrolments`, {}, 422],
    ["POST", "/api/training/courses/99999999/enrolments", { name: "王秀英" }, 404],
    ["POST", "/api/training/check-ins", { session_id: 1, exp: 1, sig: "nope" }, 422],
    ["POST", "/api/training/check-ins", { session_id: -1, exp: "x", sig: 5 }, 422],
    ["POST", "/api/training/enrolments/99999999/cancel", undefined, 404],
    ["GET", "/api/training/certificates/99999999/qr.svg", undefined, 404],
  ];
  for (const [method, path, body, want] of workerBads) {
    const r = await w.req(method, path, method === "GET" ? {} : { body, headers: { "idempotency-key": `tr-${uid()}-${uid()}` } });
    assert.equal(r.status, want, `${method} ${path}: ${r.status} ${r.text.slice(0, 160)}`);
  }
  // Replays: the same key returns the first answer, marked as a replay.
  const k = { headers: { "idempotency-key": `tr-replay-${uid()}` } };
  const first = await signUp(w, course.id, "吴秀英", k);
  const replay = await signUp(w, course.id, "吴秀英", k);
  assert.equal(replay.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(replay.body, first.body);
  assert.equal((await signUp(w, course.id, "别的名字", k)).status, 422, "the same key for another body");
  const ck = { headers: { "idempotency-key": `tr-cancel-${uid()}` } };
  const c1 = await w.post(`/api/training/enrolments/${first.body.enrolment.id}/cancel`, undefined, ck);
  const c2 = await w.post(`/api/training/enrolments/${first.body.enrolment.id}/cancel`, undefined, ck);
  assert.equal(c2.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(c2.body, c1.body);
  const madeKey = { headers: { "idempotency-key": `tr-course-${uid()}` } };
  const body = courseBody(t.a.id);
  const m1 = await admin.post("/api/admin/training/courses", body, madeKey);
  const m2 = await admin.post("/api/admin/training/courses", body, madeKey);
  assert.equal(m2.body.course.id, m1.body.course.id, "a retried creation is one course");
  // Anonymous callers get 401 on worker routes.
  assert.equal((await new Client({ ip: freshIp() }).post(`/api/training/courses/${course.id}/enrolments`, { name: "王秀英" }, idem())).status, 401);
});
