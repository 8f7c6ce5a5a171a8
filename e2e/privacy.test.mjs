// Runs after every other test (e2e/run.mjs puts it last): no resident ID number
// may exist in plaintext anywhere the product wrote — the local D1 files, KV,
// and the Worker's log. Any 18-character string that passes the GB 11643 check
// (area code, real date, MOD 11-2 check character) counts as a leak.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { STATE, LOG } from "./lib/env.mjs";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

export function isIdNumber(s) {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17].toUpperCase();
}

/** Every ID-number-like string in a buffer, as ASCII or UTF-16 text. */
export function findIdNumbers(buf) {
  const hits = new Set();
  for (const text of [buf.toString("latin1"), buf.toString("utf16le")]) {
    for (const m of text.matchAll(/(?<![0-9])\d{17}[\dXx](?![0-9Xx])/g)) if (isIdNumber(m[0])) hits.add(m[0]);
  }
  return [...hits];
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test("the scanner recognises ID numbers and nothing else", () => {
  assert.ok(isIdNumber("11010519491231002X"));
  assert.ok(!isIdNumber("110105194912310021"), "wrong check character");
  assert.ok(!isIdNumber("11010519491331002X"), "no 13th month");
  assert.deepEqual(findIdNumbers(Buffer.from("a 11010519491231002X b 13800138000")), ["11010519491231002X"]);
  assert.deepEqual(findIdNumbers(Buffer.from("11010519491231002X", "utf16le")), ["11010519491231002X"]);
});

test("no plaintext ID number in D1, KV or the Worker log", () => {
  assert.ok(STATE, "run through e2e/run.mjs");
  const scanned = [...files(STATE), LOG];
  assert.ok(scanned.some((f) => f.endsWith(".sqlite")), "the D1 files were scanned");
  const leaks = scanned.flatMap((f) => findIdNumbers(readFileSync(f)).map((id) => `${f}: ${id.slice(0, 6)}…`));
  assert.deepEqual(leaks, []);
});
