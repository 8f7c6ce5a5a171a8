// The station map against the real Worker: nearest-first search with filters,
// correctness across box edges, station pages, reports (idempotent), check-ins,
// open data, and the staff side (edit, verify, re-check queue, import, export).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, fetch } from "../lib/client.mjs";
import { freshIp, staff, tree, uid, worker } from "../lib/fixtures.mjs";

const api = new Client({ ip: freshIp() });
const YAOHAI = { lat: 31.88, lng: 117.34 };
const near = (q) => api.get(`/api/stations?${new URLSearchParams(q)}`);

test("nearest first from 瑶海, with distances and open-now", async () => {
  const r = await near({ ...YAOHAI, limit: 5 });
  assert.equal(r.status, 200);
  const s = r.body.stations;
  assert.equal(s.length, 5);
  assert.deepEqual(s.slice(0, 2).map((x) => x.id), [2, 1]);
  for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].distance_m <= s[i].distance_m);
  for (const x of s) assert.equal(typeof x.open_now, "boolean");
  assert.equal(r.body.meta.limit, 5);
  assert.ok(Number(r.headers.get("x-d1-rows-read")) < 200, "read through the spatial index");
});

test("filters: every amenity required, by type, open now", async () => {
  const all = (await near({ ...YAOHAI, limit: 20 })).body.stations;
  const mw = (await near({ ...YAOHAI, limit: 20, amenity: "microwave,battery_swap" })).body.stations;
  assert.ok(mw.length > 0 && mw.length < all.length);
  for (const x of mw) assert.ok(x.amenities.includes("microwave") && x.amenities.includes("battery_swap"));
  const canteens = (await near({ ...YAOHAI, type: "workers_canteen" })).body.stations;
  assert.ok(canteens.length >= 1 && canteens.every((x) => x.station_type === "workers_canteen"));
  const open = (await near({ ...YAOHAI, open_now: "true", limit: 20 })).body.stations;
  assert.ok(open.length >= 2, "the 24-hour stations are always open");
  assert.ok(open.every((x) => x.open_now));
});

test("bad coordinates and unknown amenities are a clear 422", async () => {
  const r = await new Client({ lang: "en" }).get("/api/stations?lat=95&lng=117");
  assert.equal(r.status, 422);
  assert.equal(r.body.error.fields.lat, "Latitude must be between -90 and 90");
  const zh = await api.get("/api/stations?lat=31&lng=abc");
  assert.equal(zh.body.error.fields.lng, "应为数字");
  const a = await api.get("/api/stations?lat=31&lng=117&amenity=sauna");
  assert.equal(a.status, 422);
  assert.match(a.body.error.fields.amenity, /sauna/);
});

async function station(by, unionId, fields) {
  const body = {
    union_id: unionId, name: `测试驿站${uid()}`, station_type: "caring_station", province: "新疆维吾尔自治区", city: "测试市", district: "测试区",
    address: "测试路1号", lat: 40, lng: 85, datum: "wgs84", phone: null, amenities: ["toilet"], schedule: { weekly: Array(7).fill(["00:00-24:00"]) },
    status: "active", description: null, ...fields,
  };
  const r = await by.post("/api/admin/stations", body);
  assert.equal(r.status, 200, r.text);
  return r.body.station.station;
}

test("right across box edges: a nearer station just outside the first box beats one in its corner", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  // Somewhere with no other stations: the Taklamakan.
  const here = { lat: 39.0, lng: 83.0 };
  const mPerDegLat = 111_195;
  const mPerDegLng = mPerDegLat * Math.cos((here.lat * Math.PI) / 180);
  const north = await station(s, a.id, { lat: here.lat + 2_100 / mPerDegLat, lng: here.lng }); // 2.1 km
  const corner = await station(s, a.id, { lat: here.lat + 1_900 / mPerDegLat, lng: here.lng + 1_900 / mPerDegLng }); // ≈2.7 km, inside a 2 km box
  const r = await near({ ...here, limit: 1 });
  assert.equal(r.body.stations[0].id, north.summary?.id ?? north.id);
  const both = (await near({ ...here, limit: 2 })).body.stations.map((x) => x.id);
  assert.deepEqual(both, [north.id, corner.id]);
  // Far from everything, the search widens until it finds one.
  const far = await near({ lat: 39.0, lng: 81.5, limit: 1 });
  assert.equal(far.body.stations[0].id, north.id);
});

