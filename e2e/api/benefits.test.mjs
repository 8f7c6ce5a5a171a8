// Benefits against the real Worker: programmes and their scope, 422 (never
// 500) for bad input, what a worker finds, one application reusing the
// enrolment profile (replays create one), the hardship self-check stored,
// late medical claims refused, the queue's scope, documents requested and
// added, decisions within the rule, concurrent approvals that never overspend
// the budget, once per period and one scholarship per child a year, payments
// one by one and in bulk, the texts at each step, and the open data.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { Client } from "../lib/client.mjs";
import { freshIp, logMark, sql, sqlJson as sqlJsonOf, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { idNumber } from "../lib/people.mjs";
import { day } from "../lib/jobs.mjs";
import { textsTo, waitForText } from "../lib/training.mjs";
import { apply, createProgramme, hardship, idem, medical, member, programmeBody } from "../lib/benefits.mjs";

let t, admin, staffA, other;

before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
  staffA = await staff({ role: "staff", unionId: t.a.id, creator: admin });
  other = await staff({ role: "union_admin", unionId: 14 });
});

const ADMIN = "/api/admin/benefits";
const app = (id) => `${ADMIN}/applications/${id}`;

test("staff create, edit, pause, reopen and close programmes in their subtree; others get 404", async () => {
  const p = await createProgramme(admin, t.a.id, { required_documents: ["身份证", " 收入证明 "] });
  assert.equal(p.status, "open");
  assert.equal(p.window, "open");
  assert.deepEqual(p.required_documents, ["身份证", "收入证明"]);
  assert.equal(p.budget_left_fen, 10000000);
  assert.equal(p.union.id, t.a.id);
  // A's own staff see it; the parent's admin too; another subtree's staff do not.
  assert.equal((await staffA.get(`${ADMIN}/programmes/${p.id}`)).status, 200);
  assert.equal((await other.get(`${ADMIN}/programmes/${p.id}`)).status, 404);
  assert.equal((await other.put(`${ADMIN}/programmes/${p.id}`, programmeBody(t.a.id))).status, 404);
  assert.equal((await other.post(`${ADMIN}/programmes/${p.id}/status`, { status: "paused" }, idem())).status, 404);
  const theirs = await other.get(`${ADMIN}/programmes`);
  assert.equal(theirs.status, 200);
  assert.ok(!theirs.body.programmes.some((x) => x.id === p.id));
  const mine = await admin.get(`${ADMIN}/programmes?union_id=${t.a.id}`);
  assert.ok(mine.body.programmes.some((x) => x.id === p.id));
  assert.equal((await other.get(`${ADMIN}/programmes?union_id=${t.a.id}`)).status, 404);
  const outside = await other.post(`${ADMIN}/programmes`, programmeBody(t.a.id), idem());
  assert.equal(outside.status, 403);
  assert.ok(outside.body.error.fields.union_id);
  // Edit with the same form; kind and union stay.
  const edited = await staffA.put(`${ADMIN}/programmes/${p.id}`, programmeBody(t.a.id, { name: "2025年困难职工帮扶", places: 50 }));
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.programme.name, "2025年困难职工帮扶");
  assert.equal(edited.body.programme.places, 50);
  const kind = await staffA.put(`${ADMIN}/programmes/${p.id}`, programmeBody(t.a.id, { kind: "other", dibao_fen: undefined }));
  assert.equal(kind.status, 422);
  assert.ok(kind.body.error.fields.kind);
  // Pause, reopen, close; closed is final.
  const paused = await staffA.post(`${ADMIN}/programmes/${p.id}/status`, { status: "paused" }, idem());
  assert.equal(paused.body.programme.status, "paused");
  const reopened = await staffA.post(`${ADMIN}/programmes/${p.id}/status`, { status: "open" }, idem());
  assert.equal(reopened.body.programme.status, "open");
  assert.equal((await staffA.post(`${ADMIN}/programmes/${p.id}/status`, { status: "closed" }, idem())).body.programme.status, "closed");
  const again = await staffA.post(`${ADMIN}/programmes/${p.id}/status`, { status: "open" }, idem());
  assert.equal(again.status, 409);
  assert.match(again.body.error.message, /已结束/);
  // A viewer may read but not change.
  const viewer = await staff({ role: "viewer", unionId: t.a.id, creator: admin });
  assert.equal((await viewer.get(`${ADMIN}/programmes/${p.id}`)).status, 200);
  assert.equal((await viewer.post(`${ADMIN}/programmes`, programmeBody(t.a.id), idem())).status, 403);
});

