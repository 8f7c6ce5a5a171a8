// The evidence locker (记工本) against the real Worker: appends linked into a
// hash chain with the server's receipt time, idempotent retries, corrections
// that supersede (append-only), the summary per employer and month, the
// verify endpoint (and a stored row changed behind the Worker's back making
// it fail), concurrent appends that never fork the chain, 对工 by a signed
// code, photos linked from the attachments module, scope and 4xx.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { admin as platformAdmin, sql, sqlJson, worker } from "../lib/fixtures.mjs";
import { verifiedEmployer } from "../lib/jobs.mjs";
import { append, dayBody, idem, shanghaiDay } from "../lib/locker.mjs";

const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const GENESIS = "0".repeat(64);

test("days are appended to a hash chain: seq, prev_hash, and SHA-256 over prev + canonical entry + receipt time", async () => {
  const w = await worker();
  const a = await append(w, { date: shanghaiDay(-3) });
  const b = await append(w, { date: shanghaiDay(-2), quantity_x100: 150, advance_fen: 20000, note: "加班半天" });
  assert.deepEqual([a.seq, b.seq], [1, 2]);
  assert.equal(a.prev_hash, GENESIS);
  assert.equal(b.prev_hash, a.hash);
  assert.match(a.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(b.earned_fen, 52500);
  assert.equal(a.day.boss_phone, "13800138000");
  // Recompute the first link exactly as documented.
  const canonical = JSON.stringify({
    v: "gongyou/rights-locker/v1", seq: 1, date: a.day.date, project: a.day.project, address: a.day.address,
    lat_e6: null, lng_e6: null, employer_id: null, employer_name: "王德发", boss_phone: "13800138000", pay_kind: "day",
    quantity_x100: 100, rate_fen: 35000, advance_fen: 0, paid_fen: 0, note: "", attachments: [], supersedes_seq: null,
  });
  assert.equal(a.hash, sha256(`${GENESIS}\n${canonical}\n${a.received_at}`));
  const v = await w.get("/api/rights/locker/verify");
  assert.equal(v.status, 200, v.text);
  assert.deepEqual([v.body.ok, v.body.entries, v.body.head_hash], [true, 2, b.hash]);
});

test("a retried append with the same key creates the entry once; the same key with another body is refused", async () => {
  const w = await worker();
  const key = idem();
  const first = await w.post("/api/rights/locker/entries", dayBody(), key);
  const again = await w.post("/api/rights/locker/entries", dayBody(), key);
  assert.equal(first.status, 200, first.text);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.equal(again.body.entry.id, first.body.entry.id);
  const other = await w.post("/api/rights/locker/entries", dayBody({ note: "别的" }), key);
  assert.equal(other.status, 422, other.text);
  const list = await w.get("/api/rights/locker/entries");
  assert.equal(list.body.entries.length, 1);
});

test("concurrent appends from one worker never fork the chain", async () => {
  const w = await worker();
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => w.post("/api/rights/locker/entries", dayBody({ date: shanghaiDay(-1 - i) }), idem())),
  );
  for (const r of results) assert.equal(r.status, 200, r.text);
  const seqs = results.map((r) => r.body.entry.seq).sort((x, y) => x - y);
  assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6]);
  const v = await w.get("/api/rights/locker/verify");
  assert.deepEqual([v.body.ok, v.body.entries], [true, 6], v.text);
});

