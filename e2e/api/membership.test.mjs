// Union enrolment against the real Worker: idempotent applications, one open
// application per union, ID-number validation, review, member cards that
// verify, audited ID reveal, transfers, project-union closure, figures, and a
// worker's own data (export, deletion).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, fetch } from "../lib/client.mjs";
import { freshIp, staff, tree, uid, union, worker } from "../lib/fixtures.mjs";
import { form, idNumber } from "../lib/people.mjs";

const key = () => `enrol-${uid()}-${uid()}`;
const apply = (w, unionId, f, k = key()) => w.post("/api/membership/applications", { union_id: unionId, form: f }, { headers: { "idempotency-key": k } });

/** A district-like corner of the tree with a joint union and a staff member. */
async function place() {
  const t = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: t.p.id });
  return { ...t, reviewer };
}

test("the same Idempotency-Key gives one application; another body with that key is refused", async () => {
  const { a } = await place();
  const w = await worker();
  const k = key();
  const f = form();
  const first = await apply(w, a.id, f, k);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.application.status, "pending");
  assert.equal(first.body.application.id_number_masked, `${f.id_number.slice(0, 6)}${"*".repeat(12)}`);
  assert.ok(!first.text.includes(f.id_number), "the plain number never comes back");
  const replay = await apply(w, a.id, f, k);
  assert.equal(replay.status, 200);
  assert.equal(replay.body.application.id, first.body.application.id);
  const other = await apply(w, a.id, { ...f, hometown: "四川省雅安市天全县" }, k);
  assert.equal(other.status, 422);
  const mine = await w.get("/api/membership/applications");
  assert.equal(mine.body.applications.filter((x) => x.union.id === a.id).length, 1, "exactly one record");
});

test("a second application to the same union is a 409", async () => {
  const { a } = await place();
  const w = await worker();
  assert.equal((await apply(w, a.id, form())).status, 200);
  const again = await apply(w, a.id, form());
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /已经申请过/);
});

test("malformed ID numbers are a 422 naming the field, never a 5xx", async () => {
  const { a } = await place();
  const w = await worker();
  const good = idNumber();
  const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
  for (const [id, pattern] of [[wrongCheck, /校验码/], ["110105194913310021", /日期|出生/], ["1101051949", /18/], ["99010519491231002X", /地区|省/], ["11010519491231002Y", /数字|字符/], ["", /填写/]]) {
    const r = await apply(w, a.id, form({ id_number: id, gender: "female", birth_date: "1949-12-31" }));
    assert.equal(r.status, 422, `${id}: ${r.text}`);
    assert.match(r.body.error.fields.id_number, pattern, id);
  }
  // Gender and birth date must match the number.
  const id = idNumber({ birth: "19900101" });
  const r = await apply(w, a.id, form({ id_number: id, birth_date: "1991-01-01" }));
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.birth_date);
  // Consent to processing sensitive information is separate and required.
  const c = await apply(w, a.id, form({ consent: { sensitive_info: false, version: "enrolment-consent-v2" } }));
  assert.equal(c.status, 422);
  assert.ok(c.body.error.fields["consent.sensitive_info"]);
  // Garbage bodies are 4xx too.
  for (const raw of ["{", "[]", JSON.stringify({ union_id: "x", form: 7 })]) {
    const g = await w.req("POST", "/api/membership/applications", { raw, headers: { "content-type": "application/json", "idempotency-key": key() } });
    assert.ok(g.status >= 400 && g.status < 500, `${raw}: ${g.status}`);
  }
});