test("bad programmes and applications are 422 with the fields named in the caller's language, never 500", async () => {
  const bodies = [
    {},
    { kind: "hardship" },
    { ...programmeBody(t.a.id), kind: "lottery" },
    { ...programmeBody(t.a.id), budget_fen: "lots" },
    programmeBody(t.a.id, { name: "困", amount: { kind: "up_to", amount_fen: 0 }, closes_on: day(-3), places: 0 }),
    programmeBody(t.a.id, { kind: "seasonal" }),
    programmeBody(t.a.id, { who_may_apply: "members_and_gig_workers" }),
    programmeBody(t.a.id, { dibao_fen: undefined }),
    programmeBody(t.a.id, { name: "长".repeat(41) }),
  ];
  for (const b of bodies) {
    const r = await admin.post(`${ADMIN}/programmes`, b, idem());
    assert.equal(r.status, 422, `${JSON.stringify(b).slice(0, 80)} → ${r.status} ${r.text}`);
  }
  const r = await admin.post(`${ADMIN}/programmes`, programmeBody(t.a.id, { name: "困", places: 0, closes_on: day(-3) }), idem());
  assert.match(r.body.error.fields.name, /至少|字/);
  assert.ok(r.body.error.fields.places && r.body.error.fields.closes_on);
  const en = new Client({ lang: "en", ip: freshIp() });
  en.cookies = admin.cookies;
  const rEn = await en.post(`${ADMIN}/programmes`, programmeBody(t.a.id, { kind: "seasonal" }), idem());
  assert.equal(rEn.status, 422);
  assert.match(rEn.body.error.fields.campaign, /seasonal campaign/);
  const broken = await admin.req("POST", `${ADMIN}/programmes`, { raw: "{not json", headers: { "content-type": "application/json", ...idem().headers } });
  assert.equal(broken.status, 400);
  // Applications too.
  const p = await createProgramme(admin, t.a.id);
  const m = await member(admin, t.a.id);
  for (const details of [{}, { kind: "medical" }, hardship({ household: 0 }), hardship({ bank_account: "12" }), hardship({ income_fen: -5 }), { kind: "hardship", household: "four" }]) {
    const res = await apply(m, p.id, details);
    assert.equal(res.status, 422, `${JSON.stringify(details)} → ${res.status} ${res.text}`);
  }
  assert.equal((await apply(m, 999999, hardship())).status, 404);
  for (const path of [`${app(0)}`, `${app("x")}/decision`, `/api/benefits/applications/abc`]) {
    const res = path.endsWith("decision") ? await admin.post(path, {}, idem()) : await (path.startsWith("/api/admin") ? admin : m).get(path);
    assert.equal(res.status, 404, path);
  }
});

