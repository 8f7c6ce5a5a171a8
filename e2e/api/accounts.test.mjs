// Accounts against the real Worker: SMS sign-in and its limits, staff sign-in
// and the password policy, sessions (rotation, listing, ending), scope rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, randomPhone } from "../lib/client.mjs";
import { admin, freshIp, logMark, smsCode, staff, tree, uid, worker, PASSWORD } from "../lib/fixtures.mjs";

test("a worker signs in with a texted code; the cookie is __Host-, HttpOnly, Secure, SameSite", async () => {
  const c = new Client({ ip: freshIp() });
  const phone = randomPhone();
  const mark = logMark();
  const sent = await c.post("/api/auth/otp", { phone });
  assert.equal(sent.status, 204);
  assert.equal(sent.text, "", "no code in the response");
  const code = await smsCode(phone, { after: mark });
  const r = await c.post("/api/auth/otp/verify", { phone, code });
  assert.equal(r.status, 200);
  assert.ok(r.body.me.worker, "a worker");
  assert.equal(r.body.me.worker.phone_masked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
  assert.ok(!r.text.includes(code), "the code never comes back");
  const cookie = r.headers.getSetCookie()[0];
  assert.match(cookie, /^__Host-gongyou=[A-Za-z0-9_-]{43,}/);
  for (const attr of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"]) assert.ok(cookie.includes(attr), attr);
  assert.ok(!/Domain=/i.test(cookie));
  const me = await c.get("/api/me");
  assert.equal(me.status, 200);
  assert.equal(me.body.me.worker.user_id, r.body.me.worker.user_id);
});

test("a bad number is a 422 naming the field, in the caller's language", async () => {
  const zh = await new Client({ ip: freshIp() }).post("/api/auth/otp", { phone: "1234" });
  assert.equal(zh.status, 422);
  assert.match(zh.body.error.fields.phone, /11位/);
  const en = await new Client({ ip: freshIp(), lang: "en" }).post("/api/auth/otp", { phone: "1234" });
  assert.match(en.body.error.fields.phone, /11 digits/);
});

test("a new code only after 60 seconds", async () => {
  const c = new Client({ ip: freshIp() });
  const phone = randomPhone();
  assert.equal((await c.post("/api/auth/otp", { phone })).status, 204);
  const again = await c.post("/api/auth/otp", { phone });
  assert.equal(again.status, 429);
  assert.ok(Number(again.headers.get("retry-after")) > 50);
});

test("five wrong codes, then even the right one gets 429", async () => {
  const c = new Client({ ip: freshIp() });
  const phone = randomPhone();
  const mark = logMark();
  await c.post("/api/auth/otp", { phone });
  const code = await smsCode(phone, { after: mark });
  const wrong = code === "000000" ? "111111" : "000000";
  for (let i = 1; i <= 5; i++) {
    const r = await c.post("/api/auth/otp/verify", { phone, code: wrong });
    assert.equal(r.status, 422, `try ${i}`);
    assert.match(r.body.error.fields.code, new RegExp(`${5 - i}次`));
  }
  const last = await c.post("/api/auth/otp/verify", { phone, code });
  assert.equal(last.status, 429);
  assert.equal((await c.get("/api/me")).status, 401);
});

test("codes are limited per IP address across numbers", async () => {
  const c = new Client({ ip: freshIp() });
  const statuses = [];
  for (let i = 0; i < 22; i++) statuses.push((await c.post("/api/auth/otp", { phone: randomPhone() })).status);
  assert.deepEqual(statuses.slice(0, 20), Array(20).fill(204));
  assert.equal(statuses[21], 429);
});

test("sessions: rotated at sign-in, listed, ended one by one, ended at sign-out", async () => {
  const phone = randomPhone();
  const phoneA = await worker(phone);
  const phoneB = await worker(phone);
  const list = await phoneA.get("/api/me/sessions");
  assert.equal(list.status, 200);
  assert.equal(list.body.sessions.length, 2);
  assert.equal(list.body.sessions.filter((s) => s.current).length, 1);

  // End B's session from A.
  const other = list.body.sessions.find((s) => !s.current);
  assert.equal((await phoneA.delete(`/api/me/sessions/${other.id}`)).status, 204);
  assert.equal((await phoneB.get("/api/me")).status, 401);

  // Sign out invalidates the token on the server, not just the cookie.
  const token = phoneA.cookies.get("__Host-gongyou");
  assert.equal((await phoneA.post("/api/auth/logout")).status, 204);
  const replay = new Client({ ip: freshIp() });
  replay.cookies.set("__Host-gongyou", token);
  assert.equal((await replay.get("/api/me")).status, 401);
});

test("staff sign-in rotates the session the browser came with", async () => {
  const a = await staff({ role: "viewer", unionId: 3 });
  const before = a.cookies.get("__Host-gongyou");
  const again = await a.post("/api/auth/staff-login", { username: a.username, password: PASSWORD });
  assert.equal(again.status, 200);
  assert.notEqual(a.cookies.get("__Host-gongyou"), before);
  const old = new Client({ ip: freshIp() });
  old.cookies.set("__Host-gongyou", before);
  assert.equal((await old.get("/api/me")).status, 401);
});

test("wrong passwords are refused the same way; the sixth try is 429", async () => {
  const s = await staff({ role: "viewer", unionId: 3 });
  const c = new Client({ ip: freshIp() });
  const unknown = await c.post("/api/auth/staff-login", { username: `nobody.${uid()}`, password: "whatever it is" });
  assert.equal(unknown.status, 401);
  const replies = [];
  for (let i = 0; i < 6; i++) {
    replies.push(await new Client({ ip: freshIp() }).post("/api/auth/staff-login", { username: s.username, password: "not the password" }));
  }
  assert.deepEqual(replies.slice(0, 4).map((r) => r.status), [401, 401, 401, 401]);
  // An unknown username and a wrong password read the same.
  assert.equal(replies[0].body.error.message, unknown.body.error.message);
  assert.equal(replies[5].status, 429);
  assert.ok(Number(replies[5].headers.get("retry-after")) > 0);
});

test("the password policy: 8+ characters, 64 allowed, no common passwords, no composition rules", async () => {
  const a = await admin();
  const make = (password) => a.post("/api/admin/staff", { username: `pw.${uid()}`, display_name: "密码测试", role: "viewer", union_id: 3, password });
  assert.equal((await make("short")).status, 422);
  const common = await make("woaini1314");
  assert.equal(common.status, 422);
  assert.match(common.body.error.fields.password, /常见/);
  assert.equal((await make("all lowercase words here")).status, 200);
  assert.equal((await make("长".repeat(64))).status, 200);
});

test("bootstrap is one-time and needs the token", async () => {
  const c = new Client({ ip: freshIp() });
  const wrong = await c.post("/api/auth/bootstrap", { token: "not-the-token-at-all", username: "x.admin", display_name: "x", password: PASSWORD });
  assert.equal(wrong.status, 403);
  const again = await c.post("/api/auth/bootstrap", { token: process.env.GONGYOU_BOOTSTRAP_TOKEN, username: "y.admin", display_name: "y", password: PASSWORD });
  assert.equal(again.status, 409);
});

test("union admins create staff only inside their subtree and at most their own role", async () => {
  const { p, a, b } = await tree();
  const parentAdmin = await staff({ role: "union_admin", unionId: p.id });
  const aAdmin = await staff({ role: "union_admin", unionId: a.id, creator: parentAdmin });
  const outside = await aAdmin.post("/api/admin/staff", { username: `x.${uid()}`, display_name: "越权", role: "staff", union_id: b.id, password: PASSWORD });
  assert.equal(outside.status, 403);
  assert.ok(outside.body.error.fields.union_id, "names the field");
  const higher = await aAdmin.post("/api/admin/staff", { username: `x.${uid()}`, display_name: "越权", role: "platform_admin", union_id: a.id, password: PASSWORD });
  assert.equal(higher.status, 422);
  assert.ok(higher.body.error.fields.role);
  const ok = await aAdmin.post("/api/admin/staff", { username: `x.${uid()}`, display_name: "新人", role: "staff", union_id: a.id, password: PASSWORD });
  assert.equal(ok.status, 200);
  // The parent's admin reads it in the audit log; A's sibling never does.
  const log = await parentAdmin.get(`/api/admin/audit?union_id=${a.id}`);
  assert.equal(log.status, 200);
  assert.ok(log.body.entries.some((e) => e.action === "staff.create" && e.target_id === String(ok.body.staff_member.id)));
  const bAdmin = await staff({ role: "union_admin", unionId: b.id, creator: parentAdmin });
  assert.equal((await bAdmin.get(`/api/admin/audit?union_id=${a.id}`)).status, 404);
  const bLog = await bAdmin.get("/api/admin/audit");
  assert.ok(!bLog.body.entries.some((e) => e.target_id === String(ok.body.staff_member.id)));
});

test("a platform admin has no union and every other role has one: refused combinations are 422s naming the field", async () => {
  // The staff table's CHECK refuses these; they must be told apart before, never a 500.
  const pa = await admin();
  const { a } = await tree();
  const withUnion = await pa.post("/api/admin/staff", { username: `pa.${uid()}`, display_name: "平台", role: "platform_admin", union_id: a.id, password: PASSWORD });
  assert.equal(withUnion.status, 422);
  assert.match(withUnion.body.error.fields.union_id, /平台管理员不属于任何工会/);

  const member = await staff({ role: "staff", unionId: a.id });
  const memberId = member.me.staff.staff_id;
  const promoted = await pa.patch(`/api/admin/staff/${memberId}`, { role: "platform_admin" });
  assert.equal(promoted.status, 422);
  assert.ok(promoted.body.error.fields.role, "names the role");
  const promotedWithUnion = await pa.patch(`/api/admin/staff/${memberId}`, { role: "platform_admin", union_id: a.id });
  assert.equal(promotedWithUnion.status, 422);
  assert.ok(promotedWithUnion.body.error.fields.union_id);

  const other = await staff({ role: "platform_admin" });
  const otherId = other.me.staff.staff_id;
  const demoted = await pa.patch(`/api/admin/staff/${otherId}`, { role: "union_admin" });
  assert.equal(demoted.status, 422);
  assert.match(demoted.body.error.fields.union_id, /请选择所属工会/);
  const givenUnion = await pa.patch(`/api/admin/staff/${otherId}`, { union_id: a.id });
  assert.equal(givenUnion.status, 422);
  assert.ok(givenUnion.body.error.fields.union_id);
  const inEnglish = await admin();
  inEnglish.lang = "en";
  const en = await inEnglish.patch(`/api/admin/staff/${otherId}`, { union_id: a.id });
  assert.match(en.body.error.fields.union_id, /platform admin belongs to no union/);

  // Nothing changed, and the combinations that fit still work.
  assert.equal((await pa.get(`/api/admin/staff?union_id=${a.id}`)).body.staff.find((s) => s.id === memberId).role, "staff");
  const ok = await pa.patch(`/api/admin/staff/${otherId}`, { role: "union_admin", union_id: a.id });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.staff_member.role, "union_admin");
  assert.equal(ok.body.staff_member.union.id, a.id);
});

test("disabling a staff member ends their sessions at once", async () => {
  const { p, a } = await tree();
  const boss = await staff({ role: "union_admin", unionId: p.id });
  const s = await staff({ role: "staff", unionId: a.id, creator: boss });
  assert.equal((await s.get("/api/me")).status, 200);
  const r = await boss.patch(`/api/admin/staff/${s.me.staff.staff_id}`, { status: "disabled" });
  assert.equal(r.status, 200);
  assert.equal(r.body.staff_member.status, "disabled");
  assert.equal((await s.get("/api/me")).status, 401);
  const relog = await new Client({ ip: freshIp() }).post("/api/auth/staff-login", { username: s.username, password: PASSWORD });
  assert.equal(relog.status, 403);
});

test("staff change their own password with the current one; other devices sign in again", async () => {
  const s = await staff({ role: "viewer", unionId: 3 });
  const other = new Client({ ip: freshIp() });
  assert.equal((await other.post("/api/auth/staff-login", { username: s.username, password: PASSWORD })).status, 200);
  const wrong = await s.post("/api/me/password", { current_password: "not it at all", new_password: "a brand new passphrase" });
  assert.equal(wrong.status, 422);
  assert.ok(wrong.body.error.fields.current_password);
  const common = await s.post("/api/me/password", { current_password: PASSWORD, new_password: "password123" });
  assert.equal(common.status, 422);
  const ok = await s.post("/api/me/password", { current_password: PASSWORD, new_password: "a brand new passphrase" });
  assert.equal(ok.status, 204);
  assert.equal((await s.get("/api/me")).status, 200, "this device stays signed in");
  assert.equal((await other.get("/api/me")).status, 401, "the other device is signed out");
  const relog = await new Client({ ip: freshIp() }).post("/api/auth/staff-login", { username: s.username, password: "a brand new passphrase" });
  assert.equal(relog.status, 200);
});
