// Evidence-locker (记工本) bench: a local D1 bulk-loaded with locker entries
// across many workers (SQL in one statement each: users, then entries; their
// hashes are filler, not chains), then through the Worker: one worker's
// appends (p50), the monthly summary (p50, D1 round trips and rows read),
// and the verification of that worker's 365-entry chain. Prints figures;
// asserts nothing. BENCH_LOCKER_ENTRIES / BENCH_LOCKER_WORKERS change the size.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ENTRIES = Number(process.env.BENCH_LOCKER_ENTRIES ?? 1_000_000);
const WORKERS = Number(process.env.BENCH_LOCKER_WORKERS ?? 50_000);
const CHAIN = 365;
const root = new URL("..", import.meta.url).pathname;
const FIRST_USER = 10_000_000;

export function prepare(state) {
  const per = Math.ceil(ENTRIES / WORKERS);
  // Recursive CTEs: the rows are made inside SQLite, not shipped as text.
  const sql = `
INSERT INTO users (id, phone, created_at)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${WORKERS})
  SELECT ${FIRST_USER} + i, '17' || printf('%09d', i), '2026-01-01T00:00:00Z' FROM n;
INSERT INTO locker_entries (user_id, seq, date, project, address, employer_name, boss_phone, pay_kind,
    quantity_x100, rate_fen, advance_fen, paid_fen, note, attachments, received_at, prev_hash, hash)
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${ENTRIES})
  SELECT ${FIRST_USER} + (i % ${WORKERS}), i / ${WORKERS} + 1,
         date('2026-01-01', '+' || ((i / ${WORKERS}) % 330) || ' days'),
         '项目' || (i % 97), '合肥市瑶海区', '王德发' || (i % 13), '13800138000', 'day',
         100, 35000, CASE WHEN i % 7 = 0 THEN 20000 ELSE 0 END, 0, '', '[]',
         '2026-01-01T00:00:00Z', printf('%064d', i), printf('%064d', i + 1)
  FROM n;`;
  const file = join(state, "bench-locker.sql");
  writeFileSync(file, sql);
  const t = performance.now();
  execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", state, "--file", file], { cwd: join(root, "worker"), stdio: "ignore" });
  console.log(`  loaded ${ENTRIES.toLocaleString("en")} entries across ${WORKERS.toLocaleString("en")} workers (${per} each) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

export async function run(env) {
  const base = env.GONGYOU_BASE;
  const { worker, uid } = await import("../e2e/lib/fixtures.mjs");
  const { dayBody } = await import("../e2e/lib/locker.mjs");
  const w = await worker();
  const cookie = [...w.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const headers = { cookie, "content-type": "application/json", origin: base };
  // A year of days, appended one by one through the API.
  const appends = [];
  for (let i = 0; i < CHAIN; i++) {
    const t = performance.now();
    const r = await fetch(`${base}/api/rights/locker/entries`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": `bench-${uid()}-${i}` },
      body: JSON.stringify(dayBody({ date: day(i - CHAIN + 1), advance_fen: i % 7 === 0 ? 20000 : 0 })),
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`append ${i}: ${r.status}`);
    appends.push(performance.now() - t);
  }
  const measure = async (path, n = 25) => {
    const times = [];
    let rows = 0;
    let trips = 0;
    let body;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const r = await fetch(base + path, { headers: { cookie } });
      body = await r.json();
      times.push(performance.now() - t);
      rows = Number(r.headers.get("x-d1-rows-read"));
      trips = Number(r.headers.get("x-d1-round-trips"));
    }
    return { p50: pct(times, 0.5), p95: pct(times, 0.95), rows, trips, body };
  };
  // The last whole month (this one has only begun).
  const d = new Date(Date.now() + 8 * 3600e3);
  d.setUTCDate(0);
  const month = d.toISOString().slice(0, 7);
  const summary = await measure(`/api/rights/locker/summary?month=${month}`);
  const list = await measure(`/api/rights/locker/entries?month=${month}`);
  const verify = await measure("/api/rights/locker/verify", 10);
  const count = Number(JSON.parse(execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", env.GONGYOU_STATE, "--json", "--command", "SELECT count(*) AS n FROM locker_entries"], { cwd: join(root, "worker"), encoding: "utf8" }))[0].results[0].n);
  console.log(`  entries in D1: ${count.toLocaleString("en")}`);
  console.log(`  ${"request".padEnd(36)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"trips".padStart(6)} ${"rows_read".padStart(10)}`);
  console.log(`  ${"append a day (365 in a row)".padEnd(36)} ${pct(appends, 0.5).toFixed(1).padStart(7)} ${pct(appends, 0.95).toFixed(1).padStart(7)}`);
  const line = (label, m) => console.log(`  ${label.padEnd(36)} ${m.p50.toFixed(1).padStart(7)} ${m.p95.toFixed(1).padStart(7)} ${String(m.trips).padStart(6)} ${String(m.rows).padStart(10)}`);
  line(`monthly summary, ${month} (${summary.body.totals.days_worked} days)`, summary);
  line(`the month's entries (${list.body.entries.length})`, list);
  line(`verify a ${verify.body.entries}-entry chain (ok: ${verify.body.ok})`, verify);
}
