// The staff workspace's edits against the real Worker: a union (a project
// union's dates and fallback set ahead of closing), a job fair (edited, or
// cancelled with a reason workers see), an employer (name, contact, area; a
// new name goes back for verification). Each: scope (another subtree gets
// 404), bad input (422 naming the field, never a 500) and the audit entry.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { sql, sqlJson, staff, tree, uid, union, worker } from "../lib/fixtures.mjs";
import { courseBody, sessionNow } from "../lib/training.mjs";
import { form } from "../lib/people.mjs";
import { employerBody, liveJob, verifiedEmployer } from "../lib/jobs.mjs";

const idem = () => ({ headers: { "idempotency-key": `ws-${uid()}-${uid()}` } });
let t, boss, outsider, viewer;

before(async () => {
  t = await tree();
  boss = await staff({ role: "union_admin", unionId: t.p.id });
  // Staff of a district elsewhere (天全县总工会).
  outsider = await staff({ role: "union_admin", unionId: 14 });
  viewer = await staff({ role: "viewer", unionId: t.p.id, creator: boss });
});

/** The audit entries of `action` on `target` in P's log. */
async function logged(action, target) {
  const log = await boss.get(`/api/admin/audit?union_id=${t.p.id}`);
  assert.equal(log.status, 200, log.text);
  return log.body.entries.filter((e) => e.action === action && e.target_id === String(target));
}

test("a project union's end date and fallback are set ahead of closing; closing then moves the members there", async () => {
  const project = await union({ parent_id: t.p.id, name: `测试编辑${uid()}项目工会`, level: "grassroots", kind: "project", project_starts_on: "2025-01-01", project_ends_on: "2030-12-31" }, boss);
  const enterprise = await union({ parent_id: t.p.id, name: `测试企业${uid()}工会`, level: "grassroots", kind: "enterprise" }, boss);
  const path = `/api/admin/unions/${project.id}`;

  // Scope and role first: another subtree learns nothing, a viewer may not edit.
  assert.equal((await outsider.patch(path, { project_ends_on: "2029-01-01" })).status, 404);
  assert.equal((await viewer.patch(path, { project_ends_on: "2029-01-01" })).status, 403);

  // Bad input: 422 with the field named.
  const early = await boss.patch(path, { project_ends_on: "2024-06-01" });
  assert.equal(early.status, 422, early.text);
  assert.ok(early.body.error.fields.project_ends_on);
  const notJoint = await boss.patch(path, { fallback_union_id: enterprise.id });
  assert.equal(notJoint.status, 422, notJoint.text);
  assert.ok(notJoint.body.error.fields.fallback_union_id);
  const itself = await boss.patch(path, { fallback_union_id: project.id });
  assert.equal(itself.status, 422);
  const elsewhere = await boss.patch(path, { fallback_union_id: 14 });
  assert.ok([403, 422].includes(elsewhere.status), elsewhere.text);
  assert.ok(elsewhere.body.error.fields.fallback_union_id, "outside the scope, named");
  const jointDates = await boss.patch(`/api/admin/unions/${t.a.id}`, { project_ends_on: "2029-01-01", fallback_union_id: t.b.id });
  assert.equal(jointDates.status, 422, jointDates.text);
  assert.ok(jointDates.body.error.fields.project_ends_on && jointDates.body.error.fields.fallback_union_id);
  for (const body of [{ project_ends_on: "31/12/2030" }, { name: 7 }, { fallback_union_id: "x" }]) {
    const r = await boss.patch(path, body);
    assert.ok(r.status === 400 || r.status === 422, `${JSON.stringify(body)}: ${r.status}`);
  }

  // The edit: new end date, start and the fallback.
  const ok = await boss.patch(path, { project_starts_on: "2025-02-01", project_ends_on: "2027-06-30", fallback_union_id: t.a.id, address: "瑶海区站塘路88号工地" });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.union.project_starts_on, "2025-02-01");
  assert.equal(ok.body.union.project_ends_on, "2027-06-30");
  assert.equal(ok.body.union.fallback_union_id, t.a.id);
  assert.equal(ok.body.union.address, "瑶海区站塘路88号工地");
  assert.equal((await logged("union.update", project.id)).length, 1, "audited");

  // A member joins, then the union closes with no fallback in the request: the designated one takes them.
  const w = await worker();
  const app = (await w.post("/api/membership/applications", { union_id: project.id, form: form() }, idem())).body.application;
  assert.equal((await boss.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  const closed = await boss.post(`${path}/close`, {});
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.fallback_union.id, t.a.id);
  assert.equal(closed.body.moved, 1);
  const card = await w.get("/api/membership/card");
  assert.equal(card.body.card.union_name, t.a.name, "the member is now in the fallback union");
  // A closed union is kept for the record.
  assert.equal((await boss.patch(path, { name: "改名项目工会" })).status, 422);
});

