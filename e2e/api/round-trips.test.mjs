// Hot reads stay fast on Cloudflare, where every D1 call is a network round
// trip: nearest stations, a station, job search and a job make at
// most two D1 round trips, and read few rows. Asserted through the Worker's
// development headers (x-d1-round-trips, x-d1-rows-read), not timing.
// Not yet here: nearest-first job search and matches still grow their ring
// one round trip at a time (see docs/ARCHITECTURE.md, "D1 round trips").
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { Client } from "../lib/client.mjs";
import { freshIp, staff, tree, uid } from "../lib/fixtures.mjs";
import { liveJob, north, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";

const api = new Client({ ip: freshIp() });
const MAX_TRIPS = 2;
let t, admin, job;

before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
  const e = await verifiedEmployer(admin, t.a.id);
  job = await liveJob(admin, e.id, { title: `招木工${uid()}` });
  await liveJob(admin, e.id, { title: `木工班组${uid()}`, at: north(2) });
});

/** GETs `path` (as `client`), checks it is a 200, and returns what D1 did for it. */
async function cost(path, client = api) {
  const r = await client.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  const trips = Number(r.headers.get("x-d1-round-trips"));
  const rows = Number(r.headers.get("x-d1-rows-read"));
  assert.ok(Number.isInteger(trips) && trips >= 1, `${path}: round trips are counted`);
  return { trips, rows, body: r.body };
}

function within(path, c, maxRows) {
  assert.ok(c.trips <= MAX_TRIPS, `${path}: ${c.trips} D1 round trips (at most ${MAX_TRIPS})`);
  assert.ok(c.rows <= maxRows, `${path}: ${c.rows} rows read (at most ${maxRows})`);
}

test("nearest stations: at most two D1 round trips and 500 rows, in a city, with filters and in the empty desert", async () => {
  for (const q of [
    "lat=31.88&lng=117.34&limit=10",
    "lat=31.88&lng=117.34&limit=10&type=workers_canteen",
    "lat=31.88&lng=117.34&limit=10&amenity=microwave,toilet",
    "lat=31.88&lng=117.34&limit=10&open_now=true",
    "lat=39.0&lng=83.0&limit=10",
    "lat=39.0&lng=83.0&limit=10&type=workers_library",
  ]) {
    const path = `/api/stations?${q}`;
    const c = await cost(path);
    within(path, c, 500);
    assert.ok(c.body.stations.length > 0, `${path}: finds stations`);
  }
});

test("a station page, a job page and job search: at most two D1 round trips", async () => {
  within("/api/stations/3", await cost("/api/stations/3"), 50);
  within(`/api/jobs/${job.id}`, await cost(`/api/jobs/${job.id}`), 50);
  for (const q of [`q=${encodeURIComponent("木工")}`, `q=${encodeURIComponent("招木工")}`, "", "trade=carpenter", "sort=highest_wage", `lat=${YAOHAI.lat}&lng=${YAOHAI.lng}&radius_km=10&sort=newest`]) {
    const path = `/api/jobs?${q}`;
    const c = await cost(path);
    within(path, c, 2_000);
    if (q.startsWith("q=")) assert.ok(c.body.jobs.length >= 1, `${path}: finds the job`);
  }
});
