// The RBAC matrix, generated from the route table (via /api/openapi.json and
// each operation's x-access), so every new endpoint is covered automatically.
// Callers: anonymous, a worker, staff of union A, staff of A's sibling B, the
// admin of A's parent, and a viewer of A. Every path parameter points at a
// resource in A's subtree; a parameter with no fixture fails the test.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { operations, fill } from "../lib/openapi.mjs";
import { freshIp, staff, tree, uid, worker, PASSWORD } from "../lib/fixtures.mjs";
import { form } from "../lib/people.mjs";
import { employerBody, jobBody, liveJob, verifiedEmployer } from "../lib/jobs.mjs";
import { checkIn, courseBody, createCourse, sessionCode, sessionNow, signUp } from "../lib/training.mjs";
import { append as appendDay } from "../lib/locker.mjs";
import { complaintBody, idem as caseKey } from "../lib/cases.mjs";
import { apply as applyForBenefit, createProgramme, hardship, member as benefitMember, programmeBody } from "../lib/benefits.mjs";

let ops, t, callers, params, bodies;

before(async () => {
  ({ ops } = await operations());
  t = await tree();
  const parentAdmin = await staff({ role: "union_admin", unionId: t.p.id });
  callers = {
    anonymous: new Client({ ip: freshIp() }),
    worker: await worker(),
    staffA: await staff({ role: "staff", unionId: t.a.id, creator: parentAdmin }),
    staffB: await staff({ role: "staff", unionId: t.b.id, creator: parentAdmin }),
    parentAdmin,
    viewerA: await staff({ role: "viewer", unionId: t.a.id, creator: parentAdmin }),
  };
  const fixtureStaff = await staff({ role: "viewer", unionId: t.a.id, creator: parentAdmin });
  const fixtureStation = (await parentAdmin.post("/api/admin/stations", stationBody(t.a.id, `RBAC甲站${uid()}`))).body.station.station;
  const enrol = async () => (await (await worker()).post("/api/membership/applications", { union_id: t.a.id, form: form() }, { headers: { "idempotency-key": `rbac-${uid()}-${uid()}` } })).body.application;
  const fixtureApplication = await enrol();
  const memberApplication = await enrol();
  const approved = await parentAdmin.post(`/api/admin/applications/${memberApplication.id}/decision`, { decision: "approve", reason: "" });
  const fixtureMemberNo = approved.body.results[0].member_no;
  const fixtureEmployer = await verifiedEmployer(parentAdmin, t.a.id);
  const fixtureJob = await liveJob(parentAdmin, fixtureEmployer.id);
  const seeker = await worker();
  const key = () => ({ headers: { "idempotency-key": `rbac-${uid()}-${uid()}` } });
  const fixtureJobApplication = (await seeker.post(`/api/jobs/${fixtureJob.id}/applications`, undefined, key())).body.application;
  const fixtureReport = (await seeker.post(`/api/jobs/${fixtureJob.id}/reports`, { reason: "wrong_wage" }, key())).body.report;
  const flagged = await parentAdmin.post(`/api/admin/employers/${fixtureEmployer.id}/flags`, { reason: "other", note: "矩阵测试标记" });
  const fairBody = () => ({ name: `矩阵招聘会${uid()}`, place: "矩阵路1号", union_id: t.a.id, starts_at: new Date(Date.now() + 86400e3).toISOString().slice(0, 19) + "Z", ends_at: new Date(Date.now() + 90000e3).toISOString().slice(0, 19) + "Z", employer_ids: [fixtureEmployer.id] });
  const fixtureFair = (await parentAdmin.post("/api/admin/job-fairs", fairBody())).body.job_fairs[0];
  const fixtureCourse = await createCourse(parentAdmin, t.a.id, { sessions: [sessionNow({ hours: 2 })] });
  const trainee = await worker();
  const fixtureEnrolment = (await signUp(trainee, fixtureCourse.id)).body.enrolment;
  await checkIn(trainee, await sessionCode(parentAdmin, fixtureCourse.sessions[0].id));
  await parentAdmin.post(`/api/admin/training/enrolments/${fixtureEnrolment.id}/assessment`, { outcome: "passed" });
  const fixtureCertificate = (await parentAdmin.post(`/api/admin/training/courses/${fixtureCourse.id}/certificates`)).body.certificates[0];
  // A file the matrix's worker uploaded (unlinked: only they may read or delete it).
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
  const fixtureAttachment = (await callers.worker.req("POST", "/api/attachments", { raw: jpeg, headers: { "content-type": "image/jpeg", ...key().headers } })).body.attachment;
  const fixtureProgramme = await createProgramme(parentAdmin, t.a.id);
  const fixtureBenefitApplication = (await applyForBenefit(await benefitMember(parentAdmin, t.a.id), fixtureProgramme.id, hardship())).body.application;
  // An approved hardship application puts its household on file.
  const filed = (await applyForBenefit(await benefitMember(parentAdmin, t.a.id), fixtureProgramme.id, hardship())).body.application;
  await parentAdmin.post(`/api/admin/benefits/applications/${filed.id}/decision`, { decision: "approve", amount_fen: 100000 }, { headers: { "idempotency-key": `rbac-${uid()}-${uid()}` } });
  const fixtureHousehold = (await parentAdmin.get("/api/admin/benefits/households")).body.households.find((h) => h.application_id === filed.id);
  // A day in the matrix worker's own evidence locker (记工本).
  const fixtureLockerEntry = await appendDay(callers.worker);
  // A wage case filed at A by a worker who is not the matrix's worker.
  const fixtureCase = (await (await worker()).post("/api/rights/cases", complaintBody(t.a.id), caseKey())).body.case;
  // Path parameters → a resource in A's subtree. Capabilities add theirs here.
  params = {
    union_id: t.a.id,
    staff_id: fixtureStaff.me.staff.staff_id,
    join_code: t.a.join_code,
    session_id: "0000000000000000",
    station_id: fixtureStation.id,
    application_id: fixtureApplication.id,
    member_no: fixtureMemberNo,
    employer_id: fixtureEmployer.id,
    job_id: fixtureJob.id,
    job_application_id: fixtureJobApplication.id,
    report_id: fixtureReport.id,
    flag_id: flagged.body.employer.flags[0].id,
    fair_id: fixtureFair.id,
    course_id: fixtureCourse.id,
    course_session_id: fixtureCourse.sessions[0].id,
    enrolment_id: fixtureEnrolment.id,
    certificate_id: fixtureCertificate.id,
    attachment_id: fixtureAttachment.id,
    programme_id: fixtureProgramme.id,
    benefit_application_id: fixtureBenefitApplication.id,
    household_id: fixtureHousehold.id,
    locker_entry_id: fixtureLockerEntry.id,
    case_id: fixtureCase.id,
  };
  // Bodies whose scope is in the body itself (creations), aimed at A's subtree.
  bodies = {
    UnionsCreate: () => ({ parent_id: t.p.id, name: `RBAC新建${uid()}联合工会`, code: `RB-${uid().toUpperCase()}`, level: "grassroots", kind: "joint" }),
    AccountsStaffCreate: () => ({ username: `rb.${uid()}`, display_name: "矩阵", role: "viewer", union_id: t.a.id, password: PASSWORD }),
    StationsAdminCreate: () => stationBody(t.a.id, `RBAC新站${uid()}`),
    StationsImport: () => ({ union_id: t.a.id, rows: [{ line: 2, station: stationBody(t.a.id, `RBAC导入${uid()}`) }] }),
    MembershipDecideBulk: () => ({ application_ids: [fixtureApplication.id], decision: "reject", reason: "矩阵测试" }),
    JobsAdminCreateEmployer: () => ({ union_id: t.a.id, ...employerBody() }),
    JobsAdminPostJob: () => ({ ...jobBody(), employer_id: fixtureEmployer.id }),
    JobsCreateFair: fairBody,
    TrainingCreateCourse: () => courseBody(t.a.id),
    BenefitsCreateProgramme: () => programmeBody(t.a.id),
    CasesSetCalendarDay: () => ({ date: "2026-12-31", kind: null, name: "" }),
    BenefitsBulkPayment: () => ({ application_ids: [fixtureBenefitApplication.id], paid_on: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), method: "cash" }),
  };
});

