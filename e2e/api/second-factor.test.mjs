// Staff sign-in with a second factor (issue 12 item 7): staff who can reveal ID
// numbers give a TOTP code after the password; the password alone opens only
// that step. Also: one's own password only with the current one, and resets
// only of staff below.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { admin, freshIp, PASSWORD, sqlJson, staff, tree, uid } from "../lib/fixtures.mjs";
import { nextCode, remember, secretOf, totp } from "../lib/totp.mjs";

const login = (username, password = PASSWORD) => {
  const c = new Client({ ip: freshIp() });
  return c.post("/api/auth/staff-login", { username, password }).then((r) => ({ c, r }));
};

/** A staff account made by `creator` but not signed in yet. */
async function account(role, unionId, creator) {
  const username = `t.sf.${uid()}`;
  const made = await (creator ?? (await admin())).post("/api/admin/staff", { username, display_name: "二步验证", role, union_id: unionId, password: PASSWORD });
  assert.equal(made.status, 200, made.text);
  return { username, id: made.body.staff_member.id };
}

test("staff who can reveal ID numbers set up an authenticator at first sign-in; the password alone opens nothing else", async () => {
  const { a } = await tree();
  const { username } = await account("staff", a.id);
  const { c, r } = await login(username);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.second_factor, { step: "enrol" });
  // Halfway is not signed in: no staff route, no /api/me, no reveal, no sign-in code without enrolment.
  for (const path of ["/api/me", "/api/admin/unions", "/api/admin/applications"]) {
    assert.equal((await c.get(path)).status, 401, path);
  }
  assert.equal((await c.post("/api/admin/applications/1/reveal-id")).status, 401);
  assert.equal((await c.post("/api/auth/second-factor", { code: "123456" })).status, 409);

  const enrol = await c.post("/api/auth/second-factor/enrolment");
  assert.equal(enrol.status, 200);
  assert.match(enrol.body.secret, /^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
  assert.equal(enrol.body.secret.replace(/ /g, "").length, 32, "160 bits");
  assert.ok(enrol.body.otpauth_uri.startsWith("otpauth://totp/"));
  assert.ok(enrol.body.otpauth_uri.includes(`secret=${enrol.body.secret.replace(/ /g, "")}`));
  assert.ok(enrol.body.qr_svg.includes("<svg"));
  // The secret is sealed in D1, never stored as given.
  const stored = sqlJson(`SELECT secret_sealed FROM staff_second_factors f JOIN staff s ON s.id = f.staff_id WHERE s.username = '${username}'`);
  assert.ok(!stored.includes(enrol.body.secret.replace(/ /g, "")) && /"v\d+:/.test(stored));

  remember(username, enrol.body.secret);
  const wrong = await c.post("/api/auth/second-factor/enrolment/confirm", { code: String((Number(totp(secretOf(username))) + 1) % 1e6).padStart(6, "0") });
  assert.equal(wrong.status, 422);
  assert.ok(wrong.body.error.fields.code);
  const done = await c.post("/api/auth/second-factor/enrolment/confirm", { code: await nextCode(username) });
  assert.equal(done.status, 200);
  assert.equal(done.body.me.staff.username, username);
  assert.equal(done.body.recovery_codes.length, 10);
  assert.equal(new Set(done.body.recovery_codes).size, 10);
  for (const code of done.body.recovery_codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  // Now a full session; the recovery codes are stored only as keyed hashes.
  assert.equal((await c.get("/api/me")).status, 200);
  assert.equal((await c.get("/api/admin/unions")).status, 200);
  const hashes = sqlJson(`SELECT code_hash FROM staff_recovery_codes r JOIN staff s ON s.id = r.staff_id WHERE s.username = '${username}'`);
  for (const code of done.body.recovery_codes) assert.ok(!hashes.includes(code.replace("-", "")));
  // Once set up, enrolling again is refused (a stolen password cannot replace the authenticator).
  const { c: c2, r: r2 } = await login(username);
  assert.deepEqual(r2.body.second_factor, { step: "code" });
  assert.equal((await c2.post("/api/auth/second-factor/enrolment")).status, 409);
});

test("a code works once, only near now, and the same step cannot be replayed", async () => {
  const s = await staff({ role: "staff", unionId: 3 });
  const secret = secretOf(s.username);
  const { c, r } = await login(s.username);
  assert.deepEqual(r.body.second_factor, { step: "code" });
  const step = Math.floor(Date.now() / 30_000);
  // Three minutes old: refused.
  assert.equal((await c.post("/api/auth/second-factor", { code: totp(secret, step - 6) })).status, 422);
  const code = await nextCode(s.username);
  const ok = await c.post("/api/auth/second-factor", { code });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.second_factor, undefined);
  assert.equal((await c.get("/api/me")).status, 200);
  // Someone who watched the code typed signs in with the password and the same code: refused.
  const { c: thief } = await login(s.username);
  assert.equal((await thief.post("/api/auth/second-factor", { code })).status, 422);
  assert.equal((await thief.get("/api/me")).status, 401);
});

test("a recovery code signs in once, and its use is audited", async () => {
  const s = await staff({ role: "union_admin", unionId: 3 });
  const [first] = s.recoveryCodes;
  const { c } = await login(s.username);
  const ok = await c.post("/api/auth/second-factor", { code: first.toLowerCase() });
  assert.equal(ok.status, 200);
  const { c: again } = await login(s.username);
  assert.equal((await again.post("/api/auth/second-factor", { code: first })).status, 422);
  const log = await (await admin()).get("/api/admin/audit?limit=200");
  assert.ok(log.body.entries.some((e) => e.action === "staff.recovery_code_used" && e.target_id === String(s.me.staff.staff_id)));
  assert.ok(log.body.entries.some((e) => e.action === "staff.second_factor_enrol" && e.target_id === String(s.me.staff.staff_id)));
});

test("wrong codes are counted before they are judged: of eight at once, at most five are judged", async () => {
  const s = await staff({ role: "staff", unionId: 3 });
  const { c } = await login(s.username);
  const guesses = await Promise.all(
    Array.from({ length: 8 }, (_, i) => c.post("/api/auth/second-factor", { code: String(100000 + i) })),
  );
  const statuses = guesses.map((g) => g.status).sort();
  assert.equal(statuses.filter((x) => x === 422).length <= 5, true, statuses.join());
  assert.ok(statuses.includes(429), statuses.join());
  // Locked for the window: even the right code waits.
  assert.equal((await c.post("/api/auth/second-factor", { code: await nextCode(s.username) })).status, 429);
});

test("viewers cannot reveal ID numbers and sign in with the password alone", async () => {
  const v = await staff({ role: "viewer", unionId: 3 });
  assert.equal(secretOf(v.username), undefined);
  const { c, r } = await login(v.username);
  assert.equal(r.body.second_factor, undefined);
  assert.equal((await c.get("/api/admin/unions")).status, 200);
  // The second-factor routes are only for a sign-in halfway.
  assert.equal((await c.post("/api/auth/second-factor/enrolment")).status, 403);
});

test("promoted to a role that can reveal ID numbers: the session ends and the next sign-in sets up the authenticator", async () => {
  const { p, a } = await tree();
  const boss = await staff({ role: "union_admin", unionId: p.id });
  const v = await staff({ role: "viewer", unionId: a.id, creator: boss });
  assert.equal((await boss.patch(`/api/admin/staff/${v.me.staff.staff_id}`, { role: "staff" })).status, 200);
  assert.equal((await v.get("/api/me")).status, 401);
  const { r } = await login(v.username);
  assert.deepEqual(r.body.second_factor, { step: "enrol" });
});

test("one's own password changes only with the current one, never through the staff route", async () => {
  const s = await staff({ role: "union_admin", unionId: 3 });
  const r = await s.patch(`/api/admin/staff/${s.me.staff.staff_id}`, { password: "a new passphrase of mine" });
  assert.equal(r.status, 403);
  assert.ok(r.body.error.fields.password);
  assert.equal((await login(s.username, "a new passphrase of mine")).r.status, 401);
  // Nor can one reset one's own second factor here.
  assert.equal((await s.patch(`/api/admin/staff/${s.me.staff.staff_id}`, { reset_second_factor: true })).status, 403);
});

test("resets apply only to staff below, and end that person's sessions", async () => {
  const { p, a } = await tree();
  const city = await staff({ role: "union_admin", unionId: p.id });
  const peer = await staff({ role: "union_admin", unionId: a.id, creator: city });
  const target = await staff({ role: "union_admin", unionId: a.id, creator: city });
  const below = await staff({ role: "staff", unionId: a.id, creator: city });
  const id = target.me.staff.staff_id;
  // A peer — same role, same union — can reset neither password nor authenticator.
  for (const body of [{ password: "peer chose this one" }, { reset_second_factor: true }]) {
    const r = await peer.patch(`/api/admin/staff/${id}`, body);
    assert.equal(r.status, 403, JSON.stringify(body));
    assert.ok(r.body.error.fields.password || r.body.error.fields.reset_second_factor);
  }
  assert.equal((await target.get("/api/me")).status, 200, "the peer's tries changed nothing");
  // A lower role at one's own union: yes.
  assert.equal((await peer.patch(`/api/admin/staff/${below.me.staff.staff_id}`, { password: "set by the admin" })).status, 200);
  assert.equal((await below.get("/api/me")).status, 401, "the reset ends their sessions");
  // The admin of the union above resets the authenticator (a lost phone): sessions end, set-up again.
  const reset = await city.patch(`/api/admin/staff/${id}`, { reset_second_factor: true });
  assert.equal(reset.status, 200);
  assert.equal(reset.body.staff_member.second_factor, false);
  assert.equal((await target.get("/api/me")).status, 401);
  const { r } = await login(target.username);
  assert.deepEqual(r.body.second_factor, { step: "enrol" });
});
