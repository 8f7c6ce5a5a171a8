// Leaving the union (退会) and withdrawing the enrolment consent, against the
// real Worker: shared-validation refusals in zh and en, one effect per
// Idempotency-Key, the timeline, the card that stops verifying, the staff
// figures and audit log, and ID numbers that are really purged (read back via
// the API, the export and the D1 rows themselves), and the housekeeping that erases
// closed applications after 90 days and ended memberships after 30, as the
// consent statement promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { housekeeping, sql, sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { form } from "../lib/people.mjs";

const key = () => `leave-${uid()}-${uid()}`;
const send = (w, path, body, k = key()) => w.post(path, body, { headers: { "idempotency-key": k } });
const leave = (w, body, k) => send(w, "/api/membership/leave", body, k);
const withdraw = (w, body, k) => send(w, "/api/membership/consent/withdraw", body, k);

/** Asia/Shanghai date `days` from today, YYYY-MM-DD. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);

async function place() {
  const t = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: t.p.id });
  return { ...t, reviewer };
}

async function applyTo(w, unionId, f = form()) {
  const r = await send(w, "/api/membership/applications", { union_id: unionId, form: f });
  assert.equal(r.status, 200, r.text);
  return r.body.application;
}

/** A worker who is a member of `unionId`: their client, member number and card's verify query. */
async function member(unionId, reviewer, f = form()) {
  const w = await worker();
  const app = await applyTo(w, unionId, f);
  const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
  assert.equal(d.status, 200, d.text);
  const card = await w.get("/api/membership/card");
  return { w, app, no: d.body.results[0].member_no, query: new URL(card.body.card.verify_path, "http://x").search };
}

/** Rows of a query on the run's local D1. */
const d1 = (query) => JSON.parse(sqlJson(query));

test("leaving is refused with the shared rule's words, in zh and en", async () => {
  const { a, reviewer } = await place();
  const { w } = await member(a.id, reviewer);
  for (const [body, field, zh] of [
    [{ effective_on: shanghaiDay() }, "reason", /退会原因/],
    [{ reason: "changed_job" }, "effective_on", /退会日期/],
    [{ reason: "changed_job", effective_on: shanghaiDay(-1) }, "effective_on", /不能早于今天/],
    [{ reason: "changed_job", effective_on: shanghaiDay(91) }, "effective_on", /90天/],
    [{ reason: "consent_withdrawn", effective_on: shanghaiDay() }, "reason", /撤回同意/],
    [{ reason: "other", effective_on: shanghaiDay(), note: "字".repeat(201) }, "note", /200/],
  ]) {
    const r = await leave(w, body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.body.error.fields[field], zh);
  }
  w.lang = "en";
  const en = await leave(w, { reason: "changed_job", effective_on: shanghaiDay(-1) });
  assert.match(en.body.error.fields.effective_on, /past/);
  const noKey = await w.post("/api/membership/leave", { reason: "changed_job", effective_on: shanghaiDay() });
  assert.equal(noKey.status, 400);
  for (const raw of ["{", "[]", JSON.stringify({ reason: "bored", effective_on: shanghaiDay() }), JSON.stringify({ reason: "other", effective_on: "tomorrow" })]) {
    const g = await w.req("POST", "/api/membership/leave", { raw, headers: { "content-type": "application/json", "idempotency-key": key() } });
    assert.ok(g.status >= 400 && g.status < 500, `${raw}: ${g.status}`);
  }
  // Nothing changed.
  assert.equal((await w.get("/api/membership/card")).status, 200);
  // Not a member: nothing to leave.
  const stranger = await worker();
  assert.equal((await leave(stranger, { reason: "other", effective_on: shanghaiDay() })).status, 404);
});