function stationBody(unionId, name) {
  return { union_id: unionId, name, station_type: "union_station", province: "安徽省", city: "合肥市", district: "瑶海区", address: "矩阵路1号",
    lat: 31.7, lng: 117.2, datum: "wgs84", phone: null, amenities: ["toilet"], schedule: { weekly: Array(7).fill(["08:00-20:00"]) }, status: "active", description: null };
}

const ROLE_RANK = { viewer: 0, staff: 1, union_admin: 2, platform_admin: 3 };
const STAFF = { staffA: ["staff", "A"], staffB: ["staff", "B"], parentAdmin: ["union_admin", "P"], viewerA: ["viewer", "A"] };

/** Whether `caller` may call `op` on A's resources. */
function expected(op, caller) {
  if (op.access === "public") return true;
  if (caller === "anonymous") return false;
  // Only a sign-in halfway between password and second factor; no caller here is.
  if (op.access === "second_factor") return false;
  if (op.access === "signed_in") return true;
  if (op.access === "worker") return caller === "worker";
  const need = op.access.split(":")[1];
  if (!(caller in STAFF)) return false;
  const [role, where] = STAFF[caller];
  if (ROLE_RANK[role] < ROLE_RANK[need]) return false;
  // Scoped to A: B's staff may not act on it — unless the route takes no
  // resource at all (a list of one's own subtree), checked for leaks below.
  const scoped = op.pathParams.length > 0 || Boolean(bodies[op.id]);
  return !(scoped && where === "B");
}