test("a worker finds their union's and the unions' above it, and gig programmes of their area", async () => {
  const ofA = await createProgramme(admin, t.a.id, { name: `甲工会帮扶${uid()}` });
  const ofP = await createProgramme(admin, t.p.id, { kind: "health_check", name: `街道免费体检${uid()}`, dibao_fen: undefined, amount: { kind: "fixed", amount_fen: 30000 } });
  const ofB = await createProgramme(admin, t.b.id, { name: `乙工会帮扶${uid()}` });
  const gig = await createProgramme(admin, t.b.id, { kind: "seasonal", campaign: "summer_cool", name: `夏送清凉${uid()}`, dibao_fen: undefined, who_may_apply: "members_and_gig_workers", region_code: "340100", amount: { kind: "fixed", amount_fen: 5000 } });
  const later = await createProgramme(admin, t.a.id, { opens_on: day(2), closes_on: day(9) });
  const m = await member(admin, t.a.id);
  const found = await m.get("/api/benefits/programmes");
  assert.equal(found.status, 200, found.text);
  const ids = found.body.programmes.map((p) => p.id);
  assert.ok(ids.includes(ofA.id) && ids.includes(ofP.id), "own union and the one above");
  assert.ok(!ids.includes(ofB.id), "not a sibling's");
  assert.ok(!ids.includes(later.id), "not before the window opens");
  assert.ok(!ids.includes(gig.id), "no area given");
  const rider = await worker();
  assert.deepEqual((await rider.get("/api/benefits/programmes")).body.programmes, []);
  const near = await rider.get("/api/benefits/programmes?region_code=340102");
  assert.deepEqual(near.body.programmes.map((p) => p.id), [gig.id], "a city's gig programme covers its districts");
  assert.deepEqual((await rider.get("/api/benefits/programmes?region_code=320102")).body.programmes, []);
  assert.equal((await rider.get("/api/benefits/programmes?region_code=abc")).status, 422);
  // Paused programmes drop out.
  await admin.post(`${ADMIN}/programmes/${ofA.id}/status`, { status: "paused" }, idem());
  assert.ok(!(await m.get("/api/benefits/programmes")).body.programmes.some((p) => p.id === ofA.id));
  assert.equal((await new Client().get("/api/benefits/programmes")).status, 401);
  // The public page of one programme.
  const one = await new Client().get(`/api/benefits/programmes/${ofP.id}`);
  assert.equal(one.body.programme.name, ofP.name);
});

test("one application from the enrolment profile: replays create one, the self-check is re-run and stored, once per period", async () => {
  const p = await createProgramme(admin, t.a.id, { dibao_fen: 100000 });
  const m = await member(admin, t.a.id, { name: "李秀英" });
  const key = idem();
  const [first, replay] = [await apply(m, p.id, hardship(), key), await apply(m, p.id, hardship(), key)];
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(replay.body, first.body, "a replay returns the first answer");
  const a = first.body.application;
  assert.equal(a.name, "李秀英", "the name comes from the enrolment");
  assert.equal(a.as_member, true);
  assert.equal(a.id_number_masked, `${m.form.id_number.slice(0, 6)}${"*".repeat(12)}`);
  assert.equal(a.status, "submitted");
  assert.equal(a.phone, undefined, "the worker's own view carries no phone");
  assert.equal(a.facts.bank_account_masked, "**** 0123");
  assert.ok(!first.text.includes("6222021234567890123") && !first.text.includes(m.form.id_number));
  // (48,000 − 12,000) ÷ 12 ÷ 4 = 750 < 1,000 低保: deep hardship, by the server's own sum.
  assert.deepEqual(a.self_check, { category: "deep", monthly_per_person_fen: 75000, dibao_fen: 100000 });
  assert.deepEqual(first.body.history.map((h) => [h.version, h.status, h.by]), [[1, "submitted", "worker"]]);
  const mine = await m.get("/api/benefits/applications");
  assert.deepEqual(mine.body.applications.map((x) => x.id), [a.id]);
  const twice = await apply(m, p.id, hardship({ household: 3 }));
  assert.equal(twice.status, 409);
  assert.match(twice.body.error.message, /每人每期一次/);
  // The account and ID are sealed at rest.
  const stored = JSON.parse(sqlJsonOf(`SELECT bank_account_sealed, id_number_sealed, facts FROM benefit_applications WHERE id = ${a.id}`))[0];
  assert.ok(stored.bank_account_sealed && !stored.bank_account_sealed.includes("6222021234567890123"));
  assert.ok(stored.id_number_sealed && !stored.id_number_sealed.includes(m.form.id_number));
  // Someone else's application does not exist for you.
  assert.equal((await (await worker()).get(`/api/benefits/applications/${a.id}`)).status, 404);
  // Members only: a non-member is told to join.
  const outsider = await apply(await worker(), p.id, hardship(), idem(), { name: "张三丰", id_number: idNumber() });
  assert.equal(outsider.status, 403);
  assert.match(outsider.body.error.message, /请先入会/);
});

