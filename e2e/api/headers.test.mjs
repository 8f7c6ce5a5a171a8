// Security headers on every response (issue 12, item 12): the pages served
// straight from the assets (public/_headers), the bundles' shells and the JSON
// API (the Worker), all from the one list in shared/src/headers.rs.
import { test } from "node:test";
import { fetch } from "../lib/client.mjs";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ROOT } from "../lib/env.mjs";

const BASE = process.env.GONGYOU_BASE;

// The expected values, read from public/_headers (a shared test keeps it equal
// to shared/src/headers.rs).
const expected = readFileSync(`${ROOT}public/_headers`, "utf8")
  .split("\n")
  .filter((l) => /^\s+[A-Za-z-]+: /.test(l))
  .map((l) => { const i = l.indexOf(": "); return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 2).trim()]; });

test("headers: every page, file and API reply carries the CSP, nosniff, Referrer-Policy, HSTS and Permissions-Policy", async () => {
  const names = expected.map(([k]) => k);
  for (const k of ["content-security-policy", "x-content-type-options", "referrer-policy", "strict-transport-security", "permissions-policy"]) {
    assert.ok(names.includes(k), `public/_headers lists ${k}`);
  }
  const csp = Object.fromEntries(expected)["content-security-policy"];
  for (const part of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
    assert.ok(csp.includes(part), part);
  }
  assert.match(Object.fromEntries(expected)["permissions-policy"], /^geolocation=\(self\)/);
  const paths = [
    ["/", "text/html"], // the home page, straight from the assets
    ["/stations/42", "text/html"], // a deep link: the assets' SPA fallback
    ["/no/such/page/at/all", "text/html"],
    ["/jobs/", "text/html"], // a bundle's shell, from the Worker
    ["/jobs/123", "text/html"],
    ["/admin/", "text/html"],
    ["/admin/staff", "text/html"],
    ["/map", "text/html"],
    ["/manifest.webmanifest", ""], // a file from the assets
    ["/api/health", "application/json"], // the API
    ["/api/me", "application/json"], // an error reply (401)
    ["/api/no-such-thing", "application/json"],
  ];
  for (const [path, type] of paths) {
    const res = await fetch(BASE + path, { redirect: "manual" });
    await res.arrayBuffer();
    assert.ok(res.headers.get("content-type")?.startsWith(type), `${path}: ${res.headers.get("content-type")}`);
    for (const [name, value] of expected) {
      assert.equal(res.headers.get(name), value, `${path} (${res.status}): ${name}`);
    }
  }
});

test("headers: no page has an inline script, so the CSP needs no 'unsafe-inline'", async () => {
  for (const path of ["/", "/stations/42", "/jobs/", "/admin/", "/map", "/me", "/training"]) {
    const res = await fetch(BASE + path);
    const html = await res.text();
    assert.equal(res.status, 200, path);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0, `${path} loads its bundle`);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs, /\bsrc=/, `${path}: every script is a file`);
      assert.equal(body.trim(), "", `${path}: no inline code`);
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i, `${path}: no inline event handlers`);
  }
});
