// Wage-arrears cases against the real Worker: filing once per key, the
// collective complaint by a signed invitation (each claimant sees only their
// own money), the status machine with the data each move needs, scope, 4xx
// for bad input, the overdue list and the employer's wage record.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { sql, sqlJson, staff, tree, worker } from "../lib/fixtures.mjs";
import { verifiedEmployer } from "../lib/jobs.mjs";
import { act, claim, complaintBody, day, file, idem, invitation, join } from "../lib/cases.mjs";

let t, admin, staffA, staffB;

before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
  staffA = await staff({ role: "staff", unionId: t.a.id, creator: admin });
  staffB = await staff({ role: "staff", unionId: t.b.id, creator: admin });
});

test("filing is idempotent per key and lands at the site's union", async () => {
  const w = await worker();
  const body = complaintBody(t.a.id);
  const key = idem();
  const first = await w.post("/api/rights/cases", body, key);
  assert.equal(first.status, 200, first.text);
  const again = await w.post("/api/rights/cases", body, key);
  assert.equal(again.status, 200);
  assert.equal(again.body.case.id, first.body.case.id);
  const c = first.body.case;
  assert.equal(c.status, "registered");
  assert.equal(c.union.id, t.a.id);
  assert.equal(c.claimant_count, 1);
  assert.equal(c.mine.amount_claimed_fen, 600000);
  assert.deepEqual(c.claimants, []);
  const mine = await w.get("/api/rights/cases");
  assert.equal(mine.body.cases.filter((x) => x.id === c.id).length, 1);
  // A's staff see it, B's do not.
  assert.equal((await staffA.get(`/api/admin/rights/cases/${c.id}`)).status, 200);
  assert.equal((await staffB.get(`/api/admin/rights/cases/${c.id}`)).status, 404);
  const queueB = await staffB.get("/api/admin/rights/cases");
  assert.ok(!queueB.body.cases.some((x) => x.id === c.id));
  const queueA = await staffA.get("/api/admin/rights/cases");
  assert.ok(queueA.body.cases.some((x) => x.id === c.id));
  // Another worker cannot read it.
  assert.equal((await (await worker()).get(`/api/rights/cases/${c.id}`)).status, 404);
});

test("bad complaints are 4xx naming the field, never 5xx", async () => {
  const w = await worker();
  const bad = [
    [{ period_to: day(1) }, "period_to"],
    [{ employer: { kind: "boss", name: "李老板", phone: "123" } }, "employer.phone"],
    [{ employer: { kind: "verified", employer_id: 999999 } }, "employer.employer_id"],
    [{ site: { name: "项目", address: "某地某路", union_id: 999999 } }, "site.union_id"],
    [{ claim: claim({ days: 0 }) }, "claim.days"],
    [{ claim: claim({ amount_claimed_fen: -5 }) }, "claim.amount_claimed_fen"],
    [{ claim: claim({ still_employed: false, left_on: null }) }, "claim.left_on"],
    [{ claim: claim({ evidence: ["not-an-id"] }) }, "claim.evidence[0]"],
  ];
  for (const [o, field] of bad) {
    const r = await w.post("/api/rights/cases", complaintBody(t.a.id, o), idem());
    assert.equal(r.status, 422, `${field}: ${r.status} ${r.text}`);
    assert.ok(field in r.body.error.fields, `${field}: ${r.text}`);
  }
  for (const body of [{}, { period_from: "x" }, { ...complaintBody(t.a.id), employer: { kind: "nobody" } }]) {
    const r = await w.post("/api/rights/cases", body, idem());
    assert.ok(r.status >= 400 && r.status < 500, `${r.status} ${r.text}`);
  }
  // An evidence id that is well formed but not the worker's.
  const r = await w.post("/api/rights/cases", complaintBody(t.a.id, { claim: claim({ evidence: ["A".repeat(43)] }) }), idem());
  assert.equal(r.status, 422, r.text);
});