test("a medical claim more than 10 days after discharge is refused; a gig worker types name and ID once", async () => {
  const p = await createProgramme(admin, t.a.id, { kind: "medical", dibao_fen: undefined, who_may_apply: "members_and_gig_workers", region_code: "340102", amount: { kind: "up_to", amount_fen: 1000000 } });
  const m = await member(admin, t.a.id);
  const late = await apply(m, p.id, medical(11));
  assert.equal(late.status, 422);
  assert.match(late.body.error.fields["details.discharged_on"], /10天内.*已过期1天/);
  const grade1 = await apply(m, p.id, medical(2, { hospital_level: "level_1" }));
  assert.equal(grade1.status, 422);
  assert.ok(grade1.body.error.fields["details.hospital_level"]);
  const onTime = await apply(m, p.id, medical(10));
  assert.equal(onTime.status, 200, onTime.text);
  assert.equal(onTime.body.application.facts.self_paid_fen, 1000000);
  const rider = await worker();
  const bare = await apply(rider, p.id, medical(1));
  assert.equal(bare.status, 422);
  assert.ok(bare.body.error.fields.applicant);
  const id = idNumber();
  const gig = await apply(rider, p.id, medical(1), idem(), { name: "赵大军", id_number: id });
  assert.equal(gig.status, 200, gig.text);
  assert.equal(gig.body.application.as_member, false);
  assert.equal(gig.body.application.name, "赵大军");
  assert.equal(gig.body.application.id_number_masked, `${id.slice(0, 6)}${"*".repeat(12)}`);
  // The same person from another account is still the same person.
  const again = await apply(await worker(), p.id, medical(1), idem(), { name: "赵大军", id_number: id });
  assert.equal(again.status, 409);
});

