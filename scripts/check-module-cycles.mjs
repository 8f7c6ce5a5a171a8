#!/usr/bin/env node
// Checks that the Worker's modules form layers: no module reaches, through the
// modules it uses, back to itself. A module is one file (`ctx.rs`,
// `jobs/store/seekers.rs`, `jobs/store/mod.rs` is `jobs::store`). An edge is any
// path into the crate: `use crate::…`, `use super::…`, `use self::…`, a `use` of
// a child module (`pub use seekers::*;`), and `crate::…`/`super::…` written in
// code. Paths resolve to the deepest module they name; a `#[macro_export]`
// macro (`crate::params`) counts as its defining file.
//
//   node scripts/check-module-cycles.mjs [src dir]   exit 1 on a cycle
//   node scripts/check-module-cycles.mjs --graph     also print every edge

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Rust source without comments and without the contents of string and char literals. */
export function stripRust(text) {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === "/" && text[i + 1] === "*") (depth++, (i += 2));
        else if (text[i] === "*" && text[i + 1] === "/") (depth--, (i += 2));
        else {
          if (text[i] === "\n") out += "\n";
          i++;
        }
      }
    } else if ((c === "r" || (c === "b" && next === "r")) && /^b?r#*"/.test(text.slice(i, i + 40)) && !/\w/.test(text[i - 1] ?? "")) {
      const m = /^b?r(#*)"/.exec(text.slice(i));
      const close = `"${m[1]}`;
      const end = text.indexOf(close, i + m[0].length);
      const body = text.slice(i, end < 0 ? n : end + close.length);
      out += '""' + "\n".repeat((body.match(/\n/g) ?? []).length);
      i = end < 0 ? n : end + close.length;
    } else if (c === '"') {
      i++;
      let lines = 0;
      while (i < n && text[i] !== '"') {
        if (text[i] === "\\") i++;
        else if (text[i] === "\n") lines++;
        i++;
      }
      i++;
      out += '""' + "\n".repeat(lines);
    } else if (c === "'" && /^'(\\.[^']*|[^\\'])'/.test(text.slice(i, i + 12))) {
      // A char literal ('a', '\n', '\u{1F600}'); a lifetime ('a) has no closing quote.
      const m = /^'(\\.[^']*|[^\\'])'/.exec(text.slice(i, i + 12));
      out += "' '";
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Expands a `use` tree (`super::{self, store::{a, b}}`) into its paths. */
export function expandUse(tree) {
  // `store as unions` names the module `store`; the alias does not matter here.
  tree = tree.replace(/\s+as\s+\w+/g, "").replace(/\s+/g, "");
  const paths = [];
  const walk = (prefix, t) => {
    const brace = t.indexOf("{");
    if (brace < 0) {
      let p = t.replace(/::self$/, "");
      if (p === "self") p = "";
      paths.push(prefix + p);
      return;
    }
    const head = t.slice(0, brace);
    const inner = t.slice(brace + 1, t.lastIndexOf("}"));
    let depth = 0;
    let start = 0;
    for (let k = 0; k <= inner.length; k++) {
      const ch = inner[k];
      if (ch === "{") depth++;
      else if (ch === "}") depth--;
      else if ((ch === "," || k === inner.length) && depth === 0) {
        const part = inner.slice(start, k);
        if (part) walk(prefix + head, part === "self" ? "" : part);
        start = k + 1;
      }
    }
  };
  walk("", tree);
  return paths.map((p) => p.replace(/::$/, "").replace(/::\*$/, ""));
}

function rustFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...rustFiles(p));
    else if (name.endsWith(".rs")) out.push(p);
  }
  return out;
}

/** `jobs/store/mod.rs` → `jobs::store`; `lib.rs` → `crate`. */
function moduleOf(rel) {
  const parts = rel.split(sep).join("/").replace(/\.rs$/, "").split("/");
  if (parts.at(-1) === "mod") parts.pop();
  if (parts.length === 1 && (parts[0] === "lib" || parts[0] === "main")) return "crate";
  return parts.join("::");
}