test("staff approve: a member number, a card whose QR link verifies, an audited ID reveal", async () => {
  const { a, b, reviewer } = await place();
  const w = await worker();
  const f = form();
  const app = (await apply(w, a.id, f)).body.application;
  const queue = await reviewer.get(`/api/admin/applications?union_id=${a.id}`);
  const item = queue.body.applications.find((x) => x.application_id === app.id);
  assert.equal(item.applicant.name, "王建国");
  assert.equal(item.applicant.id_number_masked, app.id_number_masked);
  // The year of birth, never the date (with the mask and gender: ≥ 10,000 numbers).
  assert.equal(item.applicant.birth_year, Number(f.id_number.slice(6, 10)));
  assert.equal(item.applicant.birth_date, undefined);
  // Staff of a sibling union neither see nor decide it.
  const outsider = await staff({ role: "staff", unionId: b.id, creator: reviewer });
  assert.ok(!(await outsider.get("/api/admin/applications")).body.applications.some((x) => x.application_id === app.id));
  assert.equal((await outsider.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).status, 404);

  const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
  assert.equal(d.status, 200, d.text);
  const no = d.body.results[0].member_no;
  assert.match(no, new RegExp(`^${a.code}-\\d{4}-000001$`));

  const card = await w.get("/api/membership/card");
  assert.equal(card.status, 200);
  assert.equal(card.body.card.member_no, no);
  assert.equal(card.body.card.union_name, a.name);
  const link = new URL(card.body.card.verify_path, "http://x");
  const q = link.search;
  const v = await outsider.get(`/api/membership/verify${q}`);
  assert.deepEqual({ valid: v.body.valid, union_name: v.body.union_name }, { valid: true, union_name: a.name });
  assert.ok(!JSON.stringify(v.body).includes("王建国"), "nothing more than the union");
  // Change the signature's first character (to another one, so it is always a forgery).
  const forged = await outsider.get(`/api/membership/verify${q.replace(/sig=(.)/, (m, c) => `sig=${c === "0" ? "1" : "0"}`)}`);
  assert.equal(forged.body.valid, false);
  assert.equal((await w.get(`/api/membership/verify${q}`)).status, 403, "only staff check cards");
  const qr = await fetch(`${process.env.GONGYOU_BASE}/api/membership/card/qr.svg`, { headers: { cookie: [...w.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  assert.match(await qr.text(), /<svg/);

  // Revealing the number: the reviewer (in scope) sees it, and it is logged.
  const reveal = await reviewer.post(`/api/admin/members/${no}/reveal-id`);
  assert.equal(reveal.status, 200);
  assert.equal(reveal.body.id_number, f.id_number);
  assert.equal((await outsider.post(`/api/admin/members/${no}/reveal-id`)).status, 404);
  const log = await reviewer.get(`/api/admin/audit?union_id=${a.id}`);
  assert.ok(log.body.entries.some((e) => e.action === "id_number.reveal" && e.target_id === no));
  assert.ok(!JSON.stringify(log.body).includes(f.id_number), "the log holds no number");
  // A member applying to join again is told to transfer.
  const again = await apply(w, b.id, form({ id_number: f.id_number }));
  assert.equal(again.status, 409);
});

test("rejection gives a reason the worker sees; bulk approval decides many", async () => {
  const { a, reviewer } = await place();
  const w1 = await worker();
  const app1 = (await apply(w1, a.id, form())).body.application;
  const noReason = await reviewer.post(`/api/admin/applications/${app1.id}/decision`, { decision: "reject", reason: " " });
  assert.equal(noReason.status, 422);
  await reviewer.post(`/api/admin/applications/${app1.id}/decision`, { decision: "reject", reason: "请先补全工地信息" });
  const seen = await w1.get("/api/membership/applications");
  const mine = seen.body.applications.find((x) => x.id === app1.id);
  assert.equal(mine.status, "rejected");
  assert.equal(mine.rejection_reason, "请先补全工地信息");
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await apply(await worker(), a.id, form())).body.application.id);
  const bulk = await reviewer.post("/api/admin/applications/decisions", { application_ids: [...ids, app1.id], decision: "approve", reason: "" });
  assert.equal(bulk.status, 200, bulk.text);
  assert.equal(bulk.body.decided, 3);
  assert.equal(bulk.body.skipped, 1);
  assert.equal(bulk.body.results.at(-1).skipped, "already_decided");
  const nos = bulk.body.results.slice(0, 3).map((r) => r.member_no);
  assert.equal(new Set(nos).size, 3, "distinct member numbers");
});

test("closing a project union moves its members to the fallback union, history kept", async () => {
  const { p, a: joint, reviewer } = await place();
  const project = await union({ parent_id: p.id, name: `测试项目工会${uid()}`, level: "grassroots", kind: "project", project_starts_on: "2025-01-01", project_ends_on: "2030-12-31", fallback_union_id: joint.id }, reviewer);
  const w = await worker();
  const app = (await apply(w, project.id, form())).body.application;
  const oldNo = (await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).body.results[0].member_no;
  const close = await reviewer.post(`/api/admin/unions/${project.id}/close`, {});
  assert.equal(close.status, 200, close.text);
  assert.equal(close.body.moved, 1);
  assert.equal(close.body.union.status, "closed");
  assert.equal(close.body.fallback_union.id, joint.id);
  const card = await w.get("/api/membership/card");
  assert.equal(card.body.card.union_name, joint.name);
  assert.notEqual(card.body.card.member_no, oldNo);
  const h = await w.get("/api/membership/me");
  assert.deepEqual(h.body.memberships.map((m) => [m.union.id, m.status]), [[joint.id, "active"], [project.id, "transferred_out"]]);
  const kinds = h.body.timeline.map((e) => e.kind);
  assert.deepEqual(kinds.slice(-1), ["moved_by_closure"]);
  assert.ok(kinds.includes("joined"));
  // A closed union takes no one.
  assert.equal((await apply(await worker(), project.id, form())).status, 422);
  const fig = await reviewer.get(`/api/admin/membership/figures?union_id=${p.id}`);
  assert.equal(fig.status, 200);
  assert.ok(fig.body.totals.joined >= 1 && fig.body.totals.moved_by_closure >= 1);
  assert.ok(fig.body.totals.joined_via_project_unions >= 1);
});

test("a member changing jobs asks for a transfer; the new union approves it", async () => {
  const { a, b, reviewer } = await place();
  const w = await worker();
  const app = (await apply(w, a.id, form())).body.application;
  await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
  const t = await w.post("/api/membership/transfers", { to_union_id: b.id, employer_or_project: "合肥东站改造工程", trade: "welder", reason: "换了工地" }, { headers: { "idempotency-key": key() } });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.body.application.kind, "transfer");
  const d = await reviewer.post(`/api/admin/applications/${t.body.application.id}/decision`, { decision: "approve", reason: "" });
  assert.match(d.body.results[0].member_no, new RegExp(`^${b.code}-`));
  const h = (await w.get("/api/membership/me")).body;
  assert.deepEqual(h.memberships.map((m) => m.status), ["active", "transferred_out"]);
  assert.ok(h.timeline.some((e) => e.kind === "transferred" && e.other_union_name === a.name));
});

test("suggestions: the named site's project union first, else the area's joint union", async () => {
  const c = new Client({ ip: freshIp() });
  const site = await c.get(`/api/membership/suggestions?site=${encodeURIComponent("站塘路安置房工地")}&region_code=340102&trade=carpenter`);
  assert.equal(site.status, 200, site.text);
  assert.equal(site.body.suggestions[0].union.name, "瑶海区站塘路安置房项目工会");
  const area = await c.get("/api/membership/suggestions?region_code=340102&trade=carpenter");
  assert.equal(area.body.suggestions[0].union.kind, "joint");
  assert.ok(area.body.suggestions[0].reason.length > 2);
  assert.equal((await c.get("/api/membership/suggestions?region_code=12")).status, 422);
  // Without a QR code, the worker picks an area from those with unions to join.
  const areas = (await c.get("/api/membership/areas")).body.areas;
  const yaohai = areas.find((x) => x.region_code === "340102");
  assert.equal(yaohai.name, "合肥市 瑶海区");
  assert.ok(!areas.some((x) => x.region_code.endsWith("0000")), "provinces are too wide to pick");
});

test("a worker's own data: exported as JSON, then the account deleted", async () => {
  const { a } = await place();
  const w = await worker();
  const f = form();
  await apply(w, a.id, f);
  const data = await w.get("/api/me/data");
  assert.equal(data.status, 200);
  assert.equal(data.body.phone, w.phone);
  assert.equal(data.body.applications.length, 1);
  assert.ok(!data.text.includes(f.id_number), "exports mask the number");
  assert.match(data.body.retention, /删除/);
  assert.equal((await w.delete("/api/me")).status, 204);
  assert.equal((await w.get("/api/me")).status, 401);
  // Signing in again with the same number is a new, empty account.
  const again = await worker(w.phone);
  assert.equal((await again.get("/api/membership/applications")).body.applications.length, 0);
});