const DENIED = new Set([401, 403, 404]);
/** On one's own resources (worker, signed_in) a 404 is "nothing there", not a denial. */
const deniedBy = (op, status) => (op.access.startsWith("staff:") ? DENIED.has(status) : status === 401 || status === 403);
/** Runs last, in this order: closing a union, then signing out (which ends the caller's session). */
const LAST = ["MembershipCloseUnion", "AccountsLogout"];
/** Deleting one's account ends the session too: a worker allowed to do it gets a throwaway account. */
const callerFor = async (op, name) => (op.id === "AccountsDeleteAccount" && expected(op, name) ? worker() : callers[name]);
const rank = (op) => LAST.indexOf(op.id) + 1;

test("lists and lookups never show another subtree's rows", async () => {
  const lists = ops.filter((o) => o.method === "GET" && o.access.startsWith("staff:") && o.pathParams.length === 0);
  assert.ok(lists.length >= 3);
  for (const op of lists) {
    const mine = await callers.parentAdmin.get(op.path);
    assert.equal(mine.status, 200, `${op.path} for A's parent admin`);
    const theirs = await callers.staffB.get(op.path);
    if (theirs.status === 200) assert.ok(!theirs.text.includes(t.marker), `${op.path} leaks A's rows to B`);
    // Asking explicitly for A's subtree is refused.
    if (op.queryParams.includes("union_id")) {
      const probe = await callers.staffB.get(`${op.path}?union_id=${t.a.id}`);
      assert.ok(DENIED.has(probe.status), `${op.path}?union_id=A answered ${probe.status} to B`);
    }
  }
  // And A's own staff do see A (the marker is real).
  const own = await callers.staffA.get("/api/admin/unions");
  assert.ok(own.text.includes(t.marker));
});

test("every operation allows and denies exactly per its x-access and the caller's scope", async () => {
  const failures = [];
  const staffOps = ops.filter((o) => o.access !== "public").sort((x, y) => rank(x) - rank(y));
  assert.ok(staffOps.length > 5);
  // Denied callers first, so allowed calls that change things cannot mask a leak.
  for (const op of staffOps) {
    for (const p of op.pathParams) assert.ok(p in params, `no RBAC fixture for path parameter {${p}} of ${op.method} ${op.path}`);
    if (op.method !== "GET" && op.path.startsWith("/api/admin/") && op.pathParams.length === 0) {
      assert.ok(op.id in bodies, `no RBAC sample body for ${op.id} (${op.method} ${op.path}): add one aimed at A's subtree`);
    }
    const order = Object.keys(callers).sort((x, y) => expected(op, x) - expected(op, y));
    for (const name of order) {
      const body = op.hasBody ? (bodies[op.id]?.() ?? {}) : undefined;
      const headers = op.idempotent ? { "idempotency-key": `rbac-${name}-${uid()}-${uid()}` } : {};
      const caller = await callerFor(op, name);
      const res = await caller.req(op.method, fill(op.path, params), body === undefined ? { headers } : { body, headers });
      const allowed = expected(op, name);
      const denied = deniedBy(op, res.status);
      if (res.status >= 500) failures.push(`${name} ${op.method} ${op.path}: ${res.status}`);
      else if (allowed === denied) failures.push(`${name} ${op.method} ${op.path}: expected ${allowed ? "allow" : "deny"}, got ${res.status} ${res.text.slice(0, 120)}`);
      if (name === "anonymous" && !allowed) assert.equal(res.status, 401, `${op.method} ${op.path} anonymous`);
    }
  }
  assert.deepEqual(failures, []);
});
