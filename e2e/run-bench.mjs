// Runs one bench file (bench/*.mjs) against a fresh `wrangler dev`. A bench
// exports `prepare` (optional: steps on the local state before the server
// starts, e.g. bulk-loading D1) and `run(env)`, which prints its figures.
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { startServer } from "./lib/server.mjs";

const file = process.argv[2];
const bench = await import(pathToFileURL(resolve(file)).href);
const server = await startServer({ prepare: bench.prepare ? [bench.prepare] : [] });
try {
  Object.assign(process.env, server.env);
  await bench.run(server.env);
} finally {
  server.stop(false);
}
