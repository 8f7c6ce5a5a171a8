// Runs after every other test (e2e/run.mjs puts it last): no resident ID number
// may exist in plaintext anywhere the product wrote — the local D1 files, KV,
// and the Worker's log. Any 18-character string that passes the GB 11643 check
// (area code, real date, MOD 11-2 check character) counts as a leak. So does
// anything that gives enough of one back (shared::membership::disclosure): an
// area code followed by a real birth date (14 characters or more, masked or
// not), a mask showing more than the area code, a `birth_date` column, or the
// birth date of any sealed number, written as digits or as a date.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { STATE, LOG } from "./lib/env.mjs";
import { sqlJson } from "./lib/fixtures.mjs";
import { open } from "./lib/sealed.mjs";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

export function isIdNumber(s) {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  // Born from 1900 to this year (a hex digest can hold 18 digits that pass the rest).
  if (y < 1900 || y > new Date().getUTCFullYear() || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return CHECK[sum % 11] === s[17].toUpperCase();
}

/** A real date someone alive was born on: from 1900 to today (a hex digest or
 *  trace id can hold 14 digits that read as an area code and a date in 2098). */
function isBirthDate(y, m, d) {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date <= new Date() && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An area code and a birth date (a number cut after digit 14, or masked after
 *  it). Exactly those shapes: in a D1 page, text columns lie side by side, so a
 *  phone number runs on into the next column's digits and is no ID fragment. */
export function isIdPrefixWithBirthDate(s) {
  if (!/^\d{14}(\*{4})?$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  return isBirthDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)));
}

/** A masked ID number that shows more than its area code (e.g. `110105********002X`):
 *  a run of masked digits, and digits beside it after the area code. */
export function isLeakyMask(s) {
  return /^\d{6}[\d*]{11}[\dXx*]$/.test(s) && /\*{4,}/.test(s) && /[^*]/.test(s.slice(6));
}

/** Runs of ID-number characters that give too much away, as ASCII or UTF-16 text. */
export function findPartialIdNumbers(buf) {
  const hits = new Set();
  for (const text of [buf.toString("latin1"), buf.toString("utf16le")]) {
    for (const m of text.matchAll(/(?<![0-9Xx*])[0-9][0-9Xx*]{13,17}(?![0-9Xx*])/g)) {
      if (isIdPrefixWithBirthDate(m[0]) || isLeakyMask(m[0])) hits.add(m[0]);
    }
  }
  return [...hits];
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
  assert.ok(!isIdNumber("458541681507303345"), "no birth in the year 6815 (a run of digits in a session key's hex)");
  assert.deepEqual(findIdNumbers(Buffer.from("a 11010519491231002X b 13800138000")), ["11010519491231002X"]);
  assert.deepEqual(findIdNumbers(Buffer.from("11010519491231002X", "utf16le")), ["11010519491231002X"]);
  assert.deepEqual(findPartialIdNumbers(Buffer.from("a 110105********002X b 11010519491231**** c 110105************ d 17647440000001")), [
    "110105********002X",
    "11010519491231****",
  ]);
  assert.deepEqual(findPartialIdNumbers(Buffer.from("11010519491231", "utf16le")), ["11010519491231"]);
  // Digits inside a trace id's hex that read as a birth date in the future are none.
  assert.deepEqual(findPartialIdNumbers(Buffer.from("eece64309920980219b86735a")), []);
  // A phone running on into a region code and a path, side by side in a D1 page, is none.
  assert.deepEqual(findPartialIdNumbers(Buffer.from("联系人13195643491340102*/1/2/")), []);
});

test("no plaintext ID number in D1, KV or the Worker log", () => {
  assert.ok(STATE, "run through e2e/run.mjs");
  const scanned = [...files(STATE), LOG];
  assert.ok(scanned.some((f) => f.endsWith(".sqlite")), "the D1 files were scanned");
  const leaks = scanned.flatMap((f) => findIdNumbers(readFileSync(f)).map((id) => `${f}: ${id.slice(0, 6)}…`));
  assert.deepEqual(leaks, []);
});

const rows = (query) => JSON.parse(sqlJson(query));

test("nothing in D1, KV or the log gives enough of an ID number back: no birth date, no mask beyond the area code", () => {
  assert.ok(STATE, "run through e2e/run.mjs");
  const scanned = [...files(STATE), LOG];
  const partial = scanned.flatMap((f) => findPartialIdNumbers(readFileSync(f)).map((s) => `${f}: ${s.slice(0, 6)}…`));
  assert.deepEqual(partial, []);
  const withBirthDate = rows("SELECT m.name AS tbl, p.name AS col FROM sqlite_schema m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%birth_date%'");
  assert.deepEqual(withBirthDate, []);
  // The birth dates of every number still sealed in D1 appear nowhere in plain.
  const sealed = rows(`SELECT user_id, id_number_sealed AS s FROM applications WHERE id_number_sealed IS NOT NULL
                       UNION SELECT user_id, id_number_sealed FROM members WHERE id_number_sealed IS NOT NULL`);
  const dates = new Set();
  for (const r of sealed) {
    const id = open(r.s, r.user_id);
    assert.ok(id, "every sealed number opens with a configured key");
    dates.add(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
    dates.add(`${id.slice(0, 6)}${id.slice(6, 14)}`);
  }
  assert.ok(sealed.length > 0 || !scanned.length, "the tests enrolled someone");
  const found = [];
  for (const f of scanned) {
    const buf = readFileSync(f);
    const texts = [buf.toString("latin1"), buf.toString("utf16le")];
    for (const d of dates) if (texts.some((t) => t.includes(d))) found.push(`${f}: ${d.slice(0, 4)}…`);
  }
  assert.deepEqual(found, []);
});
