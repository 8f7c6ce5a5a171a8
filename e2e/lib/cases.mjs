// Wage-case fixtures: complaint bodies that pass the shared rules, filing,
// inviting and joining through the real API, and staff moves.
import assert from "node:assert/strict";
import { uid } from "./fixtures.mjs";

export const idem = () => ({ headers: { "idempotency-key": `rc-${uid()}-${uid()}` } });

/** An Asia/Shanghai date `n` days from today. */
export function day(n = 0) {
  return new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
}

export function claim(overrides = {}) {
  return { name: "王建国", days: 20, amount_claimed_fen: 600000, evidence: [], still_employed: true, left_on: null, ...overrides };
}

export function complaintBody(unionId, overrides = {}) {
  return {
    period_from: day(-40),
    period_to: day(-10),
    employer: { kind: "boss", name: "李老板", phone: "13900139000" },
    site: { name: `城南安置房项目${uid()}`, address: "雅安市天全县城南大道8号", union_id: unionId },
    main_contractor: "四川某建工集团",
    facts: "干了20天,工资一直没发",
    claim: claim(),
    ...overrides,
  };
}

/** Files a complaint through `w`; returns the case. */
export async function file(w, unionId, overrides = {}) {
  const r = await w.post("/api/rights/cases", complaintBody(unionId, overrides), idem());
  assert.equal(r.status, 200, r.text);
  return r.body.case;
}

/** The invitation's query values (c, exp, sig) of `w`'s case. */
export async function invitation(w, caseId) {
  const r = await w.get(`/api/rights/cases/${caseId}/invite`);
  assert.equal(r.status, 200, r.text);
  const q = new URL(r.body.path, "http://x").searchParams;
  return { path: r.body.path, c: Number(q.get("c")), exp: Number(q.get("exp")), sig: q.get("sig") };
}

export async function join(w, inv, claimOverrides = {}) {
  return w.post(`/api/rights/cases/${inv.c}/claimants`, { exp: inv.exp, sig: inv.sig, claim: claim(claimOverrides) }, idem());
}

/** Staff move a case; returns the reply. */
export async function act(staff, caseId, body) {
  return staff.post(`/api/admin/rights/cases/${caseId}/status`, body, idem());
}