test("the type filter holds in a sparse area: the nearest of that type, however many others are nearer", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  // 罗布泊: no other stations within hundreds of km.
  const here = { lat: 40.3, lng: 90.5 };
  const km = (n) => ({ lat: here.lat + n / 111.195, lng: here.lng });
  const crowd = [];
  for (const d of [0.5, 1, 1.5, 2, 2.5, 3, 4, 5]) crowd.push(await station(s, a.id, { ...km(d), station_type: "caring_station" }));
  const b40 = await station(s, a.id, { ...km(40), station_type: "workers_library" });
  const b60 = await station(s, a.id, { ...km(60), station_type: "workers_library" });
  const typed = await near({ ...here, limit: 2, type: "workers_library" });
  assert.equal(typed.status, 200);
  assert.deepEqual(typed.body.stations.map((x) => x.id), [b40.id, b60.id]);
  assert.ok(typed.body.stations.every((x) => x.station_type === "workers_library"));
  assert.ok(Math.abs(typed.body.stations[0].distance_m - 40_000) < 100);
  assert.ok(Number(typed.headers.get("x-d1-round-trips")) <= 2, "at most two D1 round trips");
  // Without the filter, the crowd nearby comes first, in order.
  const all = await near({ ...here, limit: 3 });
  assert.deepEqual(all.body.stations.map((x) => x.id), crowd.slice(0, 3).map((x) => x.id));
  // Only the caring stations, more than the crowd holds: the crowd, then none of the libraries.
  const caring = (await near({ ...here, limit: 9, type: "caring_station" })).body.stations;
  assert.deepEqual(caring.slice(0, 8).map((x) => x.id), crowd.map((x) => x.id));
  assert.ok(caring.every((x) => x.station_type === "caring_station"));
});

test("a station page; defunct stations are gone for the public", async () => {
  const r = await api.get("/api/stations/3");
  assert.equal(r.status, 200);
  assert.equal(r.body.station.name, "长江东路爱心驿站");
  assert.equal(r.body.station.union.name, "瑶海区总工会");
  assert.deepEqual(r.body.station.schedule.weekly[0], ["00:00-24:00"]);
  assert.equal((await api.get("/api/stations/999999")).status, 404);
  assert.equal((await api.get("/api/stations/abc")).status, 404);
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const st = await station(s, a.id, { lat: 31.5, lng: 117.5 });
  const closed = await s.put(`/api/admin/stations/${st.id}`, { ...(await s.get(`/api/admin/stations/${st.id}`)).body.station.station, union_id: a.id, datum: "wgs84", status: "defunct" });
  assert.equal(closed.status, 200, closed.text);
  assert.equal((await api.get(`/api/stations/${st.id}`)).status, 404);
});

test("a report is made once per Idempotency-Key; another body with the same key is refused", async () => {
  const key = `report-${uid()}-${uid()}`;
  const body = { kind: "amenity_missing", amenity: "microwave", note: "微波炉坏了" };
  const device = { "device-id": `dev-${uid()}${uid()}` };
  const first = await api.post("/api/stations/5/reports", body, { headers: { "idempotency-key": key, ...device } });
  assert.equal(first.status, 200, first.text);
  const replay = await api.post("/api/stations/5/reports", body, { headers: { "idempotency-key": key, ...device } });
  assert.equal(replay.status, 200);
  assert.equal(replay.body.report.id, first.body.report.id);
  assert.equal(replay.headers.get("idempotent-replayed"), "true");
  const other = await api.post("/api/stations/5/reports", { kind: "closed" }, { headers: { "idempotency-key": key, ...device } });
  assert.equal(other.status, 422);
  assert.equal((await api.post("/api/stations/5/reports", body, { headers: device })).status, 400, "the key is required");
  const long = await api.post("/api/stations/5/reports", { kind: "other", note: "字".repeat(201) }, { headers: { "idempotency-key": `k-${uid()}-${uid()}`, ...device } });
  assert.equal(long.status, 422);
  assert.ok(long.body.error.fields.note);
});

test("check-ins count once per person per hour", async () => {
  const device = `dev-${uid()}${uid()}`;
  const before = (await api.get("/api/stations/7")).body.station.visits_today;
  const a = await api.post("/api/stations/7/visits", { device_id: device });
  assert.equal(a.status, 200);
  assert.equal(a.body.visit.counted, true);
  assert.equal(a.body.visit.visits_today, before + 1);
  const again = await api.post("/api/stations/7/visits", { device_id: device });
  assert.equal(again.body.visit.counted, false);
  assert.equal(again.body.visit.visits_today, before + 1);
  const w = await worker();
  assert.equal((await w.post("/api/stations/7/visits", { device_id: device })).body.visit.counted, true, "a signed-in worker counts as themself");
  assert.equal((await w.post("/api/stations/7/visits", { device_id: `other-${uid()}${uid()}` })).body.visit.counted, false);
  assert.equal((await api.post("/api/stations/7/visits", { device_id: "x" })).status, 422);
});

