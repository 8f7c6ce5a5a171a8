// What is shown and stored beside a sealed ID number, and key rotation
// (issue 12, items 1 and 14; docs/SECURITY.md "Attacks closed (issue 12)").
// Each test fails on a main without the rule: there the mask shows digits
// 15–18 and the birth date stands beside it, the idempotency table holds a
// plain SHA-256 of the body, and the blind-index key has no versions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { Client } from "../lib/client.mjs";
import { freshIp, housekeeping, PASSWORD, sql, sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { finishSignIn } from "../lib/totp.mjs";
import { form } from "../lib/people.mjs";
import { devVar } from "../lib/server.mjs";
import { blindIndex, currentIndex, currentKey, hasKeys, open, seal } from "../lib/sealed.mjs";

const rows = (query) => JSON.parse(sqlJson(query));
const idem = () => ({ headers: { "idempotency-key": `pii-${uid()}-${uid()}` } });
const ENROL = "/api/membership/applications";
/** The ways a birth date could be written down. */
const dateForms = (id) => [id.slice(6, 14), `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`];

async function enrolled(unionId, reviewer) {
  const w = await worker();
  const f = form();
  const r = await w.post(ENROL, { union_id: unionId, form: f }, idem());
  assert.equal(r.status, 200, r.text);
  const app = r.body.application;
  const [{ user_id }] = rows(`SELECT user_id FROM applications WHERE id = ${Number(app.id)}`);
  let memberNo;
  if (reviewer) {
    const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
    assert.equal(d.status, 200, d.text);
    memberNo = d.body.results[0].member_no;
  }
  return { w, f, app, userId: user_id, memberNo };
}

test("ID numbers: the mask shows only the area code, and only the birth year is shown or stored beside it", async () => {
  const { p, a } = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: p.id });
  const { w, f, app, memberNo } = await enrolled(a.id, null);
  const id = f.id_number;
  const mask = `${id.slice(0, 6)}${"*".repeat(12)}`;
  const hidden = [...dateForms(id), id.slice(14)];
  assert.equal(app.id_number_masked, mask);

  // The review queue: mask, gender and year; no date, no sequence, no check character.
  const queue = await reviewer.get(`/api/admin/applications?union_id=${a.id}`);
  const item = queue.body.applications.find((x) => x.application_id === app.id);
  assert.equal(item.applicant.id_number_masked, mask);
  assert.equal(item.applicant.birth_year, Number(id.slice(6, 10)));
  assert.equal(item.applicant.gender, f.gender);
  assert.ok(!("birth_date" in item.applicant));
  for (const h of hidden) assert.ok(!JSON.stringify(item).includes(h), `the queue shows ${h}`);

  // Approved: the member list and the worker's own screens show no more.
  const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
  assert.equal(d.status, 200, d.text);
  const no = d.body.results[0].member_no ?? memberNo;
  const members = await reviewer.get(`/api/admin/members?union_id=${a.id}`);
  const row = members.body.members.find((m) => m.member_no === no);
  assert.equal(row.id_number_masked, mask);
  for (const path of ["/api/membership/applications", "/api/membership/me", "/api/me/data"]) {
    const r = await w.get(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    for (const h of hidden) assert.ok(!r.text.includes(h), `${path} shows ${h}`);
  }
  // The audited reveal still gives the whole number.
  assert.equal((await reviewer.post(`/api/admin/members/${no}/reveal-id`)).body.id_number, id);

  // D1 keeps no birth date column, and no value holding the date or digits 15–18.
  for (const table of ["applications", "members"]) {
    const columns = rows(`SELECT name FROM pragma_table_info('${table}')`).map((c) => c.name);
    assert.ok(!columns.includes("birth_date") && columns.includes("birth_year"), `${table}: ${columns}`);
  }
  const stored = [
    ...rows(`SELECT * FROM applications WHERE id = ${Number(app.id)}`),
    ...rows(`SELECT * FROM members WHERE member_no = '${no.replace(/'/g, "")}'`),
  ];
  assert.equal(stored.length, 2);
  for (const r of stored) {
    assert.equal(r.id_number_masked, mask);
    assert.equal(r.birth_year, Number(id.slice(6, 10)));
    for (const [column, value] of Object.entries(r)) {
      if (column === "id_number_sealed" || column === "id_number_index") continue;
      for (const h of hidden) assert.ok(!String(value).includes(h), `${column} holds ${h}`);
    }
  }
});