test("the queue is the subtree's; documents asked for and added; decisions within the rule; paid; a text at each step", async () => {
  const p = await createProgramme(admin, t.a.id, { required_documents: ["身份证", "出院小结"] });
  const m = await member(admin, t.a.id);
  const a = (await apply(m, p.id, hardship())).body.application;
  const queue = await staffA.get(`${ADMIN}/applications?programme_id=${p.id}`);
  assert.equal(queue.status, 200, queue.text);
  assert.deepEqual(queue.body.applications.map((x) => x.id), [a.id]);
  assert.equal(queue.body.applications[0].phone, m.phone, "staff see the phone");
  assert.deepEqual((await staffA.get(`${ADMIN}/applications?programme_id=${p.id}&status=approved`)).body.applications, []);
  assert.equal((await staffA.get(`${ADMIN}/applications?status=nope`)).status, 422);
  assert.ok(!(await other.get(`${ADMIN}/applications`)).body.applications.some((x) => x.id === a.id));
  assert.equal((await other.get(app(a.id))).status, 404);
  assert.equal((await other.post(`${app(a.id)}/review`, undefined, idem())).status, 404);

  let mark = logMark();
  const asked = await staffA.post(`${app(a.id)}/request-documents`, { documents: ["出院小结", "医保结算单"], note: "请拍清楚" }, idem());
  assert.equal(asked.status, 200, asked.text);
  assert.equal(asked.body.application.status, "needs_documents");
  assert.deepEqual(asked.body.application.documents_requested, ["出院小结", "医保结算单"]);
  assert.match(await waitForText(m.phone, /需补材料/, mark), /请补交:出院小结、医保结算单/);
  const seen = await m.get(`/api/benefits/applications/${a.id}`);
  assert.equal(seen.body.application.status, "needs_documents");
  assert.equal((await staffA.post(`${app(a.id)}/decision`, { decision: "approve", amount_fen: 100000 }, idem())).status, 409, "not while documents are missing");
  const added = await m.post(`/api/benefits/applications/${a.id}/documents-supplied`, null, idem());
  assert.equal(added.status, 200, added.text);
  assert.equal(added.body.application.status, "reviewing");
  assert.deepEqual(added.body.application.documents_requested, []);

  const over = await staffA.post(`${app(a.id)}/decision`, { decision: "approve", amount_fen: 500001 }, idem());
  assert.equal(over.status, 422);
  assert.match(over.body.error.fields.amount_fen, /5000元/);
  mark = logMark();
  const approved = await staffA.post(`${app(a.id)}/decision`, { decision: "approve", amount_fen: 200000 }, idem());
  assert.equal(approved.status, 200, approved.text);
  assert.equal(approved.body.application.status, "approved");
  assert.equal(approved.body.application.amount_fen, 200000);
  assert.match(await waitForText(m.phone, /已批准/, mark), /批准金额2000元/);
  let prog = (await staffA.get(`${ADMIN}/programmes/${p.id}`)).body.programme;
  assert.equal(prog.committed_fen, 200000);
  assert.equal(prog.committed_places, 1);

  const tooMuch = await staffA.post(`${app(a.id)}/payment`, { amount_fen: 200001, paid_on: day(0), method: "bank_transfer" }, idem());
  assert.equal(tooMuch.status, 422);
  const future = await staffA.post(`${app(a.id)}/payment`, { paid_on: day(1), method: "bank_transfer" }, idem());
  assert.equal(future.status, 422);
  mark = logMark();
  const paid = await staffA.post(`${app(a.id)}/payment`, { paid_on: day(0), method: "bank_transfer", reference: "HX2025-001" }, idem());
  assert.equal(paid.status, 200, paid.text);
  assert.equal(paid.body.application.status, "paid");
  assert.equal(paid.body.application.paid_fen, 200000);
  assert.equal(paid.body.application.paid_on, day(0));
  assert.equal(paid.body.application.payment_method, "bank_transfer");
  assert.match(await waitForText(m.phone, /已发放/, mark), /已发放2000元/);
  prog = (await staffA.get(`${ADMIN}/programmes/${p.id}`)).body.programme;
  assert.equal(prog.paid_fen, 200000);
  assert.equal(prog.committed_fen, 200000);
  const history = (await m.get(`/api/benefits/applications/${a.id}`)).body.history;
  assert.deepEqual(history.map((h) => h.status), ["submitted", "needs_documents", "reviewing", "approved", "paid"]);
  assert.deepEqual(history.map((h) => h.by), ["worker", "staff", "worker", "staff", "staff"]);
  assert.equal((await staffA.post(`${app(a.id)}/payment`, { paid_on: day(0), method: "cash" }, idem())).status, 409, "paid once");
  // Each staff action is in the audit log.
  const audit = JSON.parse(sqlJsonOf(`SELECT action FROM audit_log WHERE target_type = 'benefit_application' AND target_id = '${a.id}' ORDER BY id`)).map((r) => r.action);
  assert.deepEqual(audit, ["benefit_application.request_documents", "benefit_application.approve", "benefit_application.pay"]);
});