const at = (days, hour) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days, hour - 8)).toISOString().slice(0, 19) + "Z";

test("a fair is edited, then cancelled with a reason that workers see as 已取消", async () => {
  const employer = await verifiedEmployer(boss, t.a.id);
  const body = { name: `测试编辑招聘会${uid()}`, place: "瑶海区零工市场", union_id: t.a.id, starts_at: at(3, 9), ends_at: at(3, 12), employer_ids: [employer.id] };
  const made = await boss.post("/api/admin/job-fairs", body);
  assert.equal(made.status, 200, made.text);
  const fair = made.body.job_fairs[0];
  const path = `/api/admin/job-fairs/${fair.id}`;

  assert.equal((await outsider.put(path, body)).status, 404, "another subtree");
  assert.equal((await outsider.post(`${path}/cancel`, { reason: "场馆维修" })).status, 404);
  assert.equal((await viewer.put(path, body)).status, 403);

  const backwards = await boss.put(path, { ...body, ends_at: at(3, 8) });
  assert.equal(backwards.status, 422, backwards.text);
  assert.ok(backwards.body.error.fields.ends_at);
  const series = await boss.put(path, { ...body, repeat_monthly: 2 });
  assert.equal(series.status, 422);
  assert.ok(series.body.error.fields.repeat_monthly);
  const away = await boss.put(path, { ...body, union_id: 14 });
  assert.equal(away.status, 403, "moving it outside the subtree");

  const edited = await boss.put(path, { ...body, name: `${body.name}(改期)`, place: "瑶海区人力资源市场", starts_at: at(4, 9), ends_at: at(4, 12) });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.job_fair.place, "瑶海区人力资源市场");
  assert.equal(edited.body.job_fair.starts_at, at(4, 9));
  assert.equal(edited.body.job_fair.employers.length, 1);
  assert.equal((await logged("job_fair.edit", fair.id)).length, 1);

  const short = await boss.post(`${path}/cancel`, { reason: "停" });
  assert.equal(short.status, 422);
  assert.ok(short.body.error.fields.reason);
  assert.equal((await boss.post(`${path}/cancel`, {})).status, 422, "no reason at all");
  const cancelled = await boss.post(`${path}/cancel`, { reason: "场馆临时维修,改到下月" });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.ok(cancelled.body.job_fair.cancelled_at);
  assert.equal((await logged("job_fair.cancel", fair.id)).length, 1);

  // Workers still find it, marked cancelled with the reason.
  const anyone = new Client();
  const one = await anyone.get(`/api/job-fairs/${fair.id}`);
  assert.equal(one.body.job_fair.cancel_reason, "场馆临时维修,改到下月");
  const cal = await anyone.get(`/api/job-fairs?union_id=${t.a.id}`);
  assert.ok(cal.body.job_fairs.find((f) => f.id === fair.id)?.cancelled_at, "in the calendar, marked");

  const again = await boss.post(`${path}/cancel`, { reason: "再取消一次" });
  assert.equal(again.status, 422);
  const afterwards = await boss.put(path, body);
  assert.equal(afterwards.status, 422, "a cancelled fair is not edited");
});