test("a member leaves today: once per key, on the timeline with the reason, the card invalid, counted and audited", async () => {
  const { a, reviewer } = await place();
  const { w, no, query } = await member(a.id, reviewer);
  const before = (await reviewer.get(`/api/admin/membership/figures?union_id=${a.id}`)).body.totals.left;
  const k = key();
  const body = { reason: "changed_job", note: "去外地的工地了", effective_on: shanghaiDay() };
  const r = await leave(w, body, k);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.memberships[0].status, "ended");
  assert.equal(r.body.memberships[0].ended_on, shanghaiDay());
  const replay = await leave(w, body, k);
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.body, r.body);
  const h = (await w.get("/api/membership/me")).body;
  const left = h.timeline.filter((e) => e.kind === "left");
  assert.equal(left.length, 1, "one leaving, however often the phone retried");
  assert.equal(left[0].note, "changed_job");
  assert.equal(left[0].member_no, no);
  // The card: no longer shown, and a scan of the old one says it is no longer valid.
  assert.equal((await w.get("/api/membership/card")).status, 404);
  const v = await reviewer.get(`/api/membership/verify${query}`);
  assert.deepEqual([v.body.valid, v.body.reason], [false, "ended"]);
  // Staff figures count it this month; the log says who did what.
  const fig = (await reviewer.get(`/api/admin/membership/figures?union_id=${a.id}`)).body;
  assert.equal(fig.totals.left, before + 1);
  assert.equal(fig.rows.find((x) => x.month === shanghaiDay().slice(0, 7) && x.union_id === a.id).left, 1);
  const log = (await reviewer.get(`/api/admin/audit?union_id=${a.id}`)).body.entries.filter((e) => e.action === "membership.leave");
  assert.equal(log.length, 1);
  assert.equal(log[0].staff_name, "会员本人");
  // Another key: nothing left to leave.
  assert.equal((await leave(w, body)).status, 404);
});

test("leaving on a later day keeps the card valid until then; withdrawing consent ends it today instead", async () => {
  const { a, b, reviewer } = await place();
  const { w, query } = await member(a.id, reviewer);
  const on = shanghaiDay(30);
  const r = await leave(w, { reason: "moved_away", effective_on: on });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.memberships[0].status, r.body.memberships[0].leaving_on], ["active", on]);
  assert.equal((await w.get("/api/membership/card")).status, 200);
  assert.equal((await reviewer.get(`/api/membership/verify${query}`)).body.valid, true);
  const again = await leave(w, { reason: "other", effective_on: shanghaiDay(5) });
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, new RegExp(on));
  const move = await send(w, "/api/membership/transfers", { to_union_id: b.id, employer_or_project: "合肥东站改造工程", reason: "" });
  assert.equal(move.status, 409, "a member on the way out does not transfer");
  const left = (await w.get("/api/membership/me")).body.timeline.filter((e) => e.kind === "left");
  assert.equal(left.length, 1);
  assert.equal(left[0].at.slice(0, 10), shanghaiDay(29), "counted from the first moment of that day in Shanghai");

  const c = await withdraw(w, { understood: true });
  assert.equal(c.status, 200, c.text);
  const h = (await w.get("/api/membership/me")).body;
  assert.equal(h.memberships[0].status, "ended");
  const leftNow = h.timeline.filter((e) => e.kind === "left");
  assert.deepEqual(leftNow.map((e) => e.note), ["consent_withdrawn"], "the later leaving became today's");
  assert.equal((await reviewer.get(`/api/membership/verify${query}`)).body.valid, false);
});

test("withdrawing consent must be confirmed, in zh and en", async () => {
  const w = await worker();
  const r = await withdraw(w, { understood: false });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.understood, /看懂/);
  w.lang = "en";
  assert.match((await withdraw(w, {})).body.error.fields.understood, /understand/);
  assert.equal((await w.post("/api/membership/consent/withdraw", { understood: true })).status, 400, "needs an Idempotency-Key");
});

test("withdrawing consent on a pending application: withdrawn, its ID number purged for good", async () => {
  const { a, reviewer } = await place();
  const w = await worker();
  const f = form({ name: "周撤回" });
  const app = await applyTo(w, a.id, f);
  assert.equal((await reviewer.post(`/api/admin/applications/${app.id}/reveal-id`)).status, 200);
  const k = key();
  const r = await withdraw(w, { understood: true }, k);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { applications_withdrawn: 1 });
  assert.deepEqual((await withdraw(w, { understood: true }, k)).body, r.body, "a retry answers the same");

  const mine = (await w.get("/api/membership/applications")).body.applications;
  assert.deepEqual([mine[0].status, mine[0].id_number_masked], ["withdrawn", ""]);
  const timeline = (await w.get("/api/membership/me")).body.timeline;
  assert.equal(timeline.at(-1).kind, "withdrawn");
  // Staff can no longer see the number, nor the name or details.
  const reveal = await reviewer.post(`/api/admin/applications/${app.id}/reveal-id`);
  assert.equal(reveal.status, 404);
  assert.match(reveal.body.error.message, /已经删除/);
  const queue = await reviewer.get(`/api/admin/applications?union_id=${a.id}`);
  assert.ok(!queue.text.includes(f.name) && !queue.text.includes(f.contact_address));
  // The export holds no trace of it.
  const data = await w.get("/api/me/data");
  assert.equal(data.status, 200);
  assert.ok(!data.text.includes(app.id_number_masked) && !data.text.includes(f.name));
  const audit = (await reviewer.get(`/api/admin/audit?union_id=${a.id}`)).body.entries;
  assert.ok(audit.some((e) => e.action === "membership.consent_withdrawn" && e.target_id === String(app.id)));
  // The row itself, in the D1 file.
  const rows = d1(`SELECT name, id_number_sealed, id_number_index, id_number_masked, contact_address FROM applications WHERE id = ${Number(app.id)}`);
  assert.deepEqual(rows, [{ name: "(已撤回同意)", id_number_sealed: null, id_number_index: null, id_number_masked: "", contact_address: "" }]);
});

