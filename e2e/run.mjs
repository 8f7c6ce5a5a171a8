// Runs the API and browser tests against a real `wrangler dev`: a free port, a
// fresh local D1 and KV in a temporary directory, migrations and demo seed
// applied, then `node --test` over the test files, then a scan of the D1 file.
//   node e2e/run.mjs [file-or-glob ...]     (default: every *.test.mjs)
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
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

function devVar(name) {
  const text = readFileSync(join(ROOT, "worker/.dev.vars"), "utf8");
  return text.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1];
}

const state = mkdtempSync(join(tmpdir(), "gongyou-state-"));
const port = await freePort();
const inspector = await freePort();
const logFile = join(state, "wrangler.log");
const base = `http://localhost:${port}`;

log(`fresh D1/KV in ${state}`);
const prep = spawnSync("bash", ["scripts/db-prepare.sh", "--persist-to", state], { cwd: ROOT, stdio: "inherit" });
if (prep.status !== 0) process.exit(prep.status ?? 1);

log(`starting wrangler dev on ${base}`);
const out = openSync(logFile, "a");
const wrangler = spawn(
  join(ROOT, "node_modules/.bin/wrangler"),
  ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "info"],
  { cwd: join(ROOT, "worker"), stdio: ["ignore", out, out], detached: true, env: process.env },
);
const stop = () => { try { process.kill(-wrangler.pid, "SIGTERM"); } catch {} };
process.on("exit", stop);
process.on("SIGINT", () => { stop(); process.exit(130); });

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

const args = process.argv.slice(2);
const dirs = ["e2e/api", "e2e/browser"];
const files = args.length
  ? args
  : dirs.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join(d, f)));
// The privacy scan reads the D1 file after everything else has written to it.
const privacy = "e2e/privacy.test.mjs";
if (!args.length && existsSync(join(ROOT, privacy))) files.push(privacy);

const env = {
  ...process.env,
  GONGYOU_BASE: base,
  GONGYOU_LOG: logFile,
  GONGYOU_STATE: state,
  GONGYOU_BOOTSTRAP_TOKEN: devVar("BOOTSTRAP_TOKEN"),
};
const test = spawnSync(join(ROOT, "node_modules/.bin/node"), ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], { cwd: ROOT, stdio: "inherit", env });

stop();
if (test.status === 0 && !process.env.KEEP_STATE) rmSync(state, { recursive: true, force: true });
else log(`kept ${state} (wrangler log: ${logFile})`);
process.exit(test.status ?? 1);
