// People and places for tests, made through the real API: the platform admin
// bootstrapped by e2e/run.mjs, staff accounts, and workers signed in by SMS code.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Client, fetch, randomPhone } from "./client.mjs";
import { BASE, LOG, ROOT, STATE } from "./env.mjs";
import { finishSignIn } from "./totp.mjs";

let ipSeq = 0;
/** A distinct caller address per client, so per-IP limits of one test do not hit another. */
export function freshIp() {
  ipSeq += 1;
  return `10.${process.pid % 250}.${Math.floor(ipSeq / 250) % 250}.${ipSeq % 250}`;
}

export function uid() {
  return Math.random().toString(36).slice(2, 8);
}

/** The latest SMS code the console provider printed for `phone`. */
export async function smsCode(phone, { after = 0, timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  const re = new RegExp(`\\[sms:console\\] to ${phone}: .*?(\\d{6})`, "g");
  for (;;) {
    const log = readFileSync(LOG, "utf8");
    const hits = [...log.matchAll(re)].filter((m) => m.index >= after);
    if (hits.length) return hits.at(-1)[1];
    if (Date.now() > deadline) throw new Error(`no SMS code for ${phone} in the log`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The log's length now: pass as `after` to wait for a code sent later. */
export function logMark() {
  return readFileSync(LOG, "utf8").length;
}

/** The wrangler log since `mark`, once it matches every one of `res` (lines
 * are written a little after the answer), or as it is after `timeout`. */
export async function logAfter(mark, res, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const log = readFileSync(LOG, "utf8").slice(mark);
    if (res.every((re) => re.test(log)) || Date.now() > deadline) return log;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The platform admin, signed in once by e2e/run.mjs (its session is shared). */
export async function admin() {
  const c = new Client({ ip: freshIp() });
  const [name, value] = process.env.GONGYOU_ADMIN_COOKIE.split("=");
  c.cookies.set(name, value);
  return c;
}

export const PASSWORD = "a long test passphrase";

/** Creates a staff account (through `creator`, default the platform admin) and signs it in. */
export async function staff({ role = "staff", unionId, creator, username = `t.${role}.${uid()}`, name = "测试干事" }) {
  const by = creator ?? (await admin());
  const made = await by.post("/api/admin/staff", { username, display_name: name, role, union_id: unionId, password: PASSWORD });
  if (made.status !== 200) throw new Error(`staff create failed: ${made.status} ${made.text}`);
  const c = new Client({ ip: freshIp() });
  const r = await c.post("/api/auth/staff-login", { username, password: PASSWORD });
  if (r.status !== 200) throw new Error(`staff login failed: ${r.status} ${r.text}`);
  ({ me: c.me, recoveryCodes: c.recoveryCodes } = await finishSignIn(c, username, r));
  c.username = username;
  return c;
}

/** A worker signed in with a texted code. */
export async function worker(phone = randomPhone()) {
  const c = new Client({ ip: freshIp() });
  const mark = logMark();
  const sent = await c.post("/api/auth/otp", { phone });
  if (sent.status !== 204) throw new Error(`otp send failed: ${sent.status} ${sent.text}`);
  const code = await smsCode(phone, { after: mark });
  const r = await c.post("/api/auth/otp/verify", { phone, code });
  if (r.status !== 200) throw new Error(`otp verify failed: ${r.status} ${r.text}`);
  c.me = r.body.me;
  c.phone = phone;
  return c;
}

/** Creates a union under `parentId` through `by` (default: the platform admin). */
export async function union(fields, by) {
  const c = by ?? (await admin());
  const r = await c.post("/api/admin/unions", { code: `T-${uid().toUpperCase()}`, ...fields });
  if (r.status !== 200) throw new Error(`union create failed: ${r.status} ${r.text}`);
  return r.body.union;
}

/** A fresh corner of the tree: P (street) with two grassroots siblings A and B. */
export async function tree(marker = uid()) {
  const p = await union({ parent_id: 3, name: `测试街道工会${marker}`, level: "street", kind: "federation" });
  const a = await union({ parent_id: p.id, name: `RBAC甲${marker}联合工会`, level: "grassroots", kind: "joint" });
  const b = await union({ parent_id: p.id, name: `RBAC乙${marker}联合工会`, level: "grassroots", kind: "joint" });
  return { p, a, b, marker: `RBAC甲${marker}` };
}

function d1(command, json) {
  return execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", "--local", "--persist-to", STATE, "--command", command, ...(json ? ["--json"] : [])], {
    cwd: join(ROOT, "worker"),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
}

/** Runs SQL on the test run's local D1 (to let time pass, say: a job's last day). */
export function sql(command) {
  d1(command, false);
}

/** The rows of a query on the test run's local D1, as JSON text. */
export function sqlJson(query) {
  return JSON.stringify(JSON.parse(d1(query, true))[0].results);
}

/** Runs the hourly housekeeping (the Worker's `scheduled` event) now. */
export async function housekeeping() {
  const res = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=17+*+*+*+*`);
  const text = await res.text();
  if (res.status !== 200 || text !== "ok") throw new Error(`scheduled run: ${res.status} ${text.slice(0, 80)}`);
}