test("an employer corrects its contact and area; a new name goes back to staff, and its jobs wait", async () => {
  const contact = await worker();
  const employer = await verifiedEmployer(boss, t.a.id, { contact_phone: contact.phone });
  const job = await liveJob(boss, employer.id);
  const path = `/api/employers/${employer.id}`;
  const edit = (over = {}) => ({ name: employer.name, contact_name: employer.contact_name, contact_phone: contact.phone, region_code: employer.region_code, ...over });

  assert.equal((await (await worker()).patch(path, edit())).status, 404, "not its contact");
  const bad = await contact.patch(path, edit({ name: "甲", contact_phone: "12345", region_code: "3401" }));
  assert.equal(bad.status, 422, bad.text);
  for (const f of ["name", "contact_phone", "region_code"]) assert.ok(bad.body.error.fields[f], f);
  const newPhone = await contact.patch(path, edit({ contact_phone: employerBody().contact_phone }));
  assert.equal(newPhone.status, 422, "another number needs its texted code");
  assert.ok(newPhone.body.error.fields.code);

  const person = await contact.patch(path, edit({ contact_name: "李主管" }));
  assert.equal(person.status, 200, person.text);
  assert.equal(person.body.employer.contact_name, "李主管");
  assert.equal(person.body.employer.status, "verified", "a new contact person needs no new check");

  const renamed = await contact.patch(path, edit({ contact_name: "李主管", name: `${employer.name}(更名)` }));
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.employer.status, "pending", "back to the union for verification");
  assert.ok(renamed.body.employer.verified_at, "the first verification is kept on the record");
  const queue = await boss.get(`/api/admin/employers?union_id=${t.a.id}&status=pending`);
  assert.ok(queue.body.employers.some((e) => e.id === employer.id), "in the staff queue");
  const listed = await new Client().get(`/api/jobs?employer_id=${employer.id}`);
  assert.equal(listed.status, 200, listed.text);
  assert.ok(!listed.body.jobs.some((j) => j.id === job.id), "its jobs leave the list until verified again");
  const entries = await logged("employer.edit", employer.id);
  assert.equal(entries.length, 2);
  assert.doesNotMatch(JSON.stringify(entries), new RegExp(contact.phone), "no phone in the log");

  // Staff correct it too, within their scope.
  const staffPath = `/api/admin/employers/${employer.id}`;
  assert.equal((await outsider.patch(staffPath, edit())).status, 404);
  assert.equal((await viewer.patch(staffPath, edit())).status, 403);
  const byStaff = await boss.patch(staffPath, edit({ contact_name: "王经理", name: `${employer.name}(更名)` }));
  assert.equal(byStaff.status, 200, byStaff.text);
  assert.equal(byStaff.body.employer.contact_name, "王经理");
  const moved = await boss.patch(staffPath, edit({ region_code: "511825" }));
  assert.ok([403, 422].includes(moved.status), `an area outside the subtree: ${moved.status} ${moved.text}`);
  assert.ok(moved.body.error.fields.region_code);
});

