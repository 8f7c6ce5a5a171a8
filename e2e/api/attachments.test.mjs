// Attachments against the real Worker and its local R2: JPEG, PNG and PDF
// accepted by their first bytes, anything else 422, over 5 MB 413; one row
// per Idempotency-Key; the owner reads back the same bytes; strangers get
// 404, anonymous 401; staff read a linked file only inside their subtree;
// delete before linking; the object in R2 is sealed (no plaintext); the
// housekeeping removes uploads no record took within a day.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, fetch } from "../lib/client.mjs";
import { BASE, ROOT, STATE } from "../lib/env.mjs";
import { freshIp, housekeeping, sql, sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { currentKey, hasKeys, openBytes, sealBytes } from "../lib/sealed.mjs";

const MAX = 5 * 1024 * 1024;
const SEAL_OVERHEAD = 4 + 12 + 16;
const key = () => `att-${uid()}-${uid()}`;

/** A file of `kind` that carries a unique marker (to look for in R2). */
function file(kind, marker = `GONGYOU-PLAINTEXT-${uid()}-${uid()}`) {
  const text = Buffer.from(` ${marker} 收据 工资条 `);
  const heads = {
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    pdf: Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "latin1"),
    exe: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
    html: Buffer.from("<!DOCTYPE html><html><script>alert(1)</script>"),
  };
  const tails = { jpeg: Buffer.from([0xff, 0xd9]), pdf: Buffer.from("\n%%EOF\n") };
  return { bytes: Buffer.concat([heads[kind], text, tails[kind] ?? Buffer.alloc(0)]), marker };
}

const upload = (c, bytes, { idempotencyKey = key(), type = "application/octet-stream" } = {}) =>
  c.req("POST", "/api/attachments", { raw: bytes, headers: { "content-type": type, "idempotency-key": idempotencyKey } });

