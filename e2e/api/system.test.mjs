// Foundation: one origin, JSON errors in the caller's language, the OpenAPI
// document matching what the Worker actually dispatches, and no 5xx for bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client, fetch } from "../lib/client.mjs";
import { BASE, LOG } from "../lib/env.mjs";
import { readFileSync } from "node:fs";
import { operations, fill } from "../lib/openapi.mjs";
import { housekeeping, sql, sqlJson } from "../lib/fixtures.mjs";

const api = new Client();

test("health reports database and KV reachable", async () => {
  const { status, body } = await api.get("/api/health");
  assert.equal(status, 200);
  assert.equal(body.status, "ok");
  assert.equal(body.database, true);
  assert.equal(body.kv, true);
  assert.ok(body.migrations >= 1);
  assert.match(body.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test("an unknown API path is a JSON 404, never the app's HTML", async () => {
  const zh = await api.get("/api/no-such-thing");
  assert.equal(zh.status, 404);
  assert.match(zh.headers.get("content-type"), /application\/json/);
  assert.equal(zh.body.error.code, "not_found");
  assert.equal(zh.body.error.message, "没有找到");

  const en = await new Client({ lang: "en-US,en;q=0.9" }).get("/api/no-such-thing");
  assert.equal(en.body.error.message, "Not found");
});

test("deep links load the app shell", async () => {
  for (const path of ["/", "/stations/42", "/me", "/admin/login"]) {
    const res = await fetch(BASE + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get("content-type"), /text\/html/, path);
    assert.match(await res.text(), /id="?boot/, path);
  }
});

test("workers' phones never download the staff workspace; /admin deep links get it", async () => {
  const worker = await (await fetch(BASE + "/stations/42")).text();
  assert.match(worker, /gongyou-app-[0-9a-f]+\.js/);
  assert.doesNotMatch(worker, /gongyou-admin/);
  for (const path of ["/admin", "/admin/staff", "/admin/audit?union_id=3"]) {
    const res = await fetch(BASE + path);
    assert.equal(res.status, 200, path);
    const html = await res.text();
    assert.match(html, /\/admin\/gongyou-admin-[0-9a-f]+\.js/, path);
  }
  const missing = await fetch(BASE + "/admin/no-such-file.js");
  assert.equal(missing.status, 404);
});

test("the OpenAPI document is valid 3.1 and every operation is dispatched by the Worker", async () => {
  const { doc, ops } = await operations();
  assert.equal(doc.openapi, "3.1.0");
  assert.ok(doc.info.title && doc.info.version);
  assert.ok(ops.length >= 2);
  const ids = new Set();
  for (const op of ops) {
    assert.ok(op.id && !ids.has(op.id), `operationId ${op.id} unique`);
    ids.add(op.id);
    assert.ok(op.access, `${op.method} ${op.path} declares x-access`);
    // Anonymous call with junk parameters: whatever the answer, it must come from
    // this very route (x-gongyou-route) and never be a server error.
    const res = await api.req(op.method, fill(op.path), op.hasBody ? { body: {} } : {});
    assert.equal(res.headers.get("x-gongyou-route"), op.id, `${op.method} ${op.path} is dispatched`);
    assert.ok(res.status < 500, `${op.method} ${op.path} answered ${res.status}`);
  }
});

test("state changes need our own Origin", async () => {
  const { ops } = await operations();
  const op = ops.find((o) => o.method !== "GET");
  if (!op) return; // no state-changing routes yet
  const path = fill(op.path);
  const none = await api.req(op.method, path, { body: {}, origin: null });
  assert.equal(none.status, 403);
  assert.equal(none.body.error.code, "forbidden");
  const foreign = await api.req(op.method, path, { body: {}, origin: "https://evil.example" });
  assert.equal(foreign.status, 403);
});

test("bad bodies get a 4xx in the caller's language, never a 5xx", async () => {
  const { ops } = await operations();
  const withBody = ops.filter((o) => o.hasBody);
  const bad = [
    { raw: "{not json", headers: { "content-type": "application/json" } },
    { raw: "", headers: { "content-type": "application/json" } },
    { raw: "[1,2,3]", headers: { "content-type": "application/json" } },
    { raw: '{"a":1}', headers: { "content-type": "text/plain" } },
    { raw: JSON.stringify({ name: "x".repeat(100_000), phone: 12, lat: "north" }), headers: { "content-type": "application/json" } },
  ];
  for (const op of withBody) {
    for (const b of bad) {
      const res = await new Client({ lang: "en" }).req(op.method, fill(op.path), b);
      assert.ok(res.status >= 400 && res.status < 500, `${op.method} ${op.path} answered ${res.status} to ${b.raw.slice(0, 20)}`);
      assert.ok(res.body?.error?.message, "error has a message");
    }
  }
});

test("the hourly housekeeping runs and forgets what is no longer needed", async () => {
  // A replay key two days old, and a fresh one.
  const old = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 19) + "Z";
  const fresh = new Date().toISOString().slice(0, 19) + "Z";
  sql(`INSERT INTO idempotency_keys (owner, key, request_hash, status, response, created_at) VALUES ('test:housekeeping', 'old-key', 'x', 200, '{}', '${old}'), ('test:housekeeping', 'new-key', 'x', 200, '{}', '${fresh}')`);
  await housekeeping();
  await new Promise((r) => setTimeout(r, 300));
  assert.doesNotMatch(readFileSync(LOG, "utf8"), /maintenance failed/);
  const left = JSON.parse(sqlJson("SELECT key FROM idempotency_keys WHERE owner = 'test:housekeeping'"));
  assert.deepEqual(left.map((r) => r.key), ["new-key"]);
});
