// Jobs scale bench: 100,000 live jobs around Chinese cities, written with the
// Worker's own indexing code (shared/examples/bench_jobs.rs) into a fresh
// local D1; then p50/p95 latency through the Worker, D1 round trips and
// rows_read per request (the Worker's development headers) for text search,
// filter-only queries, a job page and one worker's match query. Prints
// figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { openSync, closeSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const N = Number(process.env.BENCH_JOBS ?? 100_000);
const root = new URL("..", import.meta.url).pathname;
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

export function prepare(state) {
  const file = join(state, "bench-jobs.sql");
  const out = openSync(file, "w");
  execFileSync("cargo", ["run", "--release", "-q", "-p", "gongyou-shared", "--example", "bench_jobs", "--", String(N), today], { cwd: root, stdio: ["ignore", out, "inherit"] });
  closeSync(out);
  const t = performance.now();
  execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file], { cwd: join(root, "worker"), stdio: "ignore" });
  console.log(`  loaded ${N} synthetic live jobs over 20 cities in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const HEFEI = "lat=31.821&lng=117.227";
const SHANGHAI = "lat=31.230&lng=121.474";
const QUERIES = [
  ["text: 木工 (2 chars, bigram)", `q=${encodeURIComponent("木工")}`],
  ["text: 钢筋工 (3 chars, trigram)", `q=${encodeURIComponent("钢筋工")}`],
  ["text: 电焊 日结 (two words)", `q=${encodeURIComponent("电焊 日结")}`],
  ["text: 保洁 near 合肥, nearest", `q=${encodeURIComponent("保洁")}&${HEFEI}`],
  ["filter: newest, no filter", ""],
  ["filter: trade=carpenter", "trade=carpenter"],
  ["filter: 日结 + min 300/day", "settlement=daily&min_wage=30000"],
  ["filter: highest wage", "sort=highest_wage"],
  ["filter: starts today", "starts_today=true"],
  ["filter: nearest to 上海", SHANGHAI],
  ["filter: 合肥 within 10 km", `${HEFEI}&radius_km=10&sort=newest`],
  ["filter: welder near 合肥", `${HEFEI}&trade=welder`],
];

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function measure(url, headers = {}) {
  await fetch(url, { headers }); // warm
  const times = [];
  let rows = 0;
  let trips = 0;
  let count = 0;
  for (let i = 0; i < 25; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    const body = await r.json();
    times.push(performance.now() - t);
    rows = Number(r.headers.get("x-d1-rows-read"));
    trips = Number(r.headers.get("x-d1-round-trips"));
    count = (body.jobs ?? body.matches ?? []).length;
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), rows, trips, count };
}

const line = (label, m) => console.log(`  ${label.padEnd(32)} ${m.p50.toFixed(1).padStart(7)} ${m.p95.toFixed(1).padStart(7)} ${String(m.trips).padStart(6)} ${String(m.rows).padStart(10)} ${String(m.count).padStart(6)}`);

export async function run(env) {
  const base = env.GONGYOU_BASE;
  console.log(`  ${"query (20 a page)".padEnd(32)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"trips".padStart(6)} ${"rows_read".padStart(10)} ${"rows".padStart(6)}`);
  for (const [label, q] of QUERIES) line(label, await measure(`${base}/api/jobs?${q}`));
  // Page 2 of 木工 (the cursor of page 1), and a job page.
  const first = await (await fetch(`${base}/api/jobs?q=${encodeURIComponent("木工")}`)).json();
  line("text: 木工, page 2", await measure(`${base}/api/jobs?q=${encodeURIComponent("木工")}&cursor=${encodeURIComponent(first.meta.next_cursor)}`));
  line("job page", await measure(`${base}/api/jobs/${first.jobs[0].id}`));
  // One worker's matches: a carpenter's job card at 合肥, then from 上海.
  const { worker } = await import("../e2e/lib/fixtures.mjs");
  const w = await worker();
  const card = { trades: [{ trade: "carpenter", years: 8 }], expected_wage_fen: 30000, expected_wage_unit: "day", areas: [], position: { lat: 31.821, lng: 117.227 }, available_from: today, visible: true };
  const saved = await w.put("/api/job-card", card);
  if (saved.status !== 200) throw new Error(`job card: ${saved.status} ${saved.text}`);
  const cookie = [...w.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  line("match: carpenter at 合肥", await measure(`${base}/api/job-card/matches`, { cookie }));
  line("match: same card, phone at 上海", await measure(`${base}/api/job-card/matches?${SHANGHAI}`, { cookie }));
  await w.put("/api/job-card", { ...card, position: null });
  line("match: no position (newest)", await measure(`${base}/api/job-card/matches`, { cookie }));
  const { throughput } = await import("./stations.mjs");
  await throughput(base, [["job search 木工", `/api/jobs?q=${encodeURIComponent("木工")}`], ["job page", `/api/jobs/${first.jobs[0].id}`]]);
}