test("idempotency: the fingerprint of an enrolment is keyed, never a plain hash of a body holding an ID number", async () => {
  const { a } = await tree();
  const w = await worker();
  const body = { union_id: a.id, form: form() };
  const key = `pii-${uid()}-${uid()}`;
  const first = await w.post(ENROL, body, { headers: { "idempotency-key": key } });
  assert.equal(first.status, 200, first.text);
  const [stored] = rows(`SELECT request_hash FROM idempotency_keys WHERE key = '${key}'`);
  const text = `POST ${ENROL}\n${JSON.stringify(body)}`;
  const plain = createHash("sha256").update(text).digest("hex");
  assert.notEqual(stored.request_hash, plain, "an unkeyed SHA-256 lets a copy of D1 test guessed ID numbers");
  const keyed = createHmac("sha256", Buffer.from(devVar("SIGNING_KEY"), "utf8")).update(`gongyou/idempotency/v1\n${text}`).digest("hex");
  assert.equal(stored.request_hash, keyed);
  // Replays still work, and another body under the key is still refused.
  const replay = await w.post(ENROL, body, { headers: { "idempotency-key": key } });
  assert.equal(replay.status, 200);
  assert.equal(replay.headers.get("idempotent-replayed"), "true");
  const other = await w.post(ENROL, { ...body, form: { ...body.form, hometown: "四川省雅安市天全县" } }, { headers: { "idempotency-key": key } });
  assert.equal(other.status, 422);
});

const stale = () =>
  ["applications", "members"]
    .map((t) => rows(`SELECT count(*) AS n FROM ${t} WHERE id_number_sealed IS NOT NULL AND (id_index_version <> ${currentIndex()} OR id_number_sealed NOT LIKE 'v${currentKey()}:%')`)[0].n)
    .reduce((x, y) => x + y, 0);

