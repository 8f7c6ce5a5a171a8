// A benefit application's photos and scans against the real Worker: the ids
// of the worker's uploads go with the submission and are linked in the same
// D1 batch; the application lists them; staff of its union (and above) read
// them, a sibling union's do not; documents asked for later are added to the
// same application the same way; another's upload, an unknown id or a file
// another application holds is refused with 422 on `attachments`, and then
// nothing is created.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fetch } from "../lib/client.mjs";
import { BASE } from "../lib/env.mjs";
import { sqlJson, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { createProgramme, hardship, idem, member } from "../lib/benefits.mjs";

const JPEG = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from(` 收据 ${uid()} `), Buffer.from([0xff, 0xd9])]);

async function upload(c) {
  const r = await c.req("POST", "/api/attachments", { raw: JPEG(), headers: { "content-type": "image/jpeg", "idempotency-key": `bd-${uid()}` } });
  assert.equal(r.status, 200, r.text);
  return r.body.attachment.id;
}

const read = async (c, id) => (await fetch(`${BASE}/api/attachments/${id}`, { headers: c.headers() })).status;
const apply = (w, programmeId, attachments, opts = idem()) => w.post(`/api/benefits/programmes/${programmeId}/applications`, { details: hardship(), attachments }, opts);
const count = (programmeId) => JSON.parse(sqlJson(`SELECT count(*) AS n FROM benefit_applications WHERE programme_id = ${programmeId}`))[0].n;

test("an application links the worker's uploads in its own batch; staff in scope read them, others do not", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const sibling = await staff({ role: "staff", unionId: t.b.id });
  const p = await createProgramme(admin, t.a.id);
  const m = await member(admin, t.a.id);
  const [receipt, summary] = [await upload(m), await upload(m)];
  const key = idem();
  const first = await apply(m, p.id, [receipt, summary, receipt], key);
  assert.equal(first.status, 200, first.text);
  const a = first.body.application;
  assert.deepEqual(a.attachments.map((f) => f.id), [receipt, summary], "each once, oldest first");
  assert.equal(a.attachments[0].content_type, "image/jpeg");
  // A replay links nothing twice and answers the same.
  const replay = await apply(m, p.id, [receipt, summary, receipt], key);
  assert.deepEqual(replay.body, first.body);
  assert.equal(count(p.id), 1);
  // The worker's own view and the staff view list them.
  assert.equal((await m.get(`/api/benefits/applications/${a.id}`)).body.application.attachments.length, 2);
  const staffView = await admin.get(`/api/admin/benefits/applications/${a.id}`);
  assert.deepEqual(staffView.body.application.attachments.map((f) => f.id), [receipt, summary]);
  // Staff of the programme's union and above read the files; a sibling union's do not.
  assert.equal(await read(admin, receipt), 200);
  assert.equal(await read(m, receipt), 200);
  assert.equal(await read(sibling, receipt), 404);
  // Linked for good: the owner can no longer delete it.
  assert.equal((await m.delete(`/api/attachments/${receipt}`)).status, 409);
  // Asked for one more document, she adds its photo to the same application.
  const asked = await admin.post(`/api/admin/benefits/applications/${a.id}/request-documents`, { documents: ["出院小结"] }, idem());
  assert.equal(asked.status, 200, asked.text);
  const more = await upload(m);
  const added = await m.post(`/api/benefits/applications/${a.id}/documents-supplied`, { attachments: [more] }, idem());
  assert.equal(added.status, 200, added.text);
  assert.equal(added.body.application.status, "reviewing");
  assert.deepEqual(added.body.application.attachments.map((f) => f.id), [receipt, summary, more]);
  assert.equal(await read(admin, more), 200);
});

test("another's upload, an unknown id or a file another application holds is refused with 422 on attachments, and nothing is created", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const [p1, p2, p3] = [await createProgramme(admin, t.a.id), await createProgramme(admin, t.a.id), await createProgramme(admin, t.a.id)];
  const m = await member(admin, t.a.id);
  const stranger = await worker();
  const theirs = await upload(stranger);
  for (const [what, ids] of [["another's upload", [theirs]], ["an unknown id", ["not-an-id"]], ["a well-formed id nobody has", ["A".repeat(43)]]]) {
    const r = await apply(m, p1.id, ids);
    assert.equal(r.status, 422, `${what}: ${r.status} ${r.text}`);
    assert.ok(r.body.error.fields.attachments, what);
  }
  assert.equal(count(p1.id), 0, "nothing created");
  assert.equal(await read(admin, theirs), 404, "the stranger's file stays theirs alone");
  const mine = await upload(m);
  assert.equal((await apply(m, p2.id, [mine])).status, 200);
  const again = await apply(m, p3.id, [mine]);
  assert.equal(again.status, 422, again.text);
  assert.ok(again.body.error.fields.attachments);
  assert.equal(count(p3.id), 0);
  // Adding another's file to one's application is refused too, and the status stays.
  const second = (await admin.get(`/api/admin/benefits/applications?programme_id=${p2.id}`)).body.applications[0];
  assert.equal((await admin.post(`/api/admin/benefits/applications/${second.id}/request-documents`, { documents: ["收入证明"] }, idem())).status, 200);
  const foreign = await m.post(`/api/benefits/applications/${second.id}/documents-supplied`, { attachments: [theirs] }, idem());
  assert.equal(foreign.status, 422, foreign.text);
  assert.ok(foreign.body.error.fields.attachments);
  assert.equal((await m.get(`/api/benefits/applications/${second.id}`)).body.application.status, "needs_documents");
  // No attachments at all is fine.
  assert.equal((await apply(m, p1.id, [])).status, 200);
});
