// What a phone downloads: per bundle, the html + js + wasm + css its page names,
// compressed with gzip -9 (the budget's measure) and brotli (what Cloudflare
// sends to browsers that accept it). Runs without a server.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";

const dist = new URL("../dist/", import.meta.url).pathname;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

const bundles = [["home (first load)", ""], ...readdirSync(dist).filter((d) => existsSync(join(dist, d, "index.html"))).map((d) => [d, d])];
console.log(`  ${"bundle".padEnd(20)} ${"wasm raw".padStart(9)} ${"wasm gz".padStart(9)} ${"total gz".padStart(9)} ${"total br".padStart(9)}`);
for (const [name, dir] of bundles) {
  const html = readFileSync(join(dist, dir, "index.html"), "utf8");
  const files = [join(dist, dir, "index.html"), ...new Set([...html.matchAll(/\/[\w/.-]+\.(?:js|wasm|css)/g)].map((m) => join(dist, m[0])))].filter((f) => existsSync(f) && !f.includes("/vendor/"));
  const wasm = files.find((f) => f.endsWith(".wasm"));
  const total = files.map((f) => readFileSync(f));
  console.log(`  ${name.padEnd(20)} ${kb(statSync(wasm).size)} ${kb(gz(readFileSync(wasm)))} ${kb(total.reduce((s, b) => s + gz(b), 0))} ${kb(total.reduce((s, b) => s + br(b), 0))}`);
}
console.log("  budget: the home bundle's total gz ≤ 200 KB");
