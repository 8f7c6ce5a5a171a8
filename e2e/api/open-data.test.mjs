// The open station data against Open Referral's own HSDS 3.0 JSON Schema
// (e2e/schemas/hsds-3.0/service.json, CC BY-SA 4.0, see NOTICE there): every
// exported service validates, ids are stable UUIDs, amenities are attributes
// with taxonomy terms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { Client } from "../lib/client.mjs";
import { freshIp } from "../lib/fixtures.mjs";

const api = new Client({ ip: freshIp() });
const schema = JSON.parse(readFileSync(new URL("../schemas/hsds-3.0/service.json", import.meta.url)));
// strict: false: the HSDS schemas carry their own keywords (`constraints`, `core`, `example`…).
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validService = ajv.compile(schema);
// RFC 9562 version 5, written again here so the test does not trust the Rust side.
const NAMESPACE = Buffer.from("ab94806aa53c57f7bcd7219d6343fe43", "hex");
function uuidV5(name) {
  const b = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function allServices() {
  const services = [];
  let cursor = "";
  for (;;) {
    const r = await api.get(`/api/open-data/stations.json?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.hsds_version, "3.0");
    services.push(...r.body.services);
    if (!r.body.meta.next_cursor) return services;
    cursor = encodeURIComponent(r.body.meta.next_cursor);
  }
}

test("every exported service is a valid HSDS 3.0 service", async () => {
  const services = await allServices();
  assert.ok(services.length >= 20, `all the seeded stations (${services.length})`);
  const failures = [];
  for (const s of services) {
    if (!validService(s)) failures.push(`${s.name}: ${ajv.errorsText(validService.errors)}`);
  }
  assert.deepEqual(failures, []);
});

test("the schema is really applied: a record without ids or organization description fails", () => {
  const bad = { id: "station-3", name: "x", status: "active", schedules: [{ freq: "WEEKLY" }], organization: { id: "union-1", name: "y" } };
  assert.equal(validService(bad), false);
  const text = ajv.errorsText(validService.errors);
  assert.match(text, /must match format "uuid"/);
  assert.match(text, /must have required property 'id'/);
  assert.match(text, /must have required property 'description'/);
});

test("ids are UUIDs, unique, and the same in every export", async () => {
  const [first, again] = [await allServices(), await allServices()];
  const ids = first.flatMap((s) => [
    s.id,
    s.organization.id,
    ...s.schedules.map((x) => x.id),
    ...s.service_at_locations.flatMap((x) => [x.id, x.location.id, ...x.location.addresses.map((a) => a.id)]),
    ...s.attributes.map((a) => a.id),
  ]);
  for (const id of ids) assert.match(id, UUID);
  const own = first.flatMap((s) => [s.id, ...s.schedules.map((x) => x.id), ...s.attributes.map((a) => a.id)]);
  assert.equal(new Set(own).size, own.length, "no two records share an id");
  assert.deepEqual(again.map((s) => s.id), first.map((s) => s.id));
});

test("a station's facts: union, place, hours in Shanghai time, type and amenities as taxonomy terms", async () => {
  const r = await api.get("/api/open-data/stations.json?province=安徽省");
  // Station 3 of the demo data: 瑶海, open round the clock.
  const svc = r.body.services.find((s) => s.id === uuidV5("service/3"));
  assert.ok(svc, "station 3, by the UUID derived from its id");
  assert.equal(svc.organization.name, "瑶海区总工会");
  assert.equal(svc.schedules.length, 7);
  assert.ok(svc.organization.description.length > 0);
  const loc = svc.service_at_locations[0].location;
  assert.equal(loc.location_type, "physical");
  assert.equal(loc.addresses[0].state_province, "安徽省");
  assert.equal(loc.addresses[0].country, "CN");
  assert.equal(svc.service_at_locations[0].location_id, loc.id);
  assert.deepEqual(
    { ...svc.schedules[0], id: undefined },
    { id: undefined, service_id: svc.id, freq: "WEEKLY", byday: "MO", opens_at: "00:00+08:00", closes_at: "24:00+08:00", timezone: 8 },
  );
  assert.ok(r.body.services.every((s) => s.service_at_locations[0].location.addresses[0].state_province === "安徽省"));
  assert.equal(svc.amenities, undefined, "amenities are attributes, not a field of their own");
  const [type, ...amenities] = svc.attributes;
  assert.equal(type.link_type, "station_type");
  assert.ok(amenities.length > 0);
  for (const a of svc.attributes) {
    assert.equal(a.link_id, svc.id);
    assert.equal(a.link_entity, "service");
    assert.equal(a.taxonomy_term_id, a.taxonomy_term.id);
    assert.equal(a.taxonomy_term.taxonomy_id, a.taxonomy_term.taxonomy_detail.id);
  }
  assert.ok(amenities.every((a) => a.link_type === "amenity" && a.taxonomy_term.taxonomy === "gongyou-amenity"));
  const water = r.body.services.flatMap((s) => s.attributes).filter((a) => a.taxonomy_term.code === "drinking_water");
  assert.ok(water.length > 1);
  assert.equal(new Set(water.map((a) => a.taxonomy_term.id)).size, 1, "one term, shared by every station that has it");
  assert.equal(water[0].taxonomy_term.name, "饮用水");
});
