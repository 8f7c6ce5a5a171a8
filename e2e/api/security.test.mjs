// Ways an attacker gets through (issue 12), one test per rule: each fails
// without its fix. docs/SECURITY.md names the rule beside the test's title.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { freshIp, staff, tree, uid } from "../lib/fixtures.mjs";

const BASE = process.env.GONGYOU_BASE;
const cookieOf = (c) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const csvText = async (path, c) => {
  const res = await fetch(`${BASE}${path}`, c ? { headers: { cookie: cookieOf(c) } } : {});
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer()).toString("utf8");
};

test("CSV: a station named =1+2 is text, not a formula, in the staff export and the open data", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const province = `公式省${uid()}`;
  const made = await s.post("/api/admin/stations", {
    union_id: a.id, name: "=1+2", station_type: "caring_station", province, city: "测试市", district: "测试区",
    address: "@SUM(A1)", lat: 40, lng: 85, datum: "wgs84", phone: null, amenities: ["toilet"],
    schedule: { weekly: Array(7).fill(["00:00-24:00"]) }, status: "active", description: "-1",
  });
  assert.equal(made.status, 200, made.text);
  const staffCsv = await csvText(`/api/admin/stations/export.csv?union_id=${a.id}`, s);
  const open = await csvText(`/api/open-data/stations.csv?province=${encodeURIComponent(province)}`);
  for (const text of [staffCsv, open]) {
    const row = text.split("\r\n")[1];
    assert.ok(row, text);
    const cells = row.split(",");
    assert.ok(cells.includes("'=1+2"), row);
    assert.ok(cells.includes("'@SUM(A1)"), row);
    assert.ok(!cells.some((c) => /^[=+\-@\t\r]/.test(c)), `no cell starts a formula: ${row}`);
  }
  assert.ok(staffCsv.split("\r\n")[1].split(",").includes("'-1"));
});