test("concurrent approvals never overspend the budget: the rest are 409", async () => {
  // ¥2,000 each from ¥5,000: two fit, whatever the order.
  const p = await createProgramme(admin, t.a.id, { amount: { kind: "fixed", amount_fen: 200000 }, budget_fen: 500000, places: 10 });
  const apps = [];
  for (let i = 0; i < 5; i += 1) {
    const m = await member(admin, t.a.id);
    apps.push((await apply(m, p.id, hardship())).body.application);
  }
  const results = await Promise.all(apps.map((a) => staffA.post(`${app(a.id)}/decision`, { decision: "approve" }, idem())));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 200, 409, 409, 409], results.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join("\n"));
  for (const r of results.filter((r) => r.status === 409)) assert.match(r.body.error.message, /预算|名额/);
  const prog = (await staffA.get(`${ADMIN}/programmes/${p.id}`)).body.programme;
  assert.equal(prog.committed_fen, 400000);
  assert.ok(prog.committed_fen <= prog.budget_fen);
  const approved = (await staffA.get(`${ADMIN}/applications?programme_id=${p.id}&status=approved`)).body.applications;
  assert.equal(approved.length, 2);
  // The same application approved twice at once commits once.
  const q = await createProgramme(admin, t.a.id, { amount: { kind: "fixed", amount_fen: 100000 } });
  const one = (await apply(await member(admin, t.a.id), q.id, hardship())).body.application;
  const both = await Promise.all([1, 2, 3].map(() => staffA.post(`${app(one.id)}/decision`, { decision: "approve" }, idem())));
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409, 409]);
  assert.equal((await staffA.get(`${ADMIN}/programmes/${q.id}`)).body.programme.committed_fen, 100000);
  // Places run out the same way.
  const r = await createProgramme(admin, t.a.id, { amount: { kind: "fixed", amount_fen: 100000 }, places: 1 });
  const two = [];
  for (let i = 0; i < 2; i += 1) two.push((await apply(await member(admin, t.a.id), r.id, hardship())).body.application);
  const raced = await Promise.all(two.map((a) => staffA.post(`${app(a.id)}/decision`, { decision: "approve" }, idem())));
  assert.deepEqual(raced.map((x) => x.status).sort(), [200, 409]);
});

test("bulk payments pay every approved application at once, or none", async () => {
  const p = await createProgramme(admin, t.a.id, { kind: "seasonal", campaign: "winter_warmth", dibao_fen: undefined, amount: { kind: "fixed", amount_fen: 30000 } });
  const ids = [];
  const people = [];
  for (let i = 0; i < 3; i += 1) {
    const m = await member(admin, t.a.id);
    people.push(m);
    const a = (await apply(m, p.id, { kind: "seasonal", campaign: "winter_warmth" })).body.application;
    ids.push(a.id);
  }
  for (const id of ids.slice(0, 2)) assert.equal((await staffA.post(`${app(id)}/decision`, { decision: "approve" }, idem())).status, 200);
  const mixed = await staffA.post(`${ADMIN}/payments`, { application_ids: ids, paid_on: day(0), method: "in_kind" }, idem());
  assert.equal(mixed.status, 422, "one not approved: none paid");
  assert.equal((await staffA.get(app(ids[0]))).body.application.status, "approved");
  assert.equal((await other.post(`${ADMIN}/payments`, { application_ids: ids.slice(0, 2), paid_on: day(0), method: "in_kind" }, idem())).status, 404, "another subtree's are not found");
  const mark = logMark();
  const paid = await staffA.post(`${ADMIN}/payments`, { application_ids: ids.slice(0, 2), paid_on: day(0), method: "in_kind" }, idem());
  assert.equal(paid.status, 200, paid.text);
  assert.equal(paid.body.paid_fen, 60000);
  assert.deepEqual(paid.body.applications.map((a) => a.status), ["paid", "paid"]);
  await waitForText(people[0].phone, /已发放/, mark);
  await waitForText(people[1].phone, /已发放/, mark);
  assert.deepEqual(textsTo(people[2].phone, mark), []);
  assert.equal((await staffA.get(`${ADMIN}/programmes/${p.id}`)).body.programme.paid_fen, 60000);
});

