// The append-only audit log keeps references, not copies (issue 12, item 5):
// no phone number or contact name of a third party in `before`/`after`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { randomPhone } from "../lib/client.mjs";
import { ROOT } from "../lib/env.mjs";
import { sql, sqlJson, staff, tree, uid } from "../lib/fixtures.mjs";
import { employerBody, jobBody, liveJob, verifiedEmployer } from "../lib/jobs.mjs";

const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

test("audit: entries keep references, not third parties' phone numbers or names", async () => {
  const { a } = await tree();
  const s = await staff({ role: "union_admin", unionId: a.id });
  const phones = [randomPhone(), randomPhone(), randomPhone(), randomPhone()];
  // Each of these used to copy a phone (and a contact's name) into the log.
  const employer = await verifiedEmployer(s, a.id, { contact_phone: phones[0], contact_name: "陈经理" });
  const job = await liveJob(s, employer.id, { contact_phone: phones[1], contact_name: "王师傅" });
  const changed = await s.put(`/api/admin/jobs/${job.id}`, { ...jobBody({ contact_phone: phones[2], contact_name: "王师傅" }), employer_id: employer.id });
  assert.equal(changed.status, 200, changed.text);
  const station = await s.post("/api/admin/stations", {
    union_id: a.id, name: `审计驿站${uid()}`, station_type: "caring_station", province: "安徽省", city: "合肥市", district: "瑶海区",
    address: "站塘路1号", lat: 31.86, lng: 117.33, datum: "wgs84", phone: phones[3], amenities: ["toilet"],
    schedule: { weekly: Array(7).fill(["00:00-24:00"]) }, status: "active", description: `有事打${phones[3]}`,
  });
  assert.equal(station.status, 200, station.text);

  const log = await s.get(`/api/admin/audit?union_id=${a.id}`);
  assert.equal(log.status, 200, log.text);
  const actions = log.body.entries.map((e) => e.action);
  for (const act of ["employer.create", "job.create", "job.update", "station.create"]) assert.ok(actions.includes(act), `${act} in ${actions}`);
  assert.doesNotMatch(JSON.stringify(log.body.entries), MOBILE, "no mobile number in the audit API");
  for (const p of phones) assert.ok(!log.text.includes(p));
  assert.ok(!log.text.includes("陈经理") && !log.text.includes("王师傅"), "no contact names");
  const created = log.body.entries.find((e) => e.action === "employer.create");
  assert.deepEqual(created.after.contact_phone, { ref: `employer:${employer.id}` }, "a reference to the record instead");
  const update = log.body.entries.find((e) => e.action === "job.update");
  assert.deepEqual(update.after.contact_phone, { ref: `job:${job.id}`, changed: true }, "a change still shows");
  // Nor anywhere in the table, for any entry of the run.
  const rows = JSON.parse(sqlJson("SELECT id, before, after FROM audit_log"));
  const leaks = rows.filter((r) => MOBILE.test(r.before ?? "") || MOBILE.test(r.after ?? ""));
  assert.deepEqual(leaks, [], "no mobile number in audit_log");
});

test("audit: migration 0014 turns phones in older entries into references, and the log stays append-only", async () => {
  const phone = randomPhone();
  const marker = `old-${uid()}`;
  sql(`INSERT INTO audit_log (at, staff_id, staff_name, union_path, action, target_type, target_id, before, after) VALUES ('2026-01-01T00:00:00Z', 1, '${marker}', '/1/', 'employer.create', 'employer', '77', '{"contact_phone":"${phone}"}', '{"name":"某公司","contact_phone":"${phone}","contact_name":"陈经理"}')`);
  const migration = readFileSync(`${ROOT}worker/migrations/0014_audit_references.sql`, "utf8")
    .split("\n").filter((l) => !l.startsWith("--")).join("\n")
    .replace("CREATE INDEX audit_log_target", "CREATE INDEX IF NOT EXISTS audit_log_target");
  sql(migration);
  const [row] = JSON.parse(sqlJson(`SELECT before, after FROM audit_log WHERE staff_name = '${marker}'`));
  assert.ok(!row.before.includes(phone) && !row.after.includes(phone), JSON.stringify(row));
  assert.deepEqual(JSON.parse(row.after), { name: "某公司", contact_phone: { ref: "employer:77" }, contact_name: { ref: "employer:77" } });
  assert.throws(() => sql(`UPDATE audit_log SET after = NULL WHERE staff_name = '${marker}'`), "still append-only");
  assert.throws(() => sql(`DELETE FROM audit_log WHERE staff_name = '${marker}'`));
});
