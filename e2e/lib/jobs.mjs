// Jobs fixtures: employers, job bodies, live jobs.
import { randomPhone } from "./client.mjs";
import { uid } from "./fixtures.mjs";
import { uscc } from "./people.mjs";

/** YYYY-MM-DD in Asia/Shanghai, `offset` days from today. */
export const day = (offset = 0) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);

/** Near 合肥瑶海区 (the seed's district), `km` north of a fixed point. */
export const YAOHAI = { lat: 31.869, lng: 117.331 };
export const north = (km, from = YAOHAI) => ({ lat: from.lat + km / 111.195, lng: from.lng });

/** A job body that passes the shared rules; override any field. */
export function jobBody(overrides = {}) {
  const at = overrides.at ?? YAOHAI;
  const { at: _, ...rest } = overrides;
  return {
    title: `招木工${uid()}`,
    trades: ["carpenter"],
    description: "住宅楼模板支护,长期有活",
    wage_min_fen: 30000,
    wage_max_fen: 35000,
    wage_unit: "day",
    settlement: "daily",
    headcount: 3,
    place: { lat: at.lat, lng: at.lng, district: "瑶海区" },
    starts_on: day(0),
    ends_on: null,
    working_hours: "7:00–17:00",
    board: true,
    lodging: false,
    contact_name: "王师傅",
    contact_phone: randomPhone(),
    valid_until: day(30),
    ...rest,
  };
}

export function employerBody(overrides = {}) {
  return { name: `合肥测试建筑劳务${uid()}有限公司`, uscc: uscc("340102"), contact_name: "陈经理", contact_phone: randomPhone(), region_code: "340102", ...overrides };
}

/** A verified employer registered by `staff` for union `unionId`. */
export async function verifiedEmployer(staff, unionId, overrides = {}) {
  const r = await staff.post("/api/admin/employers", { union_id: unionId, ...employerBody(overrides) });
  if (r.status !== 200) throw new Error(`employer create failed: ${r.status} ${r.text}`);
  return r.body.employer;
}

/** A live job posted by `staff` for `employerId`. */
export async function liveJob(staff, employerId, overrides = {}) {
  const r = await staff.post("/api/admin/jobs", { ...jobBody(overrides), employer_id: employerId }, { headers: { "idempotency-key": `job-${uid()}-${uid()}` } });
  if (r.status !== 200) throw new Error(`job post failed: ${r.status} ${r.text}`);
  return r.body.job;
}

/** In the worker's app, signed in on /jobs/card: fills in the job card and saves it. */
export async function saveJobCard(page, { trade = "carpenter", years = "12", wage = "300", area = "瑶海区" } = {}) {
  await page.getByLabel("工种 1").selectOption(trade);
  await page.getByLabel("干了几年").fill(years);
  await page.getByLabel("期望工资(元)").fill(wage);
  await page.getByLabel("按").selectOption("day");
  await page.getByLabel(/想在哪里干活/).fill(area);
  await page.getByRole("button", { name: /用我现在的位置/ }).click();
  await page.getByText("已记下您的位置。").waitFor();
  await page.getByRole("button", { name: "保存求职卡" }).click();
  await page.getByText("求职卡已保存。").waitFor();
}
