// Benefits fixtures: programme bodies, programmes made through the staff API,
// members enrolled through the real membership API, application bodies.
import { uid, worker } from "./fixtures.mjs";
import { form } from "./people.mjs";
import { day } from "./jobs.mjs";

export const idem = () => ({ headers: { "idempotency-key": `bn-${uid()}-${uid()}` } });

/** A programme body that passes the shared rules: hardship aid up to ¥5,000, open today. */
export function programmeBody(unionId, overrides = {}) {
  return {
    kind: "hardship",
    union_id: unionId,
    name: `困难职工帮扶${uid()}`,
    eligibility: "家庭人均月收入低于本地低保两倍的会员",
    required_documents: ["身份证", "家庭收入情况说明"],
    amount: { kind: "up_to", amount_fen: 500000 },
    opens_on: day(-1),
    closes_on: day(30),
    budget_fen: 10000000,
    places: 100,
    who_may_apply: "members_only",
    dibao_fen: 100000,
    ...overrides,
  };
}

/** Creates a programme through `staff`; returns it. */
export async function createProgramme(staff, unionId, overrides = {}) {
  const r = await staff.post("/api/admin/benefits/programmes", programmeBody(unionId, overrides), idem());
  if (r.status !== 200) throw new Error(`programme create failed: ${r.status} ${r.text}`);
  return r.body.programme;
}

/** A worker who is an active member of `unionId` (enrolled and approved by `staff`). */
export async function member(staff, unionId, overrides = {}) {
  const w = await worker();
  const f = form(overrides);
  const applied = await w.post("/api/membership/applications", { union_id: unionId, form: f }, idem());
  if (applied.status !== 200) throw new Error(`enrol failed: ${applied.status} ${applied.text}`);
  const ok = await staff.post(`/api/admin/applications/${applied.body.application.id}/decision`, { decision: "approve", reason: "" });
  if (ok.status !== 200) throw new Error(`approve failed: ${ok.status} ${ok.text}`);
  w.form = f;
  return w;
}

/** Hardship details: 4 people, ¥48,000 a year, ¥12,000 fixed costs → ¥750 a month each. */
export function hardship(overrides = {}) {
  return { kind: "hardship", household: 4, income_fen: 4800000, fixed_costs_fen: 1200000, accident: false, hardship_costs_fen: 0, cause: "illness", bank_account: "6222 0212 3456 7890 123", note: "丈夫住院", ...overrides };
}

export function medical(dischargedDaysAgo, overrides = {}) {
  return { kind: "medical", hospital: "安徽省立医院", hospital_level: "level_3", admitted_on: day(-dischargedDaysAgo - 5), discharged_on: day(-dischargedDaysAgo), total_cost_fen: 3000000, insurance_paid_fen: 2000000, self_paid_fen: 1000000, ...overrides };
}

export function apply(w, programmeId, details, opts = idem(), applicant) {
  return w.post(`/api/benefits/programmes/${programmeId}/applications`, applicant ? { applicant, details } : { details }, opts);
}