/** GET the file's bytes (the test client reads text). */
async function download(c, id) {
  const res = await fetch(`${BASE}/api/attachments/${id}`, { headers: c.headers() });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const rows = (where) => JSON.parse(sqlJson(`SELECT * FROM attachments WHERE ${where}`));

/** Every file wrangler dev's local R2 keeps under the run's state directory. */
function r2Files() {
  const walk = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  const roots = [join(STATE, "v3", "r2"), join(STATE, "r2")].filter(existsSync);
  assert.ok(roots.length, `no local R2 under ${STATE}`);
  return roots.flatMap(walk);
}

/** Waits until the local R2 no longer holds a row's object (its file goes after the delete). */
async function gone(row) {
  for (let i = 0; i < 50 && objectOf(row); i++) await new Promise((r) => setTimeout(r, 100));
  return objectOf(row) === undefined;
}

/** The local R2 file holding the object of a row (by the sealed object's SHA-256 it records). */
function objectOf(row) {
  return r2Files()
    .map((p) => readFileSync(p))
    .find((b) => createHash("sha256").update(b).digest("hex") === row.sha256);
}

let owner, stranger;

before(async () => {
  owner = await worker();
  stranger = await worker();
});

test("JPEG, PNG and PDF are accepted by their first bytes, whatever the client calls them", async () => {
  for (const [kind, type] of [["jpeg", "image/jpeg"], ["png", "image/png"], ["pdf", "application/pdf"]]) {
    const { bytes } = file(kind);
    // The declared type is ignored: a PDF sent as text/plain is still a PDF.
    const r = await upload(owner, bytes, { type: "text/plain" });
    assert.equal(r.status, 200, r.text);
    const a = r.body.attachment;
    assert.equal(a.content_type, type);
    assert.equal(a.bytes, bytes.length);
    assert.match(a.id, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(a.created_at);
    const back = await download(owner, a.id);
    assert.equal(back.status, 200);
    assert.ok(back.bytes.equals(bytes), `${kind} reads back identical`);
    assert.equal(back.headers.get("content-type"), type);
    assert.equal(back.headers.get("cache-control"), "private, no-store");
    assert.equal(back.headers.get("content-disposition"), "inline");
    assert.equal(back.headers.get("x-content-type-options"), "nosniff");
    const [row] = rows(`public_id = '${a.id}'`);
    assert.equal(row.owner_user_id, owner.me.worker.user_id);
    assert.equal(row.capability, null);
    assert.equal(row.linked_at, null);
    assert.equal(row.key_version, currentKey());
  }
});

test("a program or a web page renamed as a photo is refused with 422, saying why in the caller's language", async () => {
  const en = await worker();
  en.lang = "en";
  for (const [kind, type] of [["exe", "image/jpeg"], ["html", "application/pdf"]]) {
    const zh = await upload(owner, file(kind).bytes, { type });
    assert.equal(zh.status, 422, zh.text);
    assert.equal(zh.body.error.code, "validation");
    assert.match(zh.body.error.fields.file, /JPG、PNG/);
    assert.match(zh.body.error.message, /只能上传照片/);
    const english = await upload(en, file(kind).bytes, { type });
    assert.equal(english.status, 422);
    assert.match(english.body.error.fields.file, /Only photos \(JPG, PNG\) or PDF files/);
  }
  const empty = await upload(owner, Buffer.alloc(0));
  assert.equal(empty.status, 422, empty.text);
  assert.match(empty.body.error.fields.file, /空/);
  assert.equal(rows(`owner_user_id = ${en.me.worker.user_id}`).length, 0, "nothing stored");
});

test("5 MB is accepted and one byte more is refused with 413 and a clear message", async () => {
  const w = await worker();
  const { bytes: head } = file("pdf");
  const exact = Buffer.concat([head, Buffer.alloc(MAX - head.length, 0x20)]);
  assert.equal(exact.length, MAX);
  const ok = await upload(w, exact);
  assert.equal(ok.status, 200, ok.text.slice(0, 200));
  assert.equal(ok.body.attachment.bytes, MAX);
  const back = await download(w, ok.body.attachment.id);
  assert.ok(back.bytes.equals(exact));

  const over = Buffer.concat([exact, Buffer.from(" ")]);
  const zh = await upload(w, over);
  assert.equal(zh.status, 413, zh.text.slice(0, 200));
  assert.equal(zh.body.error.code, "payload_too_large");
  assert.match(zh.body.error.message, /文件太大.*5 MB/);
  const en = new Client({ lang: "en", ip: freshIp() });
  en.cookies = w.cookies;
  const english = await upload(en, over);
  assert.equal(english.status, 413);
  assert.match(english.body.error.message, /too large: at most 5 MB/);
  assert.equal(rows(`owner_user_id = ${w.me.worker.user_id}`).length, 1);
});

test("a replay with the same Idempotency-Key returns the same attachment and stores one row", async () => {
  const w = await worker();
  const { bytes } = file("jpeg");
  const k = key();
  const first = await upload(w, bytes, { idempotencyKey: k });
  assert.equal(first.status, 200, first.text);
  const again = await upload(w, bytes, { idempotencyKey: k });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.headers.get("idempotent-replayed"), "true");
  assert.deepEqual(again.body, first.body);
  assert.equal(rows(`owner_user_id = ${w.me.worker.user_id}`).length, 1);
  // The same key with another file is refused, and stores nothing.
  const other = await upload(w, file("jpeg").bytes, { idempotencyKey: k });
  assert.equal(other.status, 422, other.text);
  assert.ok(other.body.error.fields.idempotency_key);
  // Without a key at all: 400.
  const none = await w.req("POST", "/api/attachments", { raw: bytes, headers: { "content-type": "image/jpeg" } });
  assert.equal(none.status, 400, none.text);
  assert.equal(rows(`owner_user_id = ${w.me.worker.user_id}`).length, 1);
});

test("nobody but the owner reads an unlinked file: another worker and staff get 404, anonymous 401", async () => {
  const { a } = await tree();
  const staffA = await staff({ role: "staff", unionId: a.id });
  const r = await upload(owner, file("png").bytes);
  const id = r.body.attachment.id;
  assert.equal((await download(owner, id)).status, 200);
  assert.equal((await download(stranger, id)).status, 404);
  assert.equal((await download(staffA, id)).status, 404, "not linked to any record yet");
  assert.equal((await download(await staff({ role: "union_admin", unionId: 1 }), id)).status, 404);
  const anonymous = await download(new Client({ ip: freshIp() }), id);
  assert.equal(anonymous.status, 401);
  // An unknown id and a malformed one look the same as a stranger's.
  assert.equal((await download(owner, "A".repeat(43))).status, 404);
  assert.equal((await download(owner, "12")).status, 404);
  const upAnon = await upload(new Client({ ip: freshIp() }), file("png").bytes);
  assert.equal(upAnon.status, 401);
  const upStaff = await upload(staffA, file("png").bytes);
  assert.equal(upStaff.status, 403);
});

test("once a record links it, staff of that record's union and above read it; a sibling union's do not", async () => {
  const t = await tree();
  const [staffA, staffB, parentAdmin] = [
    await staff({ role: "viewer", unionId: t.a.id }),
    await staff({ role: "staff", unionId: t.b.id }),
    await staff({ role: "union_admin", unionId: t.p.id }),
  ];
  const { bytes } = file("jpeg");
  const id = (await upload(owner, bytes)).body.attachment.id;
  const path = JSON.parse(sqlJson(`SELECT path FROM unions WHERE id = ${t.a.id}`))[0].path;
  // What a capability's link statement does (attachments::link_statements), on a
  // record id no real application has (the benefits tests link real ones).
  sql(`UPDATE attachments SET capability = 'benefits', subject_id = -1, union_path = '${path}', linked_at = '2026-12-01T00:00:00Z' WHERE public_id = '${id}'`);
  for (const [who, c, status] of [["staff of A", staffA, 200], ["admin of A's parent", parentAdmin, 200], ["staff of sibling B", staffB, 404], ["another worker", stranger, 404], ["the owner", owner, 200]]) {
    const got = await download(c, id);
    assert.equal(got.status, status, who);
    if (status === 200) assert.ok(got.bytes.equals(bytes), who);
  }
  // Linked to one record for good: linking it elsewhere aborts.
  assert.throws(() => sql(`UPDATE attachments SET subject_id = -2 WHERE public_id = '${id}'`));
  // And it can no longer be deleted by its owner.
  const del = await owner.delete(`/api/attachments/${id}`);
  assert.equal(del.status, 409, del.text);
  assert.match(del.body.error.message, /已随材料提交/);
  assert.equal((await download(owner, id)).status, 200);
});

test("the owner deletes an unlinked file, row and object; nobody else can", async () => {
  const { bytes } = file("pdf");
  const id = (await upload(owner, bytes)).body.attachment.id;
  const [row] = rows(`public_id = '${id}'`);
  assert.ok(objectOf(row), "the object is in R2");
  assert.equal((await stranger.delete(`/api/attachments/${id}`)).status, 404);
  const del = await owner.delete(`/api/attachments/${id}`);
  assert.equal(del.status, 204, del.text);
  assert.equal(rows(`public_id = '${id}'`).length, 0);
  assert.ok(await gone(row), "the object is gone");
  assert.equal((await download(owner, id)).status, 404);
  assert.equal((await owner.delete(`/api/attachments/${id}`)).status, 404);
});

test("the object in R2 is sealed: no plaintext, and it opens only with the keyring bound to its id", async () => {
  const w = await worker();
  const uploaded = [];
  for (const kind of ["jpeg", "png", "pdf"]) {
    const f = file(kind);
    const r = await upload(w, f.bytes);
    assert.equal(r.status, 200, r.text);
    uploaded.push({ ...f, id: r.body.attachment.id });
  }
  const everything = r2Files().map((p) => readFileSync(p));
  assert.ok(everything.length >= uploaded.length);
  for (const f of uploaded) {
    const [row] = rows(`public_id = '${f.id}'`);
    const object = objectOf(row);
    assert.ok(object, `the object of ${f.id} is in the local R2`);
    assert.equal(object.length, f.bytes.length + SEAL_OVERHEAD);
    // No R2 file holds the marker, nor the file's own first bytes.
    for (const b of everything) {
      assert.equal(b.indexOf(f.marker), -1, "plaintext marker in R2");
      assert.equal(b.indexOf(f.bytes), -1, "plaintext file in R2");
    }
    assert.ok(openBytes(object, `attachment:${f.id}`).equals(f.bytes), "opens with its own id");
    assert.equal(openBytes(object, `attachment:${uploaded.find((o) => o !== f).id}`), null, "bound to its id");
  }
});

test("the housekeeping removes uploads no record took within a day, rows and objects; linked ones stay", async () => {
  const w = await worker();
  const old = (await upload(w, file("jpeg").bytes)).body.attachment.id;
  const kept = (await upload(w, file("jpeg").bytes)).body.attachment.id;
  const fresh = (await upload(w, file("jpeg").bytes)).body.attachment.id;
  const past = new Date(Date.now() - 25 * 3600e3).toISOString().replace(/\.\d+Z$/, "Z");
  sql(`UPDATE attachments SET created_at = '${past}' WHERE public_id IN ('${old}', '${kept}')`);
  sql(`UPDATE attachments SET capability = 'rights', subject_id = 9, union_path = '/1/', linked_at = '${past}' WHERE public_id = '${kept}'`);
  const [oldRow] = rows(`public_id = '${old}'`);
  assert.ok(objectOf(oldRow));
  await housekeeping();
  assert.equal(rows(`public_id = '${old}'`).length, 0);
  assert.ok(await gone(oldRow), "its object is gone too");
  assert.equal((await download(w, old)).status, 404);
  assert.equal((await download(w, kept)).status, 200, "a linked file stays");
  assert.equal((await download(w, fresh)).status, 200, "a fresh upload stays");
});

test("uploads are capped per worker per day (429 with Retry-After)", async () => {
  const w = await worker();
  const { bytes } = file("png");
  for (let i = 0; i < 60; i++) {
    const r = await upload(w, bytes);
    assert.equal(r.status, 200, `upload ${i + 1}: ${r.text}`);
  }
  const over = await upload(w, bytes);
  assert.equal(over.status, 429, over.text);
  assert.ok(Number(over.headers.get("retry-after")) > 0);
  assert.equal(rows(`owner_user_id = ${w.me.worker.user_id}`).length, 60);
});

test("files sealed under an older key stay readable and the housekeeping moves them to the current key", async (t) => {
  const current = currentKey();
  if (current < 2 || !hasKeys(current - 1)) return t.skip("the dev keys are not mid-rotation");
  const w = await worker();
  const { bytes } = file("pdf");
  // A file as an older deployment stored it: sealed under the previous key.
  const id = `old${uid()}${uid()}`.padEnd(43, "x").slice(0, 43);
  const objectKey = `attachments/${id}`;
  const sealed = sealBytes(current - 1, bytes, `attachment:${id}`);
  const dir = mkdtempSync(join(tmpdir(), "gongyou-r2-"));
  writeFileSync(join(dir, "object"), sealed);
  execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["r2", "object", "put", `gongyou-attachments/${objectKey}`, "--file", join(dir, "object"), "--local", "--persist-to", STATE], {
    cwd: join(ROOT, "worker"), stdio: ["ignore", "ignore", "pipe"], env: process.env,
  });
  const sha = createHash("sha256").update(sealed).digest("hex");
  sql(`INSERT INTO attachments (public_id, owner_user_id, content_type, bytes, sha256, r2_key, key_version, created_at)
       VALUES ('${id}', ${w.me.worker.user_id}, 'application/pdf', ${bytes.length}, '${sha}', '${objectKey}', ${current - 1}, '${new Date().toISOString().replace(/\.\d+Z$/, "Z")}')`);
  const before = await download(w, id);
  assert.equal(before.status, 200);
  assert.ok(before.bytes.equals(bytes), "an old key still opens");
  const [old] = rows(`public_id = '${id}'`);
  await housekeeping();
  const [moved] = rows(`public_id = '${id}'`);
  assert.equal(moved.key_version, current);
  assert.notEqual(moved.r2_key, old.r2_key);
  assert.notEqual(moved.sha256, old.sha256);
  const object = objectOf(moved);
  assert.ok(object, "the new object is in R2");
  assert.equal(object[3], current, "sealed under the current key");
  assert.ok(await gone(old), "the old object is gone");
  const after = await download(w, id);
  assert.equal(after.status, 200);
  assert.ok(after.bytes.equals(bytes), "the same file after re-sealing");
});

test("deleting one's account deletes the files no record holds; a record keeps its own", async () => {
  const w = await worker();
  const loose = (await upload(w, file("jpeg").bytes)).body.attachment.id;
  const held = (await upload(w, file("pdf").bytes)).body.attachment.id;
  sql(`UPDATE attachments SET capability = 'rights', subject_id = 7, union_path = '/1/', linked_at = '2026-12-01T00:00:00Z' WHERE public_id = '${held}'`);
  const [looseRow] = rows(`public_id = '${loose}'`);
  const gone_ = await w.delete("/api/me");
  assert.equal(gone_.status, 204, gone_.text);
  assert.equal(rows(`public_id = '${loose}'`).length, 0);
  assert.ok(await gone(looseRow), "its object is gone");
  assert.equal(rows(`public_id = '${held}'`).length, 1, "the record's file stays with the record");
});