test("the station export streams every row of the subtree, past one page of 2,000 and the old 20,000 cap alike", async () => {
  const { p, a } = await tree();
  const s = await staff({ role: "viewer", unionId: p.id });
  // 4,100 stations straight into D1 (defunct, so no one else's map or open data sees them).
  const marker = `导出${uid()}`;
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4100)
       INSERT INTO stations (union_id, union_path, name, station_type, province, city, district, address, lat, lng, schedule, status, created_at, updated_at)
       SELECT ${a.id}, (SELECT path FROM unions WHERE id = ${a.id}), '${marker}' || i, 'union_station', '安徽省', '合肥市', '瑶海区', '=1+2 测试路' || i || '号', 31.8, 117.3,
              '{"weekly":[[],[],[],[],[],[],[]],"closures":[]}', 'defunct', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n`);
  const res = await fetch(`${process.env.GONGYOU_BASE}/api/admin/stations/export.csv?union_id=${p.id}`, { headers: { cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /text\/csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM, once");
  const text = bytes.toString("utf8");
  assert.equal(text.split("\uFEFF").length, 2, "one BOM for the whole file");
  const lines = text.trim().split("\r\n");
  assert.match(lines[0], /^名称,类型/, "the heading (the BOM checked above)");
  assert.equal(lines.slice(1).filter((l) => l.startsWith("名称")).length, 0, "one heading");
  const names = new Set(lines.slice(1).map((l) => l.split(",")[0]).filter((n) => n.startsWith(marker)));
  assert.equal(names.size, 4100, "every row, each once");
  assert.ok(lines.some((l) => l.includes("'=1+2 测试路")), "formulas made inert");
});

test("概览 counts what waits in the subtree, each with its queue; a decision lowers the count", async () => {
  const { p, a } = await tree();
  const head = await staff({ role: "staff", unionId: p.id });
  const look = await staff({ role: "viewer", unionId: p.id });
  const count = async (c, q, query = "") => {
    const r = await c.get(`/api/admin/overview${query}`);
    assert.equal(r.status, 200, r.text);
    return r.body.counts.find((x) => x.queue === q);
  };
  assert.equal((await count(head, "enrolments")).count, 0);
  const apps = [];
  for (let i = 0; i < 3; i++) {
    const w = await worker();
    apps.push((await w.post("/api/membership/applications", { union_id: a.id, form: form() }, idem())).body.application);
  }
  const enrolments = await count(head, "enrolments");
  assert.equal(enrolments.count, 3);
  assert.equal(enrolments.path, "/admin/applications");
  assert.equal((await count(head, "enrolments", `?union_id=${a.id}`)).count, 3, "narrowed to one union");
  assert.equal(await count(look, "enrolments"), undefined, "a viewer reviews nothing, so sees no such count");
  assert.equal((await head.post(`/api/admin/applications/${apps[0].id}/decision`, { decision: "approve", reason: "" })).status, 200);
  assert.equal((await count(head, "enrolments")).count, 2);

  // A station never checked by staff is due; once checked it is not.
  const station = (await head.post("/api/admin/stations", { union_id: a.id, name: `概览测试驿站${uid()}`, station_type: "union_station", province: "安徽省", city: "合肥市", district: "瑶海区", address: "测试路1号",
    lat: 31.7, lng: 117.2, datum: "wgs84", phone: null, amenities: ["toilet"], schedule: { weekly: Array(7).fill(["08:00-20:00"]) }, status: "active", description: null })).body.station.station;
  sql(`UPDATE stations SET last_verified_at = '2020-01-01T00:00:00Z' WHERE id = ${station.id}`);
  assert.equal((await count(look, "stations_to_recheck")).count, 1);
  assert.equal((await head.post(`/api/admin/stations/${station.id}/verify`)).status, 200);
  assert.equal((await count(look, "stations_to_recheck")).count, 0);

  // A fake-ad report and a course starting this week.
  const employer = await verifiedEmployer(head, a.id);
  const job = await liveJob(head, employer.id);
  assert.equal((await count(head, "job_reports")).count, 0);
  assert.equal((await (await worker()).post(`/api/jobs/${job.id}/reports`, { reason: "wrong_wage" }, idem())).status, 200);
  assert.equal((await count(head, "job_reports")).count, 1);
  const before = (await count(look, "courses_this_week")).count;
  const made = await head.post("/api/admin/training/courses", courseBody(a.id, { sessions: [sessionNow({ hours: 2 })] }), idem());
  assert.equal(made.status, 200, made.text);
  const courses = await count(look, "courses_this_week");
  assert.equal(courses.count, before + 1);
  const link = new URLSearchParams(courses.path.split("?")[1]);
  const listed = await look.get(`/api/admin/training/courses?union_id=${a.id}&starts_from=${link.get("starts_from")}&starts_until=${link.get("starts_until")}`);
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.body.courses.map((c) => c.id), [made.body.course.id], "the link opens the same courses");
  assert.equal((await look.get(`/api/admin/training/courses?starts_from=2026-12-06&starts_until=2026-11-30`)).status, 422);

  // Scope and bad input.
  assert.equal((await outsider.get(`/api/admin/overview?union_id=${a.id}`)).status, 404);
  assert.equal((await head.get("/api/admin/overview?union_id=x")).status, 422);
  assert.equal((await new Client().get("/api/admin/overview")).status, 401);
});

/** The text of a CSV download by `c`, checked to be UTF-8 with one BOM. */
async function csvOf(c, path) {
  const res = await fetch(`${process.env.GONGYOU_BASE}${path}`, { headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get("content-type"), /text\/csv/);
  assert.match(res.headers.get("content-disposition"), /attachment/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${path}: BOM`);
  const text = bytes.toString("utf8");
  assert.equal(text.split("\uFEFF").length, 2, `${path}: one BOM`);
  return text.slice(1).trim().split("\r\n");
}

