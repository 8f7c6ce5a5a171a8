// Station scale bench: a synthetic national set of 200,000 stations around real
// city locations, loaded into a fresh local D1; nearest-10 at several places,
// with and without filters: p50/p95 latency through the Worker, D1 round trips
// and rows_read per request (the Worker's development headers), against the
// rows_read of a naive full scan; then a station page. Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CITIES } from "./data/cities.mjs";

const N = Number(process.env.BENCH_STATIONS ?? 200_000);
const TYPES = ["union_station", "outdoor_worker_station", "caring_station", "happiness_station", "one_yuan_dormitory", "workers_canteen", "legal_service_station", "workers_library"];
const SCHEDULES = ['{"weekly":[["00:00-24:00"],["00:00-24:00"],["00:00-24:00"],["00:00-24:00"],["00:00-24:00"],["00:00-24:00"],["00:00-24:00"]]}',
  '{"weekly":[["08:00-20:00"],["08:00-20:00"],["08:00-20:00"],["08:00-20:00"],["08:00-20:00"],["08:00-20:00"],["08:00-20:00"]]}',
  '{"weekly":[["18:00-06:00"],["18:00-06:00"],["18:00-06:00"],["18:00-06:00"],["18:00-06:00"],["18:00-06:00"],["18:00-06:00"]]}'];

// A small deterministic generator, so every run benches the same data.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

export function prepare(state) {
  const weight = CITIES.reduce((s, c) => s + c[3], 0);
  const lines = [];
  let id = 1000;
  for (const [name, lat, lng, w] of CITIES) {
    const count = Math.round((N * w) / weight);
    const values = [];
    for (let i = 0; i < count; i++) {
      id += 1;
      // Most stations within ~10 km of the centre, some spread over the prefecture.
      const spread = rand() < 0.8 ? 0.08 : 0.5;
      const la = (lat + gauss() * spread).toFixed(6);
      const ln = (lng + gauss() * spread).toFixed(6);
      const amenities = Math.floor(rand() * 65536);
      values.push(`(${id},3,'/1/2/3/','${name}驿站${i}','${TYPES[i % 8]}','省','${name}','区','路${i}号',${la},${ln},'wgs84','${SCHEDULES[i % 3]}',${amenities},'active','2025-01-01T00:00:00Z','2025-01-01T00:00:00Z')`);
      if (values.length === 200) {
        lines.push(`INSERT INTO stations (id, union_id, union_path, name, station_type, province, city, district, address, lat, lng, source_datum, schedule, amenities, status, created_at, updated_at) VALUES ${values.join(",")};`);
        values.length = 0;
      }
    }
    if (values.length) lines.push(`INSERT INTO stations (id, union_id, union_path, name, station_type, province, city, district, address, lat, lng, source_datum, schedule, amenities, status, created_at, updated_at) VALUES ${values.join(",")};`);
  }
  const file = join(state, "bench-stations.sql");
  writeFileSync(file, lines.join("\n"));
  const t = performance.now();
  execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file], { cwd: new URL("../worker", import.meta.url).pathname, stdio: "ignore" });
  console.log(`  loaded ${id - 1000} synthetic stations over ${CITIES.length} cities in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const PLACES = [
  ["合肥瑶海 (dense city)", 31.88, 117.34],
  ["上海人民广场 (densest)", 31.2304, 121.4737],
  ["雅安天全 (county town)", 30.066, 102.758],
  ["喀什郊外 (sparse)", 39.8, 76.5],
  ["塔克拉玛干 (empty)", 39.0, 83.0],
];
const FILTERS = [
  ["no filter", ""],
  ["amenity=microwave,toilet", "&amenity=microwave,toilet"],
  ["type=workers_canteen", "&type=workers_canteen"],
  ["open_now=true", "&open_now=true"],
];

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function run(env) {
  const base = env.GONGYOU_BASE;
  const RUNS = 25;
  console.log(`  ${"place".padEnd(26)} ${"filter".padEnd(26)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"trips".padStart(6)} ${"rows_read".padStart(10)} ${"full scan".padStart(10)}`);
  for (const [place, lat, lng] of PLACES) {
    for (const [label, q] of FILTERS) {
      const url = `${base}/api/stations?lat=${lat}&lng=${lng}&limit=10${q}`;
      await fetch(url); // warm
      const times = [];
      let rows = 0;
      let trips = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = await fetch(url);
        await r.arrayBuffer();
        times.push(performance.now() - t);
        rows = Number(r.headers.get("x-d1-rows-read"));
        trips = Number(r.headers.get("x-d1-round-trips"));
      }
      const full = Number((await fetch(`${url}&compare_full_scan=true`)).headers.get("x-d1-rows-read-full-scan"));
      console.log(`  ${place.padEnd(26)} ${label.padEnd(26)} ${pct(times, 0.5).toFixed(1).padStart(7)} ${pct(times, 0.95).toFixed(1).padStart(7)} ${String(trips).padStart(6)} ${String(rows).padStart(10)} ${String(full).padStart(10)}`);
    }
  }
  // A station page.
  const page = await fetch(`${base}/api/stations/1500`);
  console.log(`  ${"station page /api/stations/1500".padEnd(53)} ${"".padStart(15)} ${page.headers.get("x-d1-round-trips").padStart(6)} ${page.headers.get("x-d1-rows-read").padStart(10)}`);
  await throughput(base, [["nearest 10, 合肥", "/api/stations?lat=31.88&lng=117.34&limit=10"], ["station page", "/api/stations/1500"]]);
}

/// Requests per second against /api/health as the floor, when wrk is installed.
export async function throughput(base, paths) {
  const { spawnSync } = await import("node:child_process");
  if (spawnSync("wrk", ["--version"]).error) {
    console.log("  (wrk not installed: no throughput figures)");
    return;
  }
  const rps = (path) => {
    const out = spawnSync("wrk", ["-t2", "-c16", "-d5s", `${base}${path}`], { encoding: "utf8" }).stdout;
    return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  };
  const floor = rps("/api/health");
  console.log(`  throughput: /api/health ${floor.toFixed(0)} req/s`);
  for (const [label, path] of paths) {
    const r = rps(path);
    console.log(`  throughput: ${label} ${r.toFixed(0)} req/s (${(r / floor).toFixed(2)}x the floor)`);
  }
}
