// Evidence-locker (记工本) fixtures: day bodies and appends through the API.
import { uid } from "./fixtures.mjs";

export const idem = () => ({ headers: { "idempotency-key": `lk-${uid()}-${uid()}` } });

/** `YYYY-MM-DD` in Asia/Shanghai, `offset` days from today. */
export function shanghaiDay(offset = 0) {
  return new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
}

/** A day that passes the shared rules: one 点工 day at ¥350 for 王德发. */
export function dayBody(overrides = {}) {
  return {
    date: shanghaiDay(-1),
    project: "瑶海区保障房二期",
    address: "合肥市瑶海区长江东路1号",
    boss_name: "王德发",
    boss_phone: "13800138000",
    pay_kind: "day",
    quantity_x100: 100,
    rate_fen: 35000,
    advance_fen: 0,
    paid_fen: 0,
    note: "",
    attachments: [],
    ...overrides,
  };
}

/** Appends a day; throws unless the API took it. */
export async function append(w, overrides = {}, opts = idem()) {
  const r = await w.post("/api/rights/locker/entries", dayBody(overrides), opts);
  if (r.status !== 200) throw new Error(`append failed: ${r.status} ${r.text}`);
  return r.body.entry;
}