test("withdrawing consent as a member: the membership ends today, the number is purged, joining again is possible", async () => {
  const { a, reviewer } = await place();
  const f = form();
  const { w, no, query } = await member(a.id, reviewer, f);
  const r = await withdraw(w, { understood: true });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { applications_withdrawn: 0, membership_ended: no });
  const h = (await w.get("/api/membership/me")).body;
  assert.deepEqual([h.memberships[0].status, h.memberships[0].ended_on], ["ended", shanghaiDay()]);
  assert.equal(h.timeline.at(-1).kind, "left");
  assert.equal(h.timeline.at(-1).note, "consent_withdrawn");
  assert.equal((await w.get("/api/membership/card")).status, 404);
  assert.equal((await reviewer.get(`/api/membership/verify${query}`)).body.valid, false);
  assert.equal((await reviewer.post(`/api/admin/members/${no}/reveal-id`)).status, 404);
  const listed = (await reviewer.get(`/api/admin/members?union_id=${a.id}`)).body.members.find((m) => m.member_no === no);
  assert.deepEqual([listed.name, listed.id_number_masked, listed.status], ["(已撤回同意)", "", "ended"]);
  const rows = d1(`SELECT id_number_sealed, id_number_index FROM members WHERE member_no = '${no.replace(/'/g, "")}'`);
  assert.deepEqual(rows, [{ id_number_sealed: null, id_number_index: null }]);
  // With new consent, the same person may apply again.
  const again = await send(w, "/api/membership/applications", { union_id: a.id, form: f });
  assert.equal(again.status, 200, again.text);
});

test("housekeeping erases what the consent statement says is deleted: closed applications after 90 days, ended memberships after 30", async () => {
  const { a, reviewer } = await place();
  const applicant = async () => {
    const w = await worker();
    const app = await applyTo(w, a.id);
    const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "reject", reason: "材料不全" });
    assert.equal(d.status, 200, d.text);
    return app.id;
  };
  const [oldApp, recentApp] = [await applicant(), await applicant()];
  const leaver = async () => {
    const m = await member(a.id, reviewer);
    assert.equal((await leave(m.w, { reason: "changed_job", effective_on: shanghaiDay() })).status, 200);
    return m.no;
  };
  const [oldMember, recentMember] = [await leaver(), await leaver()];
  // Let time pass: one of each just past its period, one just inside it.
  const ago = (days) => new Date(Date.now() - days * 86400e3).toISOString();
  sql(`UPDATE applications SET decided_at = '${ago(91)}' WHERE id = ${Number(oldApp)}`);
  sql(`UPDATE applications SET decided_at = '${ago(89)}' WHERE id = ${Number(recentApp)}`);
  sql(`UPDATE members SET ended_on = '${shanghaiDay(-31)}' WHERE member_no = '${oldMember.replace(/'/g, "")}'`);
  sql(`UPDATE members SET ended_on = '${shanghaiDay(-29)}' WHERE member_no = '${recentMember.replace(/'/g, "")}'`);
  await housekeeping();
  const apps = d1(`SELECT id, id_number_sealed IS NULL AS erased, id_number_masked FROM applications WHERE id IN (${Number(oldApp)}, ${Number(recentApp)}) ORDER BY id`);
  assert.deepEqual(apps.map((r) => [r.id, r.erased]), [[oldApp, 1], [recentApp, 0]]);
  assert.equal(apps[0].id_number_masked, "");
  const members = d1(`SELECT member_no, id_number_sealed IS NULL AS erased, name FROM members WHERE member_no IN ('${oldMember}', '${recentMember}')`);
  const erased = Object.fromEntries(members.map((r) => [r.member_no, [r.erased, r.name]]));
  assert.deepEqual(erased[oldMember], [1, "(已删除)"]);
  assert.equal(erased[recentMember][0], 0);
  // Staff can no longer reveal the erased number.
  assert.equal((await reviewer.post(`/api/admin/members/${oldMember}/reveal-id`)).status, 404);
});
