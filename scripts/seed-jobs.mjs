// Demo employers, jobs and job fairs for `make run`, made through the real API
// (so the search indexes are written as in production) by the platform admin
// of scripts/seed-accounts.mjs. Dates are relative to today (Asia/Shanghai),
// since a job runs for at most 90 days. Idempotent: an employer that already
// exists is found by its code, and gets its jobs again only when none is live.
import { readFileSync } from "node:fs";
import { client } from "./demo-staff.mjs";

const base = process.argv[2] ?? "http://localhost:8787";
const root = new URL("..", import.meta.url).pathname;
const password = readFileSync(`${root}.demo-credentials`, "utf8").match(/^password: (.*)$/m)[1];

const { call, signIn } = client(base);
const must = (what, r) => {
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

must("admin login", await signIn("platform.admin", password));

// Today and later days in Asia/Shanghai, as YYYY-MM-DD.
const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const at = (offset, hour) => new Date(`${day(offset)}T${String(hour).padStart(2, "0")}:00:00+08:00`).toISOString().replace(".000", "");

const job = (title, trades, [min, max, unit = "day"], settlement, headcount, [lat, lng, district], extra = {}) => ({
  title, trades, wage_min_fen: min * 100, wage_max_fen: max * 100, wage_unit: unit, settlement, headcount,
  place: { lat, lng, district }, starts_on: day(extra.starts ?? 0), ends_on: extra.ends === undefined ? null : day(extra.ends),
  working_hours: extra.hours ?? "7:00–17:00,午休1小时", board: extra.board ?? false, lodging: extra.lodging ?? false,
  description: extra.description ?? "", valid_until: day(extra.valid ?? 45),
});

const YAOHAI = [31.869, 117.331, "瑶海区"];
const EMPLOYERS = [
  {
    union_id: 3, name: "合肥瑶海安居建筑劳务有限公司", uscc: "91340102MA2T5K8L12", contact_name: "王经理", contact_phone: "13905510102", region_code: "340102",
    jobs: [
      job("站塘路安置房招木工8名", ["carpenter"], [350, 420], "daily", 8, YAOHAI, { board: true, lodging: true, ends: 80, description: "住宅楼模板支护,长期有活,工资日结不拖欠。自带工具优先。" }),
      job("钢筋工5名,当天上工", ["rebar_worker"], [300, 380], "daily", 5, [31.873, 117.339, "瑶海区"], { board: true, description: "钢筋绑扎,有经验者优先。" }),
      job("工地小工(零工)今天就能干", ["labourer"], [200, 240], "daily", 10, [31.866, 117.326, "瑶海区"], { ends: 3, valid: 3, hours: "7:00–16:00", description: "清理、搬运,干一天结一天。" }),
      job("电焊工2名", ["welder"], [380, 450], "weekly", 2, [31.861, 117.345, "瑶海区"], { description: "需持焊工证,二保焊。" }),
    ],
  },
  {
    union_id: 3, name: "合肥皖嘉物业服务有限公司", uscc: "91340102MA8N3Q2X68", contact_name: "刘主管", contact_phone: "13905510188", region_code: "340102",
    jobs: [
      job("小区保洁员", ["cleaner"], [3000, 3600, "month"], "monthly", 6, [31.858, 117.318, "瑶海区"], { hours: "6:30–15:30,月休4天", board: true, description: "缴纳社保,年龄60岁以下。" }),
      job("夜班保安", ["security_guard"], [3500, 4200, "month"], "monthly", 3, [31.876, 117.312, "瑶海区"], { hours: "19:00–次日7:00", lodging: true }),
    ],
  },
  {
    union_id: 18, name: "临沂河东顺达物流有限公司", uscc: "91371312MA3C7D1R4H", contact_name: "张师傅", contact_phone: "13905390218", region_code: "371312",
    jobs: [
      job("快递分拣员(日结)", ["warehouse_worker"], [180, 220], "daily", 20, [35.089, 118.402, "河东区"], { hours: "20:00–次日6:00", description: "夜班分拣,双十一前后活多。" }),
      job("货车司机(A2)", ["truck_driver"], [7000, 9000, "month"], "monthly", 2, [35.095, 118.415, "河东区"], { description: "跑临沂—上海线,需A2驾照。" }),
    ],
  },
  {
    union_id: 25, name: "启东汇龙即时配送服务站", uscc: "91320681MA1Y4H6P0K", contact_name: "陈站长", contact_phone: "13905130681", region_code: "320681",
    jobs: [job("外卖骑手,按单计费", ["delivery_rider"], [6, 9, "piece"], "weekly", 15, [31.808, 121.657, "启东市"], { hours: "时间自由,午晚高峰", description: "站点提供换电柜,工会驿站可歇脚。每单6–9元。" })],
  },
  {
    union_id: 10, name: "霍山县巧手家政服务有限公司", uscc: "91341525MA5B9F2J7R", contact_name: "李大姐", contact_phone: "13905640525", region_code: "341525",
    jobs: [
      job("住家保姆", ["domestic_worker"], [4500, 6000, "month"], "monthly", 3, [31.393, 116.333, "霍山县"], { board: true, lodging: true, hours: "住家,每月休4天" }),
      job("育婴员(月嫂)", ["childcare"], [5500, 7500, "month"], "monthly", 2, [31.401, 116.341, "霍山县"], { description: "持育婴员证优先,工会可免费培训。" }),
    ],
  },
  {
    union_id: 14, name: "天全县川西建设工程有限公司", uscc: "91511825MA7K2M8N3A", contact_name: "杨工", contact_phone: "13905350825", region_code: "511825",
    jobs: [job("瓦工4名", ["mason"], [300, 360], "monthly", 4, [30.066, 102.758, "天全县"], { board: true, lodging: true })],
  },
  {
    union_id: 29, name: "湖南捷力泰科技有限公司", uscc: "91431103MA6E1G5T9J", contact_name: "周主任", contact_phone: "13905741103", region_code: "431103",
    jobs: [job("流水线操作工", ["assembly_worker"], [4200, 5500, "month"], "monthly", 30, [26.433, 111.595, "冷水滩区"], { board: true, lodging: true, hours: "两班倒,8小时", description: "包吃住,缴五险。" })],
  },
];

const existing = new Map();
for (let cursor = null; ; ) {
  const page = must("employers", await call("GET", `/api/admin/employers?limit=100${cursor ? `&cursor=${cursor}` : ""}`));
  for (const e of page.employers) existing.set(e.uscc, e);
  if (!(cursor = page.meta.next_cursor)) break;
}

let posted = 0;
const ids = {};
for (const { jobs, ...e } of EMPLOYERS) {
  const employer = existing.get(e.uscc) ?? must(`employer ${e.name}`, await call("POST", "/api/admin/employers", e)).employer;
  ids[e.uscc] = employer.id;
  const live = must("jobs", await call("GET", `/api/jobs?employer_id=${employer.id}&limit=1`)).jobs.length;
  if (live) continue;
  for (const j of jobs) {
    must(`job ${j.title}`, await call("POST", "/api/admin/jobs", { ...j, employer_id: employer.id, contact_name: e.contact_name, contact_phone: e.contact_phone }));
    posted += 1;
  }
}

// The monthly fair on the 28th (a year of them) and a 春风行动 fair, unless fairs are already ahead.
const upcoming = must("fairs", await call("GET", "/api/job-fairs?limit=1")).job_fairs.length;
if (!upcoming) {
  const now = new Date(Date.now() + 8 * 3600e3);
  let y = now.getUTCFullYear(), m = now.getUTCMonth() + 1;
  if (now.getUTCDate() > 28) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const first = `${y}-${String(m).padStart(2, "0")}-28`;
  const utc = (date, hour) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`).toISOString().replace(".000", "");
  must("monthly fair", await call("POST", "/api/admin/job-fairs", {
    name: "瑶海区每月28日零工招聘会", place: "合肥市瑶海区站塘路零工市场", lat: 31.869, lng: 117.331, union_id: 3,
    starts_at: utc(first, 9), ends_at: utc(first, 12), employer_ids: [ids["91340102MA2T5K8L12"], ids["91340102MA8N3Q2X68"]], repeat_monthly: 11,
  }));
  must("spring fair", await call("POST", "/api/admin/job-fairs", {
    name: "春风行动·河东区农民工专场招聘会", place: "临沂市河东区工友创业园", lat: 35.089, lng: 118.402, union_id: 18,
    starts_at: at(7, 9), ends_at: at(7, 16), employer_ids: [ids["91371312MA3C7D1R4H"]],
  }));
}
console.log(`  Demo jobs: ${EMPLOYERS.length} employers, ${posted} jobs posted now${upcoming ? "" : ", job fairs created"}.`);