test("members, applications, jobs and employers export as CSV: every row of the subtree, no one else's", async () => {
  const { p, a } = await tree();
  const head = await staff({ role: "staff", unionId: p.id });
  const w = await worker();
  const app = (await w.post("/api/membership/applications", { union_id: a.id, form: form({ name: "钱多多" }) }, idem())).body.application;
  const pending = (await (await worker()).post("/api/membership/applications", { union_id: a.id, form: form() }, idem())).body.application;
  assert.equal((await head.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  // 1,205 more (former) members straight into D1: past a page of 1,000.
  const user = JSON.parse(sqlJson(`SELECT id FROM users WHERE phone = '${w.phone}'`))[0].id;
  const code = `EX${uid().toUpperCase()}`;
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1205)
       INSERT INTO members (user_id, union_id, union_path, member_no, status, joined_on, ended_on, name, id_number_masked, gender, birth_year, hometown, employer_or_project, trade, employment_form, contact_address, created_at)
       SELECT ${user}, ${a.id}, (SELECT path FROM unions WHERE id = ${a.id}), '${code}-2020-' || printf('%06d', i), 'ended', '2020-01-01', '2021-01-01', '导出会员' || i, '340102************',
              'male', 1980, '安徽合肥', '测试工地', 'carpenter', 'flexible', '瑶海区', '2020-01-01T00:00:00Z' FROM n`);
  const members = await csvOf(head, `/api/admin/members/export.csv?union_id=${p.id}`);
  assert.match(members[0], /^会员编号,姓名/);
  assert.equal(members.length, 1 + 1 + 1205, "heading, the approved member, the 1,205");
  assert.equal(new Set(members.slice(1).map((l) => l.split(",")[0])).size, 1206, "each once");
  assert.ok(members.some((l) => l.split(",")[1] === "钱多多"), "the approved member");
  assert.ok(!members.join("\n").match(/\d{17}[\dX]/), "no full ID number");

  const applications = await csvOf(head, `/api/admin/applications/export.csv?union_id=${a.id}`);
  assert.equal(applications.length, 3, "both applications, decided or not");
  assert.ok(applications.some((l) => l.startsWith(`${pending.id},`)));
  const onlyPending = await csvOf(head, `/api/admin/applications/export.csv?union_id=${a.id}&status=pending`);
  assert.equal(onlyPending.length, 2);

  const employer = await verifiedEmployer(head, a.id);
  const job = await liveJob(head, employer.id);
  const jobs = await csvOf(head, `/api/admin/jobs/export.csv?union_id=${p.id}`);
  assert.match(jobs[0], /^岗位编号,岗位/);
  assert.deepEqual(jobs.slice(1).map((l) => Number(l.split(",")[0])), [job.id]);
  const employers = await csvOf(head, `/api/admin/employers/export.csv?union_id=${p.id}`);
  assert.deepEqual(employers.slice(1).map((l) => Number(l.split(",")[0])), [employer.id]);
  assert.ok(employers[1].includes(employer.uscc));

  // Another subtree: 404 for this one, nothing of it in its own.
  for (const path of ["members", "applications", "jobs", "employers"]) {
    assert.equal((await outsider.get(`/api/admin/${path}/export.csv?union_id=${a.id}`)).status, 404, path);
    const own = await outsider.get(`/api/admin/${path}/export.csv`);
    assert.equal(own.status, 200);
    assert.ok(!own.text.includes(code) && !own.text.includes(employer.name), `${path} leaks`);
  }
  assert.equal((await head.get(`/api/admin/jobs/export.csv?status=nonsense`)).status, 422);
  assert.equal((await viewer.get(`/api/admin/applications/export.csv`)).status, 403, "applications are for reviewers");
});