test("co-workers join by the signed invitation, each with their own days and amount, and see only their own money", async () => {
  const filer = await worker();
  const c = await file(filer, t.a.id);
  const inv = await invitation(filer, c.id);
  assert.match(inv.path, /^\/rights\/join\?c=\d+&exp=\d+&sig=[0-9a-f]{64}$/);
  const second = await worker();
  const preview = await second.get(`/api/rights/case-invites?c=${inv.c}&exp=${inv.exp}&sig=${inv.sig}`);
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.body.joined, false);
  assert.equal(preview.body.open_to_join, true);
  // A forged or expired invitation learns nothing.
  assert.equal((await second.get(`/api/rights/case-invites?c=${inv.c}&exp=${inv.exp}&sig=${"0".repeat(64)}`)).status, 404);
  assert.equal((await join(second, { ...inv, exp: inv.exp + 1 }, {})).status, 404);
  assert.equal((await join(second, { ...inv, c: inv.c + 1 }, {})).status, 404);
  const joined = await join(second, inv, { name: "张小兵", days: 15, amount_claimed_fen: 450000 });
  assert.equal(joined.status, 200, joined.text);
  assert.equal(joined.body.case.claimant_count, 2);
  assert.equal(joined.body.case.mine.amount_claimed_fen, 450000);
  assert.equal(joined.body.case.claimed_fen, 450000);
  assert.ok(!joined.text.includes("王建国"), "a co-worker does not see the others' names");
  // Once only.
  assert.equal((await join(second, inv, { name: "张小兵" })).status, 409);
  // Bad claims are 422.
  const third = await worker();
  const bad = await join(third, inv, { days: 999 });
  assert.equal(bad.status, 422, bad.text);
  assert.ok("claim.days" in bad.body.error.fields);
  // Staff see both claims; the filer still sees only theirs.
  const all = await staffA.get(`/api/admin/rights/cases/${c.id}`);
  assert.deepEqual(all.body.case.claimants.map((k) => k.amount_claimed_fen), [600000, 450000]);
  assert.equal(all.body.case.claimed_fen, 1050000);
  const own = await filer.get(`/api/rights/cases/${c.id}`);
  assert.equal(own.body.case.claimed_fen, 600000);
  assert.equal(own.body.case.claimants.length, 0);
  // Once accepted, nobody joins.
  assert.equal((await act(staffA, c.id, { action: "accept" })).status, 200);
  assert.equal((await join(third, inv, {})).status, 409);
  assert.equal((await filer.get(`/api/rights/cases/${c.id}/invite`)).status, 409);
});