const parent = (m) => (m.includes("::") ? m.slice(0, m.lastIndexOf("::")) : "crate");
const join2 = (a, b) => (a === "crate" ? b : `${a}::${b}`);

/**
 * The module graph of the crate at `srcDir`: `edges` maps a module to the
 * modules it uses, each with the line of the first use.
 */
export function moduleGraph(srcDir) {
  const files = rustFiles(srcDir).map((f) => ({ file: f, module: moduleOf(relative(srcDir, f)) }));
  const modules = new Set(files.map((f) => f.module));
  const macros = new Map();
  for (const { file, module } of files) {
    const text = stripRust(readFileSync(file, "utf8"));
    for (const m of text.matchAll(/#\[macro_export\][\s\S]{0,200}?macro_rules!\s*(\w+)/g)) macros.set(m[1], module);
  }
  // The deepest module a path names, or null when it leaves the crate.
  const resolve = (from, path) => {
    let segs = path.split("::").filter(Boolean);
    let base;
    if (segs[0] === "crate" || segs[0] === "$crate") (base = "crate"), (segs = segs.slice(1));
    else if (segs[0] === "self") (base = from), (segs = segs.slice(1));
    else if (segs[0] === "super") {
      base = from;
      while (segs[0] === "super") (base = parent(base)), (segs = segs.slice(1));
    } else if (modules.has(join2(from, segs[0]))) base = from;
    else return null; // another crate: std, shared, worker, serde…
    let found = base;
    let cur = base;
    for (const s of segs) {
      cur = join2(cur, s);
      if (modules.has(cur)) found = cur;
      else break;
    }
    if (found === "crate" && segs.length === 1 && macros.has(segs[0])) return macros.get(segs[0]);
    return found === "crate" ? null : found;
  };
  const edges = new Map([...modules].map((m) => [m, new Map()]));
  for (const { file, module } of files) {
    const text = stripRust(readFileSync(file, "utf8"));
    const lineAt = (idx) => text.slice(0, idx).split("\n").length;
    const add = (path, idx) => {
      const to = resolve(module, path);
      if (to && to !== module && !edges.get(module).has(to)) edges.get(module).set(to, `${relative(srcDir, file)}:${lineAt(idx)}`);
    };
    const spans = [];
    for (const m of text.matchAll(/\buse\s+([^;]+);/g)) {
      spans.push([m.index, m.index + m[0].length]);
      for (const p of expandUse(m[1])) add(p, m.index);
    }
    for (const m of text.matchAll(/(?<![\w:])(\$?crate|super|self)((?:::\w+)+)/g)) {
      if (spans.some(([a, b]) => m.index >= a && m.index < b)) continue;
      add(m[1] + m[2], m.index);
    }
  }
  return { modules, edges };
}

/** Strongly connected components with more than one module (Tarjan). */
export function cycles({ edges }) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v).keys()) {
      if (!idx.has(w)) (visit(w), low.set(v, Math.min(low.get(v), low.get(w))));
      else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do (w = stack.pop()), on.delete(w), scc.push(w);
      while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const srcDir = args.find((a) => !a.startsWith("--")) ?? join(fileURLToPath(new URL("..", import.meta.url)), "worker", "src");
  const graph = moduleGraph(srcDir);
  if (args.includes("--graph")) {
    for (const [from, tos] of [...graph.edges].sort()) for (const [to, at] of [...tos].sort()) console.log(`${from} -> ${to}  (${at})`);
  }
  const found = cycles(graph);
  if (found.length === 0) {
    console.log(`module cycles: none among ${graph.modules.size} modules of ${relative(process.cwd(), srcDir) || "."}`);
  } else {
    console.error(`module cycles: ${found.length} found (modules that reach each other through their uses):`);
    for (const scc of found) {
      console.error(`  ${scc.join(", ")}`);
      for (const from of scc)
        for (const [to, at] of graph.edges.get(from)) if (scc.includes(to)) console.error(`    ${from} -> ${to}  (${at})`);
    }
    process.exit(1);
  }
}