test("keys: housekeeping re-seals rows under an old key in bounded batches, and the blind index moves with them", async () => {
  assert.ok(currentKey() !== 1 && currentIndex() !== 1 && hasKeys(1), "worker/.dev.vars has an old version 1 of both keys (scripts/dev-vars.sh)");
  const { p, a } = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: p.id });
  const { f, app, userId, memberNo } = await enrolled(a.id, reviewer);
  const id = f.id_number;
  // As if sealed and indexed before the rotation: under version 1 of both keys.
  const old = seal(1, id, userId);
  const oldIndex = blindIndex(1, id);
  for (const t of ["applications", "members"]) {
    sql(`UPDATE ${t} SET id_number_sealed = '${old}', id_number_index = '${oldIndex}', id_index_version = 1 WHERE user_id = ${Number(userId)}`);
  }
  // And 250 more old rows (closed copies of the application), more than one run takes.
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
       INSERT INTO applications (user_id, union_id, union_path, kind, status, name, id_number_sealed, id_number_index, id_number_masked, gender, birth_year,
         hometown, employer_or_project, trade, employment_form, contact_address, consent_version, consent_at, submitted_at, decided_at, id_index_version)
       SELECT user_id, union_id, union_path, kind, 'withdrawn', name, id_number_sealed, id_number_index, id_number_masked, gender, birth_year,
         hometown, employer_or_project, trade, employment_form, contact_address, consent_version, consent_at, submitted_at, submitted_at, 1
       FROM applications, n WHERE id = ${Number(app.id)}`);
  // An old key is still read: the reveal works before any re-sealing.
  assert.equal((await reviewer.post(`/api/admin/members/${memberNo}/reveal-id`)).body.id_number, id);
  const before = stale();
  assert.ok(before >= 252, `${before}`);

  await housekeeping();
  assert.equal(stale(), before - 200, "one run re-seals at most 200 rows");
  await housekeeping();
  assert.equal(stale(), Math.max(0, before - 400));
  while (stale() > 0) await housekeeping();

  const moved = [
    ...rows(`SELECT id_number_sealed, id_number_index, id_index_version FROM applications WHERE user_id = ${Number(userId)}`),
    ...rows(`SELECT id_number_sealed, id_number_index, id_index_version FROM members WHERE user_id = ${Number(userId)}`),
  ];
  assert.equal(moved.length, 252);
  for (const r of moved) {
    assert.ok(r.id_number_sealed.startsWith(`v${currentKey()}:`));
    assert.equal(open(r.id_number_sealed, userId), id);
    assert.equal(r.id_number_index, blindIndex(currentIndex(), id));
    assert.equal(r.id_index_version, currentIndex());
  }
  assert.equal((await reviewer.post(`/api/admin/members/${memberNo}/reveal-id`)).body.id_number, id);
  assert.equal((await reviewer.post(`/api/admin/applications/${app.id}/reveal-id`)).body.id_number, id);
});

test("keys: housekeeping re-seals staff TOTP secrets under an old key too, and the authenticator still works", async () => {
  const s = await staff({ role: "staff", unionId: 3 });
  const id = Number(s.me.staff.staff_id);
  const aad = `staff-totp:${id}`;
  const [{ secret_sealed }] = rows(`SELECT secret_sealed FROM staff_second_factors WHERE staff_id = ${id}`);
  const plain = open(secret_sealed, null, aad);
  assert.ok(plain, "the secret opens with the current key");
  // As if set up before the rotation: sealed under version 1.
  sql(`UPDATE staff_second_factors SET secret_sealed = '${seal(1, plain, null, aad)}' WHERE staff_id = ${id}`);
  await housekeeping();
  const [after] = rows(`SELECT secret_sealed FROM staff_second_factors WHERE staff_id = ${id}`);
  assert.ok(after.secret_sealed.startsWith(`v${currentKey()}:`), after.secret_sealed.slice(0, 4));
  assert.equal(open(after.secret_sealed, null, aad), plain);
  // The same authenticator signs in.
  const c = new Client({ ip: freshIp() });
  const r = await c.post("/api/auth/staff-login", { username: s.username, password: PASSWORD });
  assert.equal((await finishSignIn(c, s.username, r)).me.staff.staff_id, id);
});

test("keys: the blind index is versioned; a look-up finds a member still indexed under the old version", async () => {
  assert.ok(currentIndex() !== 1 && hasKeys(1));
  const { p, a, b } = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: p.id });
  const { f, userId } = await enrolled(a.id, reviewer);
  const id = f.id_number;
  sql(`UPDATE members SET id_number_index = '${blindIndex(1, id)}', id_index_version = 1 WHERE user_id = ${Number(userId)}`);
  sql(`UPDATE applications SET id_number_index = '${blindIndex(1, id)}', id_index_version = 1 WHERE user_id = ${Number(userId)}`);
  // Someone else enrols with the member's number: staff still see the conflict,
  // and approving is still refused (the one-active-member index compares like with like).
  const stranger = await worker();
  const probe = await stranger.post(ENROL, { union_id: b.id, form: form({ id_number: id }) }, idem());
  assert.equal(probe.status, 200, probe.text);
  const queue = (await reviewer.get(`/api/admin/applications?union_id=${b.id}`)).body.applications;
  assert.equal(queue.find((x) => x.application_id === probe.body.application.id).id_number_conflict, true);
  const d = await reviewer.post(`/api/admin/applications/${probe.body.application.id}/decision`, { decision: "approve", reason: "" });
  assert.equal(d.body.results[0].skipped, "already_member");
  // The member's rows were moved to the current index on the way.
  for (const r of rows(`SELECT id_number_index, id_index_version FROM members WHERE user_id = ${Number(userId)}`)) {
    assert.deepEqual(r, { id_number_index: blindIndex(currentIndex(), id), id_index_version: currentIndex() });
  }
});