test("the machine: information asked for, mediation, an agreement per worker, recovery, follow-up, close — and the employer's record", async () => {
  const employer = await verifiedEmployer(admin, t.a.id);
  const filer = await worker();
  const c = await file(filer, t.a.id, { employer: { kind: "verified", employer_id: employer.id } });
  assert.equal(c.employer.employer_id, employer.id);
  const other = await worker();
  const inv = await invitation(filer, c.id);
  const joined = (await join(other, inv, { name: "赵二", amount_claimed_fen: 300000 })).body.case;
  // Wrong moves are 409; bad data 422.
  assert.equal((await act(staffA, c.id, { action: "agree", lines: [] })).status, 409);
  assert.equal((await act(staffA, c.id, { action: "request_info", missing: [] })).status, 422);
  assert.equal((await act(staffA, c.id, { action: "fly" })).status, 422);
  const asked = await act(staffA, c.id, { action: "request_info", missing: ["考勤记录照片"] });
  assert.equal(asked.status, 200, asked.text);
  assert.equal(asked.body.case.status, "needs_info");
  const seen = await filer.get(`/api/rights/cases/${c.id}`);
  assert.deepEqual(seen.body.case.missing, ["考勤记录照片"]);
  // Only the filer says it is added.
  assert.equal((await other.post(`/api/rights/cases/${c.id}/info-supplied`, undefined, idem())).status, 403);
  const supplied = await filer.post(`/api/rights/cases/${c.id}/info-supplied`, undefined, idem());
  assert.equal(supplied.status, 200, supplied.text);
  assert.equal(supplied.body.case.status, "verifying");
  // B's staff cannot move it.
  assert.equal((await act(staffB, c.id, { action: "accept" })).status, 404);
  assert.equal((await act(staffA, c.id, { action: "accept" })).body.case.status, "accepted");
  const accepted = (await staffA.get(`/api/admin/rights/cases/${c.id}`)).body.case;
  assert.equal(accepted.accepted_on, day(0));
  const mediation = accepted.clocks.find((k) => k.kind === "mediation");
  assert.equal(mediation.due_on, day(15));
  assert.equal(mediation.state, "running");
  // Sessions only while mediating.
  assert.equal((await staffA.post(`/api/admin/rights/cases/${c.id}/sessions`, { held_on: day(0), result: "continued" }, idem())).status, 409);
  assert.equal((await act(staffA, c.id, { action: "start_mediation" })).status, 200);
  const s = await staffA.post(`/api/admin/rights/cases/${c.id}/sessions`, { held_on: day(0), result: "continued", note: "老板答应月底前付" }, idem());
  assert.equal(s.status, 200, s.text);
  assert.equal(s.body.case.sessions.length, 1);
  assert.equal((await staffA.post(`/api/admin/rights/cases/${c.id}/sessions`, { held_on: day(1), result: "continued" }, idem())).status, 422);
  const [k1, k2] = s.body.case.claimants.map((k) => k.id);
  // The agreement names every claimant.
  assert.equal((await act(staffA, c.id, { action: "agree", lines: [{ claimant_id: k1, amount_fen: 600000, pay_by: day(10) }] })).status, 422);
  const agreed = await act(staffA, c.id, { action: "agree", lines: [{ claimant_id: k1, amount_fen: 600000, pay_by: day(10) }, { claimant_id: k2, amount_fen: 280000, pay_by: day(10) }] });
  assert.equal(agreed.status, 200, agreed.text);
  assert.equal(agreed.body.case.status, "agreed");
  const mineAgreed = (await other.get(`/api/rights/cases/${c.id}`)).body.case;
  assert.equal(mineAgreed.mine.agreed_fen, 280000);
  assert.equal(mineAgreed.mine.pay_by, day(10));
  // A partial recovery, then the rest.
  const part = await act(staffA, c.id, { action: "recover", lines: [{ claimant_id: k1, amount_fen: 600000, paid_on: day(0) }] });
  assert.equal(part.status, 200, part.text);
  assert.equal(part.body.case.status, "recovered");
  const rest = await act(staffA, c.id, { action: "recover", lines: [{ claimant_id: k2, amount_fen: 280000, paid_on: day(0) }] });
  assert.equal(rest.body.case.recovered_fen, 880000);
  assert.equal((await filer.get(`/api/rights/cases/${c.id}`)).body.case.mine.recovered_fen, 600000);
  assert.equal((await other.get(`/api/rights/cases/${c.id}`)).body.case.mine.recovered_fen, 280000);
  // The employer page shows nothing while the case is open.
  const before = await (await worker()).get(`/api/employers/${employer.id}`);
  assert.equal(before.body.employer.wage_record.closed_cases, 0);
  assert.equal(before.body.employer.wage_record.open_cases, 0);
  assert.equal((await act(staffA, c.id, { action: "follow_up", satisfaction: "satisfied" })).body.case.status, "follow_up");
  assert.equal((await staffA.post(`/api/admin/rights/cases/${c.id}/settled-on-time`, { settled: true })).status, 409);
  const closed = await act(staffA, c.id, { action: "close", note: "" });
  assert.equal(closed.body.case.status, "closed");
  assert.equal((await act(staffA, c.id, { action: "close", note: "" })).status, 409);
  const after = (await (await worker()).get(`/api/employers/${employer.id}`)).body.employer.wage_record;
  assert.equal(after.closed_cases, 1);
  assert.equal(after.recovered_fen, 880000);
  assert.equal(after.settled_on_time, 0);
  assert.equal((await staffA.post(`/api/admin/rights/cases/${c.id}/settled-on-time`, { settled: true })).status, 200);
  assert.equal((await (await worker()).get(`/api/employers/${employer.id}`)).body.employer.wage_record.settled_on_time, 1);
  // History: every step, in order.
  const h = (await filer.get(`/api/rights/cases/${c.id}`)).body.case.history.map((e) => e.status);
  assert.deepEqual(h, ["registered", "needs_info", "verifying", "accepted", "mediating", "agreed", "recovered", "recovered", "follow_up", "closed"]);
  // Each claimant was texted at every status change.
  const texts = JSON.parse(sqlJson(`SELECT count(*) AS n FROM rights_case_notices WHERE case_id = ${c.id} AND sent_at IS NOT NULL`))[0].n;
  assert.ok(texts >= 14, `texts sent: ${texts}`);
  void joined;
  void inv;
});