test("a correction supersedes the old entry, which stays; only the correction counts in the summary; it is corrected once", async () => {
  const w = await worker();
  const d = shanghaiDay(-2);
  const old = await append(w, { date: d, quantity_x100: 100 });
  const fix = await append(w, { date: d, quantity_x100: 50, supersedes: old.id, note: "只干了半天" });
  assert.equal(fix.supersedes, old.id);
  assert.equal(fix.seq, 2);
  const got = await w.get(`/api/rights/locker/entries/${old.id}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.body.entry.superseded_by, fix.id);
  assert.equal(got.body.entry.day.quantity_x100, 100, "the old entry is kept as it was");
  const month = d.slice(0, 7);
  const s = await w.get(`/api/rights/locker/summary?month=${month}`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.body.employers.length, 1);
  assert.deepEqual([s.body.employers[0].days_worked, s.body.employers[0].day_units_x100, s.body.employers[0].earned_fen], [1, 50, 17500]);
  // Correcting the same entry again is a conflict; correcting the correction is fine.
  const twice = await w.post("/api/rights/locker/entries", dayBody({ date: d, supersedes: old.id }), idem());
  assert.equal(twice.status, 409, twice.text);
  const again = await append(w, { date: d, quantity_x100: 75, supersedes: fix.id });
  assert.equal(again.seq, 3);
  const v = await w.get("/api/rights/locker/verify");
  assert.deepEqual([v.body.ok, v.body.entries], [true, 3], v.text);
  // Another worker's entry cannot be corrected from here.
  const other = await worker();
  const foreign = await other.post("/api/rights/locker/entries", dayBody({ supersedes: again.id }), idem());
  assert.equal(foreign.status, 422, foreign.text);
  assert.ok(foreign.body.error.fields.supersedes);
});

test("the summary per employer and month: days, earned, advances, paid and owed", async () => {
  const w = await worker();
  const employer = await verifiedEmployer(await platformAdmin(), 3);
  const month = shanghaiDay(-1).slice(0, 7);
  // Days inside this month only (the 1st may be today).
  const days = [0, 1, 2].map((i) => `${month}-0${i + 1}`).filter((d) => d <= shanghaiDay(0));
  for (const d of days) await append(w, { date: d, advance_fen: 5000 });
  await append(w, { date: days[0], employer_id: employer.id, boss_name: "", boss_phone: "", pay_kind: "hour", quantity_x100: 400, rate_fen: 4000, paid_fen: 16000 });
  const s = await w.get(`/api/rights/locker/summary?month=${month}`);
  assert.equal(s.status, 200, s.text);
  const boss = s.body.employers.find((e) => e.employer_name === "王德发");
  const verified = s.body.employers.find((e) => e.employer_id === employer.id);
  assert.equal(verified.employer_name, employer.name, "a verified employer's name is recorded from its row");
  assert.deepEqual([boss.days_worked, boss.earned_fen, boss.advance_fen, boss.paid_fen, boss.owed_fen], [days.length, 35000 * days.length, 5000 * days.length, 0, 30000 * days.length]);
  assert.deepEqual([verified.hours_x100, verified.earned_fen, verified.paid_fen, verified.owed_fen], [400, 16000, 16000, 0]);
  assert.equal(s.body.totals.days_worked, days.length);
  assert.equal(s.body.totals.owed_fen, 30000 * days.length);
  const list = await w.get(`/api/rights/locker/entries?month=${month}`);
  assert.equal(list.body.entries.length, days.length + 1);
  // A pending (unverified) employer is refused.
  const bad = await w.post("/api/rights/locker/entries", dayBody({ employer_id: 999999999 }), idem());
  assert.equal(bad.status, 422, bad.text);
  assert.ok(bad.body.error.fields.employer_id);
});

test("stored rows are append-only; a row changed behind the Worker's back makes verification fail at that entry", async () => {
  const w = await worker();
  await append(w, { date: shanghaiDay(-3) });
  const target = await append(w, { date: shanghaiDay(-2) });
  await append(w, { date: shanghaiDay(-1) });
  assert.equal((await w.get("/api/rights/locker/verify")).body.ok, true);
  // The database itself refuses an UPDATE or a DELETE.
  assert.throws(() => sql(`UPDATE locker_entries SET rate_fen = 50000 WHERE id = ${target.id}`));
  assert.throws(() => sql(`DELETE FROM locker_entries WHERE id = ${target.id}`));
  // Someone with the database in hand lifts the trigger and raises the wage.
  sql(`DROP TRIGGER locker_entries_no_update; UPDATE locker_entries SET rate_fen = 50000 WHERE id = ${target.id};
       CREATE TRIGGER locker_entries_no_update BEFORE UPDATE ON locker_entries BEGIN SELECT RAISE(ABORT, 'locker entries are append-only'); END;`);
  assert.equal(JSON.parse(sqlJson(`SELECT rate_fen FROM locker_entries WHERE id = ${target.id}`))[0].rate_fen, 50000);
  const v = await w.get("/api/rights/locker/verify");
  assert.equal(v.status, 200, v.text);
  assert.deepEqual([v.body.ok, v.body.first_bad_seq, v.body.problem], [false, 2, "altered"]);
});

test("对工: a co-worker scans the signed code, sees the day, and confirms it once; forged, own and expired codes are refused", async () => {
  const w = await worker();
  const mate = await worker();
  const e = await append(w, { date: shanghaiDay(0) });
  const code = await w.get(`/api/rights/locker/entries/${e.id}/confirm-code`);
  assert.equal(code.status, 200, code.text);
  assert.match(code.body.path, /^\/rights\/confirm\?e=\d+&exp=\d+&sig=[0-9a-f]{64}$/);
  const qr = await w.get(`/api/rights/locker/entries/${e.id}/confirm-qr.svg`);
  assert.equal(qr.status, 200);
  assert.match(qr.headers.get("content-type"), /svg/);
  const q = new URLSearchParams(code.body.path.split("?")[1]);
  const input = { entry_id: Number(q.get("e")), exp: Number(q.get("exp")), sig: q.get("sig") };
  const preview = await mate.get(`/api/rights/locker/confirmations/preview?${q}`);
  assert.equal(preview.status, 200, preview.text);
  assert.deepEqual([preview.body.project, preview.body.already], ["瑶海区保障房二期", false]);
  assert.match(preview.body.worker, /\*/, "the worker is shown masked");
  const done = await mate.post("/api/rights/locker/confirmations", input, idem());
  assert.equal(done.status, 200, done.text);
  const twice = await mate.post("/api/rights/locker/confirmations", input, idem());
  assert.equal(twice.status, 200, twice.text);
  assert.equal(twice.body.preview.already, true);
  const got = await w.get(`/api/rights/locker/entries/${e.id}`);
  assert.equal(got.body.entry.confirmations.length, 1, "recorded once");
  assert.match(got.body.entry.confirmations[0].by, /\*/);
  // One's own code, a forged signature, an altered expiry, junk.
  assert.equal((await w.post("/api/rights/locker/confirmations", input, idem())).status, 409);
  const forged = await mate.post("/api/rights/locker/confirmations", { ...input, sig: "0".repeat(64) }, idem());
  assert.equal(forged.status, 422, forged.text);
  assert.equal((await mate.post("/api/rights/locker/confirmations", { ...input, exp: input.exp + 3600 }, idem())).status, 422);
  assert.equal((await mate.get("/api/rights/locker/confirmations/preview?e=1&exp=x")).status, 422);
  // A superseded day gives no code.
  await append(w, { date: shanghaiDay(0), supersedes: e.id });
  assert.equal((await w.get(`/api/rights/locker/entries/${e.id}/confirm-code`)).status, 409);
  // The co-worker's data export carries the confirmation they gave; the worker's the entries.
  const given = await mate.get("/api/me/data");
  assert.equal(given.body.locker_confirmations.length, 1);
  assert.equal((await w.get("/api/me/data")).body.locker_entries.length, 2);
});

test("photos: the worker's uploads are linked to the entry in its batch; another's upload is refused", async () => {
  const w = await worker();
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
  const up = await w.req("POST", "/api/attachments", { raw: jpeg, headers: { "content-type": "image/jpeg", ...idem().headers } });
  assert.equal(up.status, 200, up.text);
  const e = await append(w, { attachments: [up.body.attachment.id] });
  assert.deepEqual(e.files.map((f) => f.id), [up.body.attachment.id]);
  const row = JSON.parse(sqlJson(`SELECT capability, subject_id FROM attachments WHERE public_id = '${up.body.attachment.id}'`))[0];
  assert.deepEqual([row.capability, row.subject_id], ["rights_locker", e.id]);
  // The locker is the worker's own: they read the photo, no staff member does, not even a platform admin.
  assert.equal((await w.get(`/api/attachments/${up.body.attachment.id}`)).status, 200);
  assert.equal((await (await platformAdmin()).get(`/api/attachments/${up.body.attachment.id}`)).status, 404);
  const thief = await worker();
  const stolen = await thief.post("/api/rights/locker/entries", dayBody({ attachments: [up.body.attachment.id] }), idem());
  assert.equal(stolen.status, 422, stolen.text);
  assert.ok(stolen.body.error.fields.attachments);
  // Deleting the account removes the locker (the one exception to append-only) and its files.
  assert.equal((await w.delete("/api/me", { headers: {} })).status, 204);
  assert.equal(JSON.parse(sqlJson(`SELECT count(*) AS n FROM locker_entries WHERE id = ${e.id}`))[0].n, 0);
  assert.equal(JSON.parse(sqlJson(`SELECT count(*) AS n FROM attachments WHERE public_id = '${up.body.attachment.id}'`))[0].n, 0);
});

test("scope and bad input: another worker's entry is 404; wrong fields are 422 naming them; never a 5xx", async () => {
  const w = await worker();
  const other = await worker();
  const e = await append(w);
  assert.equal((await other.get(`/api/rights/locker/entries/${e.id}`)).status, 404);
  assert.equal((await other.get(`/api/rights/locker/entries/${e.id}/confirm-code`)).status, 404);
  assert.equal((await other.get("/api/rights/locker/entries")).body.entries.length, 0);
  assert.equal((await w.get("/api/rights/locker/entries/abc")).status < 500, true);
  const cases = [
    [{ date: "2026-13-40" }, "date"],
    [{ date: shanghaiDay(3) }, "date"],
    [{ project: "" }, "project"],
    [{ boss_name: "", boss_phone: "" }, "boss_name"],
    [{ boss_phone: "12345" }, "boss_phone"],
    [{ quantity_x100: 0 }, "quantity_x100"],
    [{ quantity_x100: 301 }, "quantity_x100"],
    [{ rate_fen: -1 }, "rate_fen"],
    [{ advance_fen: -5 }, "advance_fen"],
    [{ note: "长".repeat(501) }, "note"],
    [{ attachments: ["not an id"] }, "attachments"],
    [{ supersedes: -1 }, "supersedes"],
    [{ position: { lat: 200, lng: 0 } }, "position"],
  ];
  for (const [change, field] of cases) {
    const r = await w.post("/api/rights/locker/entries", dayBody(change), idem());
    assert.equal(r.status, 422, `${JSON.stringify(change)}: ${r.status} ${r.text}`);
    assert.ok(r.body.error.fields[field], `${field}: ${r.text}`);
  }
  for (const body of [{ pay_kind: "monthly" }, { quantity_x100: "一天" }]) {
    const r = await w.post("/api/rights/locker/entries", dayBody(body), idem());
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(body)}: ${r.status}`);
  }
  assert.equal((await w.post("/api/rights/locker/entries", dayBody())).status, 400, "no Idempotency-Key");
  assert.equal((await w.get("/api/rights/locker/summary?month=2026-1")).status, 422);
  assert.equal((await w.get("/api/rights/locker/entries?month=junk")).status, 422);
  assert.equal((await w.get("/api/rights/locker/verify")).body.ok, true, "refusals appended nothing that breaks the chain");
  assert.equal((await w.get("/api/rights/locker/entries")).body.entries.length, 1);
});