test("a scholarship goes on public notice with masked names; one child one scholarship a year across the tree", async () => {
  const p = await createProgramme(admin, t.p.id, { kind: "scholarship", dibao_fen: undefined, notice_days: 3, amount: { kind: "up_to", amount_fen: 500000 } });
  const child = idNumber({ birth: "20070301" });
  const scholarship = (overrides = {}) => ({ kind: "scholarship", child_name: "王小明", child_id_number: child, school: "合肥工业大学", stage: "university", ...overrides });
  const parent = await member(admin, t.a.id, { name: "王建国" });
  const a = await apply(parent, p.id, scholarship());
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.application.facts.child_id_masked, `${child.slice(0, 6)}${"*".repeat(12)}`);
  // The other parent, in another union of the tree, applies for the same child: refused.
  const otherParent = await member(admin, t.b.id, { name: "陈美丽" });
  const twice = await apply(otherParent, p.id, scholarship({ child_name: "王小明" }));
  assert.equal(twice.status, 409);
  assert.match(twice.body.error.message, /这个孩子今年已经申请过/);
  const mark = logMark();
  const decided = await admin.post(`${app(a.body.application.id)}/decision`, { decision: "approve", amount_fen: 500000 }, idem());
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.body.application.status, "public_notice");
  assert.equal(decided.body.application.notice_ends_on, day(3));
  await waitForText(parent.phone, /公示中/, mark);
  const board = await new Client().get(`/api/benefits/programmes/${p.id}/public-notice`);
  assert.equal(board.status, 200);
  assert.deepEqual(board.body.entries.map((e) => [e.name_masked, e.child_masked, e.amount_fen]), [["王*国", "王*明", 500000]]);
  assert.ok(!board.text.includes("王建国") && !board.text.includes(child));
  const early = await admin.post(`${app(a.body.application.id)}/confirm`, undefined, idem());
  assert.equal(early.status, 409);
  sql(`UPDATE benefit_applications SET notice_ends_on = '${day(-1)}' WHERE id = ${a.body.application.id}`);
  const confirmed = await admin.post(`${app(a.body.application.id)}/confirm`, undefined, idem());
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.body.application.status, "approved");
});

test("open programmes are published as HSDS services with application process, documents, areas and assured date", async () => {
  const p = await createProgramme(admin, t.a.id, { kind: "medical", dibao_fen: undefined, who_may_apply: "members_and_gig_workers", region_code: "340102", required_documents: ["身份证", "出院小结"] });
  const closed = await createProgramme(admin, t.a.id, { name: `已结束项目${uid()}` });
  await admin.post(`${ADMIN}/programmes/${closed.id}/status`, { status: "closed" }, idem());
  const r = await new Client().get("/api/open-data/benefits.json");
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.hsds_version, "3.0");
  const s = r.body.services.find((x) => x.name === p.name);
  assert.ok(s, "the open programme is there");
  assert.ok(!r.body.services.some((x) => x.name === closed.name), "a closed one is not");
  assert.deepEqual(s.required_documents.map((d) => d.document), ["身份证", "出院小结"]);
  assert.match(s.application_process, /工友驿站/);
  assert.equal(s.assured_date, day(0));
  assert.deepEqual(s.service_areas.map((a) => a.name), [p.union.name, "340102"]);
  const schema = JSON.parse(readFileSync(new URL("../schemas/hsds-3.0/service.json", import.meta.url)));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const valid = ajv.compile(schema);
  for (const svc of r.body.services) assert.ok(valid(svc), JSON.stringify(valid.errors));
});