test("a declined case says why; a referral starts the office's clock in working days", async () => {
  const w = await worker();
  const c = await file(w, t.a.id);
  assert.equal((await act(staffA, c.id, { action: "decline", reason: "" })).status, 422);
  const declined = await act(staffA, c.id, { action: "decline", reason: "不属于劳动关系纠纷" });
  assert.equal(declined.body.case.status, "not_accepted");
  assert.equal((await w.get(`/api/rights/cases/${c.id}`)).body.case.reason, "不属于劳动关系纠纷");
  const c2 = await file(w, t.a.id);
  await act(staffA, c2.id, { action: "accept" });
  assert.equal((await act(staffA, c2.id, { action: "refer", to: "inspection", on: day(1) })).status, 422);
  const referred = await act(staffA, c2.id, { action: "refer", to: "inspection", on: day(0) });
  assert.equal(referred.status, 200, referred.text);
  const clock = referred.body.case.clocks.find((k) => k.kind === "inspection_acceptance");
  assert.ok(clock, referred.text);
  // Five working days: at least 7 calendar days when a weekend is in between.
  const span = (Date.parse(clock.due_on) - Date.parse(day(0))) / 86400e3;
  assert.ok(span >= 5 && span <= 12, `${span}`);
  const acc = await act(staffA, c2.id, { action: "referral_accepted", on: day(0) });
  assert.ok(acc.body.case.clocks.some((k) => k.kind === "inspection_investigation" && k.extended_to));
});

test("ten or more workers choose 3 to 5 representatives before the case is accepted", async () => {
  const filer = await worker();
  const c = await file(filer, t.a.id);
  const inv = await invitation(filer, c.id);
  for (let i = 0; i < 9; i++) {
    const r = await join(await worker(), inv, { name: `工友${i}号` });
    assert.equal(r.status, 200, r.text);
  }
  assert.equal((await act(staffA, c.id, { action: "accept" })).status, 409);
  const ids = (await staffA.get(`/api/admin/rights/cases/${c.id}`)).body.case.claimants.map((k) => k.id);
  assert.equal(ids.length, 10);
  assert.equal((await filer.post(`/api/rights/cases/${c.id}/representatives`, { claimant_ids: ids.slice(0, 2) }, idem())).status, 422);
  assert.equal((await filer.post(`/api/rights/cases/${c.id}/representatives`, { claimant_ids: [ids[0], ids[1], 999999] }, idem())).status, 422);
  const ok = await filer.post(`/api/rights/cases/${c.id}/representatives`, { claimant_ids: ids.slice(0, 3) }, idem());
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.case.needs_representatives, false);
  assert.equal((await act(staffA, c.id, { action: "accept" })).status, 200);
  void inv;
});

test("a mediation clock 15 days past acceptance is on the overdue list and in 概览", async () => {
  const w = await worker();
  const c = await file(w, t.a.id);
  await act(staffA, c.id, { action: "accept" });
  const listed = async (due) => (await staffA.get(`/api/admin/rights/overdue${due ? `?due=${due}` : ""}`)).body.cases.find((x) => x.id === c.id);
  assert.equal(await listed(), undefined);
  // Backdate the acceptance 16 days, and the clock kept on the row with it.
  sql(`UPDATE rights_cases SET accepted_on = '${day(-16)}', next_due_on = '${day(-1)}', next_warn_on = '${day(-4)}' WHERE id = ${c.id}`);
  const late = await listed();
  assert.ok(late, "the case is overdue");
  assert.equal(late.clock.kind, "mediation");
  assert.equal(late.clock.state, "overdue");
  assert.equal(late.clock.days_left, -1);
  assert.equal((await staffB.get("/api/admin/rights/overdue")).body.cases.find((x) => x.id === c.id), undefined);
  const counts = (await staffA.get(`/api/admin/overview?union_id=${t.a.id}`)).body.counts;
  const due = counts.find((q) => q.queue === "cases_with_clock_due");
  assert.ok(due && due.count >= 1, JSON.stringify(counts));
  assert.equal((await staffA.get("/api/admin/rights/overdue?due=later")).status, 422);
  // The worker sees the clock too.
  const mine = (await w.get(`/api/rights/cases/${c.id}`)).body.case;
  assert.equal(mine.clocks[0].state, "overdue");
});

test("the calendar is seeded for 2026 and only platform admins change it; thresholds are public", async () => {
  const cal = await staffA.get("/api/admin/rights/calendar?year=2026");
  assert.equal(cal.status, 200, cal.text);
  assert.ok(cal.body.days.some((d) => d.date === "2026-10-10" && d.kind === "workday"));
  assert.equal(cal.body.days.filter((d) => d.kind === "holiday").length, 33);
  assert.equal((await admin.put("/api/admin/rights/calendar", { date: "2026-12-31", kind: "holiday", name: "测试" })).status, 403);
  const th = await (await worker()).get("/api/rights/thresholds");
  assert.ok(th.body.thresholds.some((x) => x.province_code === "430000" && x.individual_fen === 600000 && x.collective_fen === 4000000));
});
