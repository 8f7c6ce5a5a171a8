// Training fixtures: course bodies, courses made through the staff API,
// session codes, check-ins, and the texts the console SMS provider printed.
import { readFileSync } from "node:fs";
import { LOG } from "./env.mjs";
import { uid } from "./fixtures.mjs";
import { day } from "./jobs.mjs";

const key = () => ({ headers: { "idempotency-key": `tr-${uid()}-${uid()}` } });
export const idem = key;

/** Asia/Shanghai wall clock `minutes` from now: { date, clock }. */
export function shanghaiClock(minutes = 0) {
  const t = new Date(Date.now() + 8 * 3600e3 + minutes * 60e3);
  return { date: t.toISOString().slice(0, 10), clock: t.toISOString().slice(11, 16) };
}

/** A session today that has started `ago` minutes before now (so its code counts), `hours` 课时 long at most. */
export function sessionNow({ ago = 20, hours = 8 } = {}) {
  const now = shanghaiClock();
  let start = shanghaiClock(-ago);
  if (start.date !== now.date) start = { date: now.date, clock: "00:00" };
  const [h, m] = start.clock.split(":").map(Number);
  const endMin = Math.min(h * 60 + m + hours * 60, 23 * 60 + 59);
  const end = `${String(Math.floor(endMin / 60)).padStart(2, "0")}:${String(endMin % 60).padStart(2, "0")}`;
  const span = Math.ceil((endMin - h * 60 - m) / 60);
  return { date: start.date, starts_at: start.clock, ends_at: end, hours: Math.max(1, Math.min(hours, span)), place: { kind: "address", address: "瑶海区站塘路88号工友培训教室", position: { lat: 31.869, lng: 117.331 } } };
}

/** A session `offset` days ahead, 09:00–17:00, 8 课时. */
export function sessionOn(offset, overrides = {}) {
  return { date: day(offset), starts_at: "09:00", ends_at: "17:00", hours: 8, place: { kind: "address", address: "瑶海区站塘路88号工友培训教室", position: { lat: 31.869, lng: 117.331 } }, ...overrides };
}

/** A course body that passes the shared rules: 家政服务, free, open to all, sign-up open today. */
export function courseBody(unionId, overrides = {}) {
  return {
    kind: "course",
    union_id: unionId,
    title: `家政服务${uid()}`,
    trade: "domestic_worker",
    level: "level_5",
    places: 30,
    signup_opens_on: day(-1),
    signup_closes_on: day(0),
    eligibility: "open",
    fee_fen: 0,
    pass_percent: 80,
    description: "四天,理论加实操,结业发证",
    sessions: [sessionOn(3), sessionOn(4), sessionOn(5), sessionOn(6)],
    ...overrides,
  };
}

/** Creates a course through `staff`; returns it. */
export async function createCourse(staff, unionId, overrides = {}) {
  const r = await staff.post("/api/admin/training/courses", courseBody(unionId, overrides), key());
  if (r.status !== 200) throw new Error(`course create failed: ${r.status} ${r.text}`);
  return r.body.course;
}

/** Signs `w` up for a course with a real name; returns the response. */
export function signUp(w, courseId, name = "王秀英", opts = key()) {
  return w.post(`/api/training/courses/${courseId}/enrolments`, { name }, opts);
}

/** The session code staff show: { session_id, exp, sig } from its link. */
export async function sessionCode(staff, sessionId) {
  const r = await staff.get(`/api/admin/training/sessions/${sessionId}/check-in-code`);
  if (r.status !== 200) throw new Error(`session code: ${r.status} ${r.text}`);
  const q = new URLSearchParams(r.body.path.split("?")[1]);
  return { session_id: Number(q.get("s")), exp: Number(q.get("exp")), sig: q.get("sig"), path: r.body.path };
}

export function checkIn(w, code, opts = key()) {
  return w.post("/api/training/check-ins", { session_id: code.session_id, exp: code.exp, sig: code.sig }, opts);
}

/** Every text the console provider printed to `phone` after `after` (a logMark). */
export function textsTo(phone, after = 0) {
  const log = readFileSync(LOG, "utf8").slice(after);
  return [...log.matchAll(new RegExp(`\\[sms:console\\] to ${phone}: (.*)`, "g"))].map((m) => m[1]);
}

/** Waits until `phone` has been texted something matching `re` after `after`. */
export async function waitForText(phone, re, after = 0, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = textsTo(phone, after).find((t) => re.test(t));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no text matching ${re} to ${phone}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