test("an approved hardship application puts the household on file once; staff close it when out of hardship", async () => {
  const p = await createProgramme(admin, t.a.id, { dibao_fen: 100000 });
  const q = await createProgramme(admin, t.a.id, { dibao_fen: 100000, name: `第二个帮扶${uid()}` });
  const m = await member(admin, t.a.id, { name: "周桂兰" });
  const a = (await apply(m, p.id, hardship())).body.application;
  const b = (await apply(m, q.id, hardship({ household: 3 }))).body.application;
  // Above the line (¥6,000 a month each): approved aid, but no file.
  const well = await member(admin, t.a.id);
  const c = (await apply(well, p.id, hardship({ household: 1, income_fen: 7200000, fixed_costs_fen: 0 }))).body.application;
  assert.equal(c.self_check.category, "not_eligible");
  for (const x of [a, b, c]) assert.equal((await staffA.post(`${app(x.id)}/decision`, { decision: "approve", amount_fen: 100000 }, idem())).status, 200);
  const list = await staffA.get(`${ADMIN}/households?status=on_file`);
  assert.equal(list.status, 200, list.text);
  const mine = list.body.households.filter((h) => [a.id, b.id, c.id].includes(h.application_id));
  assert.equal(mine.length, 1, "one open file per person, none above the line");
  const h = mine[0];
  assert.deepEqual([h.application_id, h.name, h.category, h.since, h.status, h.review_due], [a.id, "周桂兰", "deep", day(0), "on_file", false]);
  const next = new Date(`${day(0)}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  assert.equal(h.next_review_on, next.toISOString().slice(0, 10));
  assert.ok((await staffA.get(`${ADMIN}/households?category=deep`)).body.households.some((x) => x.id === h.id));
  assert.equal((await staffA.get(`${ADMIN}/households?category=not_eligible`)).status, 422);
  assert.ok(!(await other.get(`${ADMIN}/households`)).body.households.some((x) => x.id === h.id));
  assert.equal((await other.post(`${ADMIN}/households/${h.id}/close`, { closed_on: day(0), note: "丈夫康复后重新就业" }, idem())).status, 404);
  assert.equal((await staffA.post(`${ADMIN}/households/${h.id}/close`, { closed_on: day(1), note: "重新就业" }, idem())).status, 422);
  const closed = await staffA.post(`${ADMIN}/households/${h.id}/close`, { closed_on: day(0), note: "丈夫康复后重新就业" }, idem());
  assert.equal(closed.status, 200, closed.text);
  assert.deepEqual([closed.body.household.status, closed.body.household.closed_on], ["closed", day(0)]);
  assert.equal((await staffA.post(`${ADMIN}/households/${h.id}/close`, { closed_on: day(0), note: "再次" }, idem())).status, 409);
  assert.ok((await staffA.get(`${ADMIN}/households?status=closed`)).body.households.some((x) => x.id === h.id));
});

test("the figures count applications, approvals and payments per month and programme, people apart from 人次, with a CSV", async () => {
  const f = await staff({ role: "union_admin", unionId: t.b.id, creator: admin });
  const p = await createProgramme(admin, t.b.id, { name: `统计帮扶${uid()}` });
  const one = await member(admin, t.b.id);
  const two = await member(admin, t.b.id);
  const a = (await apply(one, p.id, hardship())).body.application;
  const b = (await apply(two, p.id, hardship())).body.application;
  assert.equal((await f.post(`${app(a.id)}/decision`, { decision: "approve", amount_fen: 200000 }, idem())).status, 200);
  assert.equal((await f.post(`${app(b.id)}/decision`, { decision: "reject", reason: "收入高于标准" }, idem())).status, 200);
  assert.equal((await f.post(`${app(a.id)}/payment`, { paid_on: day(0), method: "bank_transfer" }, idem())).status, 200);
  const r = await f.get(`${ADMIN}/figures`);
  assert.equal(r.status, 200, r.text);
  const month = day(0).slice(0, 7);
  const row = r.body.rows.find((x) => x.programme_id === p.id && x.month === month);
  assert.ok(row, r.text);
  assert.deepEqual(
    [row.applications, row.applicants, row.approvals, row.payments, row.people_paid, row.paid_fen, row.median_days_to_decision],
    [2, 2, 1, 1, 1, 200000, 0],
  );
  assert.ok(r.body.totals.paid_fen >= 200000);
  const csv = await f.get(`${ADMIN}/figures.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get("content-type"), /text\/csv/);
  assert.ok(csv.text.includes("月份") && csv.text.includes(`${month},${p.id},${p.name},困难帮扶,2,2,1,1,1,2000,0`), csv.text.slice(0, 400));
  // Another subtree's staff do not see it.
  assert.ok(!(await other.get(`${ADMIN}/figures`)).body.rows.some((x) => x.programme_id === p.id));
  assert.equal((await other.get(`${ADMIN}/figures?union_id=${t.b.id}`)).status, 404);
  assert.equal((await f.get(`${ADMIN}/figures?from=2025-13`)).status, 422);
});
