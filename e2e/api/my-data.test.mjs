// The my-data export (issue 12, item 4; PIPL Art. 45): everything held about
// the person, table by table, and a check that no table with an account column
// can be left out of it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { admin, sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { employerBody, verifiedEmployer, liveJob, YAOHAI } from "../lib/jobs.mjs";
import { form } from "../lib/people.mjs";

const key = () => ({ headers: { "idempotency-key": `md-${uid()}-${uid()}` } });

// Columns that link a row to a worker's account. A table with one of them must
// be a source of the export, or be named here with the reason it holds no one's
// personal data (the same as shared::accounts::NOT_PERSONAL_TABLES).
const LINK = /^(user_id|phone|.+_phone|reporter|visitor|owner|enrolment_id|bucket|member_no)$/;
const NOT_PERSONAL = { stations: "a station's public phone number" };

test("my data: the export has every table linked to the account, and a new such table cannot be forgotten", async () => {
  const w = await worker();
  const data = await w.get("/api/me/data");
  assert.equal(data.status, 200, data.text);
  const exported = new Set(data.body.sources.map((s) => s.table));
  const columns = JSON.parse(sqlJson(
    "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name NOT LIKE 'd1_%'",
  ));
  const linked = [...new Set(columns.filter((r) => LINK.test(r.c)).map((r) => r.t))].sort();
  assert.ok(linked.includes("applications") && linked.includes("job_cards"), linked.join(","));
  const missing = linked.filter((t) => !exported.has(t) && !NOT_PERSONAL[t]);
  assert.deepEqual(missing, [], `tables with an account column missing from the export: ${missing.join(", ")}`);
  // Every source names a section the export actually carries.
  for (const s of data.body.sources) {
    assert.ok(s.section in data.body, `${s.table} → ${s.section}`);
  }
  assert.ok(exported.has("kv:session"), "the sessions (KV) are a source too");
});

test("my data: the enrolment with its consent, memberships' details, employer links, invitations, reports, visits and sessions are exported; the ID number only masked", async () => {
  const t = await tree();
  const w = await worker();
  const f = form({ hometown: `安徽省六安市${uid()}` });
  const applied = await w.post("/api/membership/applications", { union_id: t.a.id, form: f }, key());
  assert.equal(applied.status, 200, applied.text);
  // An employer the worker acts for, with their own number as contact.
  const emp = await w.post("/api/employers", employerBody({ contact_phone: w.phone }), key());
  assert.equal(emp.status, 200, emp.text);
  // A job card, a job report and an invitation from staff.
  const card = await w.put("/api/job-card", { trades: [{ trade: "carpenter", years: 12 }], certificates: [], expected_wage_fen: 30000, expected_wage_unit: "day", areas: ["瑶海区"], position: YAOHAI, available_from: new Date().toISOString().slice(0, 10), visible: true });
  assert.equal(card.status, 200, card.text);
  const yaohai = await staff({ role: "staff", unionId: 3 });
  const job = await liveJob(yaohai, (await verifiedEmployer(await admin(), 3)).id);
  const reported = await w.post(`/api/jobs/${job.id}/reports`, { reason: "wrong_wage", note: "工资写得太高" }, key());
  assert.equal(reported.status, 200, reported.text);
  const invited = await yaohai.post(`/api/admin/jobs/${job.id}/invitations`, { card_ids: [card.body.job_card.id] });
  assert.ok([200, 204].includes(invited.status), invited.text);
  // A station report and a check-in while signed in.
  assert.equal((await w.post("/api/stations/5/reports", { kind: "other", note: "饮水机坏了" }, key())).status, 200);
  assert.equal((await w.post("/api/stations/7/visits", { device_id: `dev-${uid()}${uid()}` })).status, 200);

  const data = await w.get("/api/me/data");
  assert.equal(data.status, 200, data.text);
  const d = data.body;
  assert.match(data.headers.get("content-disposition"), /attachment/);
  assert.equal(d.phone, w.phone);
  assert.ok(d.account_created_at);
  const e = d.applications.find((x) => x.id === applied.body.application.id);
  assert.ok(e, "the enrolment record");
  assert.equal(e.name, f.name);
  assert.equal(e.hometown, f.hometown);
  assert.equal(e.employer_or_project, f.employer_or_project);
  assert.equal(e.contact_address, f.contact_address);
  assert.equal(e.consent_version, f.consent.version);
  assert.ok(e.consent_at, "when consent was given");
  assert.ok(e.id_number_masked.includes("*"), "the ID number masked");
  assert.ok(!data.text.includes(f.id_number), "never the plain ID number");
  const link = d.employer_links.find((x) => x.employer_id === emp.body.employer.id);
  assert.ok(link, "the employer link");
  assert.equal(link.contact_phone, w.phone);
  assert.ok(d.job_card, "the job card");
  assert.ok(d.job_reports.some((r) => r.job_id === job.id && r.note === "工资写得太高"), "the job report");
  assert.ok(d.job_invitations.some((i) => i.job_id === job.id), "the invitation");
  assert.ok(d.station_reports.some((r) => r.station_id === 5 && r.note === "饮水机坏了"), "the station report");
  assert.ok(d.station_visits.some((v) => v.station_id === 7), "the check-in");
  assert.ok(d.sessions.length >= 1 && d.sessions.some((s) => s.current), "the sessions");
  assert.ok(d.submissions.length >= 1, "the submissions kept against double sending");
  assert.ok(d.rate_limits.some((r) => r.bucket.endsWith(w.phone)), "the counters under the number");
  // Nothing that opens anything: no token, token hash, code hash, sealed value or stored reply.
  const cookie = [...w.cookies.values()].join("");
  assert.ok(cookie.length > 20 && !data.text.includes(cookie), "no session token");
  for (const k of ["code_hash", "request_hash", "id_number_sealed", "id_number_index", "token_hash", "\"token\"", "\"response\""]) {
    assert.ok(!data.text.includes(k), k);
  }
  const sessionKeys = Object.keys(d.sessions[0]).sort();
  assert.deepEqual(sessionKeys, ["created_at", "current", "device", "expires_at", "id", "last_seen_at"]);
});
