// The module-cycle check on small crates written here: it must see each kind of
// path (use, grouped use, super, inline crate::, a child's re-export, a
// #[macro_export] macro) and must not see paths in comments or strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cycles, expandUse, moduleGraph, stripRust } from "./check-module-cycles.mjs";

function crate(files) {
  const dir = mkdtempSync(join(tmpdir(), "cycles-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function found(files) {
  const dir = crate(files);
  try {
    const graph = moduleGraph(dir);
    return { cycles: cycles(graph), edges: graph.edges };
  } finally {
    rmSync(dir, { recursive: true });
  }
}

test("use trees expand to every path", () => {
  assert.deepEqual(expandUse("super::{self, store::{a, b}}"), ["super", "super::store::a", "super::store::b"]);
  assert.deepEqual(expandUse("crate::unions::store as unions"), ["crate::unions::store"]);
  assert.deepEqual(expandUse("seekers::*"), ["seekers"]);
});

test("comments and strings are not code", () => {
  const text = stripRust('// use crate::a;\nlet s = "crate::b"; /* crate::c */ let r = r#"crate::d"#; let c = \'"\';\nuse crate::e;');
  assert.ok(!/crate::[abcd]/.test(text), text);
  assert.match(text, /use crate::e;/);
  assert.equal(text.split("\n").length, 3, "lines are kept, so reports name the right line");
});

test("two modules that use each other are a cycle", () => {
  const r = found({ "lib.rs": "mod a;\nmod b;\n", "a.rs": "use crate::b::thing;\n", "b.rs": "fn f() { crate::a::g(); }\n" });
  assert.deepEqual(r.cycles, [["a", "b"]]);
});

test("a longer loop is a cycle too; a layered crate has none", () => {
  const loop = found({ "lib.rs": "", "a.rs": "use crate::b;", "b.rs": "use crate::c;", "c.rs": "use crate::{x, a::f};", "x.rs": "" });
  assert.deepEqual(loop.cycles, [["a", "b", "c"]]);
  const layered = found({ "lib.rs": "", "a.rs": "use crate::b;", "b.rs": "use crate::c;", "c.rs": "// use crate::a;\n" });
  assert.deepEqual(layered.cycles, []);
});

test("super resolves from the file's module; a parent's re-export is an edge", () => {
  const r = found({
    "lib.rs": "mod jobs;",
    "jobs/mod.rs": "mod store;",
    "jobs/store/mod.rs": "mod jobs;\nmod seekers;\npub use seekers::*;\nfn flag() {}\n",
    "jobs/store/jobs.rs": "",
    "jobs/store/seekers.rs": "use super::jobs::JobRow;\nuse super::flag;\n",
  });
  assert.ok(r.edges.get("jobs::store::seekers").has("jobs::store::jobs"));
  assert.deepEqual(r.cycles, [["jobs::store", "jobs::store::seekers"]]);
});

test("an exported macro belongs to the file that defines it", () => {
  const r = found({
    "lib.rs": "",
    "db.rs": "use crate::store;\n#[macro_export]\nmacro_rules! params { () => {} }\n",
    "store.rs": "use crate::params;\n",
  });
  assert.deepEqual(r.cycles, [["db", "store"]]);
});
