// Runs the API and browser tests against a real `wrangler dev` with a fresh
// local D1 and KV (see lib/server.mjs), then the privacy scan of the D1 file.
//   node e2e/run.mjs [test files...]     (default: every *.test.mjs)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startServer } from "./lib/server.mjs";

const args = process.argv.slice(2);
const files = args.length
  ? args
  : ["e2e/api", "e2e/browser"].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join(d, f)));
// The privacy scan reads the D1 file after everything else has written to it.
const privacy = "e2e/privacy.test.mjs";
if (!args.length && existsSync(join(ROOT, privacy))) files.push(privacy);

const server = await startServer();
const test = spawnSync(join(ROOT, "node_modules/.bin/node"), ["--test", "--test-concurrency=1", "--test-reporter=spec", ...files], { cwd: ROOT, stdio: "inherit", env: server.env });
server.stop(test.status !== 0 || Boolean(process.env.KEEP_STATE));
process.exit(test.status ?? 1);