// The HSDS shape of the JSON is checked against Open Referral's schema in open-data.test.mjs.
test("open data: HSDS JSON and an Excel-friendly CSV, with no personal data", async () => {
  const j = await api.get("/api/open-data/stations.json?province=安徽省");
  assert.equal(j.status, 200);
  assert.ok(j.body.services.some((s) => s.organization.name === "瑶海区总工会"));
  const c = await fetch(`${process.env.GONGYOU_BASE}/api/open-data/stations.csv?limit=2`);
  assert.match(c.headers.get("content-type"), /text\/csv/);
  const buf = Buffer.from(await c.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const text = buf.toString("utf8");
  assert.match(text, /^\uFEFFid,name,type,organization/);
  assert.match(c.headers.get("link"), /cursor=.*rel="next"/);
  for (const body of [JSON.stringify(j.body), text]) {
    assert.doesNotMatch(body, /工会干事|verified_by|reporter|visits/, "no staff names or reports");
  }
});

test("staff: GCJ-02 input is stored in WGS-84; verification clears the re-check queue", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const st = await station(s, a.id, { lat: 31.87, lng: 117.33, datum: "gcj02" });
  assert.equal(st.source_datum, "gcj02");
  assert.ok(Math.abs(st.lat - 31.87) > 0.001 || Math.abs(st.lng - 117.33) > 0.003, "converted");
  const key = `r-${uid()}-${uid()}`;
  await api.post(`/api/stations/${st.id}/reports`, { kind: "closed" }, { headers: { "idempotency-key": key, "device-id": `dev-${uid()}${uid()}` } });
  const queue = await s.get(`/api/admin/stations/recheck?union_id=${a.id}`);
  assert.equal(queue.body.stations[0].id, st.id);
  assert.equal(queue.body.stations[0].open_reports, 1);
  const v = await s.post(`/api/admin/stations/${st.id}/verify`);
  assert.equal(v.status, 200);
  assert.ok(v.body.station.station.last_verified_at);
  assert.equal(v.body.station.open_reports.length, 0);
  const after = await s.get(`/api/admin/stations/recheck?union_id=${a.id}`);
  assert.ok(!after.body.stations.some((x) => x.id === st.id && x.open_reports > 0));
  assert.equal(after.body.stations.at(-1).id, st.id, "just verified: last in line");
});

test("import: a batch with a bad row is refused whole and names the line; a replay imports nothing twice", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const row = (line, fields) => ({ line, station: { union_id: a.id, name: `导入驿站${line}${uid()}`, station_type: "union_station", province: "安徽省", city: "合肥市", district: "瑶海区", address: "导入路1号", lat: 31.6, lng: 117.6 + line / 1000, datum: "wgs84", phone: null, amenities: [], schedule: { weekly: Array(7).fill(["08:00-20:00"]) }, status: "active", description: null, ...fields } });
  const bad = await s.post("/api/admin/stations/import", { union_id: a.id, rows: [row(2), row(3, { lat: 200 })] }, { headers: { "idempotency-key": `imp-${uid()}-${uid()}` } });
  assert.equal(bad.status, 422);
  assert.ok(Object.keys(bad.body.error.fields).some((f) => f.startsWith("rows.3.")));
  const listed = async () => (await s.get(`/api/admin/stations?union_id=${a.id}&limit=200`)).body.stations.length;
  assert.equal(await listed(), 0, "nothing half-imported");
  const key = `imp-${uid()}-${uid()}`;
  const batch = { union_id: a.id, rows: [row(2), row(4)] };
  const good = await s.post("/api/admin/stations/import", batch, { headers: { "idempotency-key": key } });
  good.requestBody = batch;
  assert.equal(good.status, 200, good.text);
  assert.equal(good.body.imported, 2);
  // The phone lost the answer and sends the same batch again, with the same key.
  const replay = await s.req("POST", "/api/admin/stations/import", { raw: JSON.stringify(good.requestBody), headers: { "content-type": "application/json", "idempotency-key": key } });
  assert.equal(replay.status, 200);
  assert.deepEqual(replay.body.ids, good.body.ids);
  assert.equal(await listed(), 2, "exactly once");
  const csv = await fetch(`${process.env.GONGYOU_BASE}/api/admin/stations/export.csv?union_id=${a.id}`, { headers: { cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
  const text = bytes.toString("utf8");
  assert.match(text, /^\uFEFF名称,类型,省,市,区县,地址,纬度,经度,坐标系/);
  assert.equal(text.trim().split("\n").length, 3);
});

test("visit figures and the check-in poster for staff", async () => {
  const s = await staff({ role: "viewer", unionId: 3 });
  const v = await s.get("/api/admin/stations/7/visits?days=7");
  assert.equal(v.status, 200);
  assert.ok(v.body.total >= 1);
  assert.match(v.body.days.at(-1).day, /^\d{4}-\d\d-\d\d$/);
  assert.equal((await s.get("/api/admin/stations/7/visits?days=0")).status, 422);
  const p = await fetch(`${process.env.GONGYOU_BASE}/api/admin/stations/7/poster.svg`, { headers: { cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
  assert.equal(p.status, 200);
  assert.match(p.headers.get("content-type"), /image\/svg\+xml/);
  assert.match(await p.text(), /<svg/);
  // Outside the subtree: not found.
  const other = await staff({ role: "viewer", unionId: 18 });
  assert.equal((await other.get("/api/admin/stations/7")).status, 404);
});
