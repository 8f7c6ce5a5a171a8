// Starts the whole product for tests and benches: a free port, a fresh local D1
// and KV in a temporary directory, migrations and demo seed applied, `wrangler
// dev` serving, and the one-time bootstrap of a platform admin.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nextCode, remember } from "./totp.mjs";

export const ROOT = new URL("../..", import.meta.url).pathname;
const log = (m) => console.log(`[e2e] ${m}`);
// The project's Node 22, wrangler and wasm-opt come first (see scripts/env.sh).
process.env.PATH = `${join(ROOT, "node_modules/.bin")}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`;
process.env.WRANGLER_SEND_METRICS = "false";

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function devVar(name) {
  const text = readFileSync(join(ROOT, "worker/.dev.vars"), "utf8");
  return text.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1];
}

/** Returns { base, env, stop(keep) }: `env` is what test processes need. */
export async function startServer({ prepare = [] } = {}) {
  const state = mkdtempSync(join(tmpdir(), "gongyou-state-"));
  const port = await freePort();
  const inspector = await freePort();
  const logFile = join(state, "wrangler.log");
  const base = `http://localhost:${port}`;

  log(`fresh D1/KV in ${state}`);
  const prep = spawnSync("bash", ["scripts/db-prepare.sh", "--persist-to", state], { cwd: ROOT, stdio: "inherit" });
  if (prep.status !== 0) throw new Error("database preparation failed");
  for (const step of prepare) await step(state);

  log(`starting wrangler dev on ${base}`);
  const out = openSync(logFile, "a");
  const wrangler = spawn(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state, "--show-interactive-dev-session=false", "--test-scheduled"],
    { cwd: join(ROOT, "worker"), stdio: ["ignore", out, out], detached: true, env: process.env },
  );
  let stopped = false;
  const kill = () => { if (!stopped) { stopped = true; try { process.kill(-wrangler.pid, "SIGTERM"); } catch {} } };
  process.on("exit", kill);
  process.on("SIGINT", () => { kill(); process.exit(130); });

  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (wrangler.exitCode !== null || Date.now() > deadline) {
      console.error(readFileSync(logFile, "utf8"));
      throw new Error("wrangler dev did not come up");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log("server up");

  // The one-time bootstrap of a fresh deployment gives tests their platform admin;
  // its session is shared, so fixtures never trip the sign-in limits.
  const adminUser = "e2e.admin";
  const adminPass = `e2e ${Math.random().toString(36).slice(2)} passphrase`;
  const boot = await fetch(`${base}/api/auth/bootstrap`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ token: devVar("BOOTSTRAP_TOKEN"), username: adminUser, display_name: "测试平台管理员", password: adminPass }),
  });
  if (boot.status !== 200) throw new Error(`bootstrap failed: ${boot.status} ${await boot.text()}`);
  // A platform admin can reveal ID numbers: the bootstrap session opens only
  // setting up the authenticator, which the tests' own (lib/totp.mjs) does.
  process.env.GONGYOU_STATE = state;
  const post = async (path, cookie, body) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: body && JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { body: await res.json(), cookie: res.headers.getSetCookie()[0]?.split(";")[0] };
  };
  const pending = boot.headers.getSetCookie()[0].split(";")[0];
  remember(adminUser, (await post("/api/auth/second-factor/enrolment", pending)).body.secret);
  const enrolled = await post("/api/auth/second-factor/enrolment/confirm", pending, { code: await nextCode(adminUser) });

  const env = {
    ...process.env,
    GONGYOU_BASE: base,
    GONGYOU_LOG: logFile,
    GONGYOU_STATE: state,
    GONGYOU_BOOTSTRAP_TOKEN: devVar("BOOTSTRAP_TOKEN"),
    GONGYOU_ADMIN_USER: adminUser,
    GONGYOU_ADMIN_PASS: adminPass,
    GONGYOU_ADMIN_COOKIE: enrolled.cookie,
  };
  return {
    base,
    env,
    stop(keep) {
      kill();
      if (keep) log(`kept ${state} (wrangler log: ${logFile})`);
      else rmSync(state, { recursive: true, force: true });
    },
  };
}
