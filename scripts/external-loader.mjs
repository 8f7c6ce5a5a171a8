// Trunk post-build step (imported first by sw-precache.mjs, the one hook): moves
// the inline <script type="module"> that Trunk writes into index.html to load
// the wasm into a file of its own, boot-<hash>.js, so the Content-Security-Policy
// (shared/src/headers.rs) allows scripts from 'self' only, never inline ones.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run as a Trunk hook: TRUNK_STAGING_DIR is not set");
let base = process.env.TRUNK_PUBLIC_URL || "/";
if (!base.endsWith("/")) base += "/";
const htmlPath = join(dir, "index.html");
if (existsSync(htmlPath)) {
  const html = readFileSync(htmlPath, "utf8");
  const inline = /<script type=("module"|module)>([\s\S]*?)<\/script>/g;
  let count = 0;
  const out = html.replace(inline, (_, _type, code) => {
    const name = `boot-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
    writeFileSync(join(dir, name), code);
    count += 1;
    return `<script type="module" src="${base}${name}"></script>`;
  });
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(out)) throw new Error("index.html still has an inline script");
  writeFileSync(htmlPath, out);
  console.log(`external-loader: ${count} inline loader(s) moved to files`);
}
