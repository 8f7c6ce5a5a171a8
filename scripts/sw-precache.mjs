// Trunk post-build hook: writes this build's asset list and a content version
// into the service worker, so it precaches exactly the hashed files just built.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
// First: Trunk's inline loader becomes a file, so the CSP needs no 'unsafe-inline'.
import "./external-loader.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run as a Trunk hook: TRUNK_STAGING_DIR is not set");
// Only the workers' app has a service worker; the staff workspace is online-only.
if (!existsSync(join(dir, "sw.js"))) process.exit(0);

const walk = (d) => readdirSync(d).flatMap((name) => {
  const p = join(d, name);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

// The shell: html, js, wasm, css, manifest, icons, offline page. Vendored map
// code is cached on first use instead, so it costs nothing until the map opens.
const files = walk(dir)
  .map((p) => "/" + relative(dir, p).split("\\").join("/"))
  .filter((p) => p !== "/sw.js" && p !== "/_headers" && !p.startsWith("/vendor/"))
  .sort();

const hash = createHash("sha256");
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 12);

const list = ["/", ...files.filter((f) => f !== "/index.html")];
const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace('"__VERSION__"', JSON.stringify(version))
  .replace("__PRECACHE__", JSON.stringify(list));
if (sw.includes("__PRECACHE__") || sw.includes("__VERSION__")) throw new Error("sw.js placeholders not replaced");
writeFileSync(swPath, sw);
console.log(`sw-precache: ${list.length} files, version ${version}`);
