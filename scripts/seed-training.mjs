// Demo training for `make run`, made through the real API by the platform
// admin of scripts/seed-accounts.mjs: a free four-day 家政服务 course at 河东区
// (the report's 家政 and 催乳师 classes), a four-day 面点 course at 威海 (the
// worker who "拿到结业证书 … 就不用为找工作发愁了"), and a 花饽饽 skills
// competition. Dates are relative to today (Asia/Shanghai). Idempotent: a
// course whose title is already there is left as it is.
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

const day = (offset) => new Date(Date.now() + 8 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const at = (address, lat, lng) => ({ kind: "address", address, position: { lat, lng } });
const days = (from, n, place, clock = ["08:30", "17:00"], hours = 8) =>
  Array.from({ length: n }, (_, i) => ({ date: day(from + i), starts_at: clock[0], ends_at: clock[1], hours, place }));

const HEDONG = at("临沂市河东区工友创业园培训基地(工友智慧服务驿站二楼)", 35.089, 118.402);
const WEIHAI = at("威海市环翠区职工技能培训中心面点实训室", 37.513, 122.121);
const COURSES = [
  {
    kind: "course", union_id: 19, title: "家政服务", trade: "domestic_worker", level: "level_5", places: 30,
    signup_opens_on: day(-3), signup_closes_on: day(6), eligibility: "open", fee_fen: 0, pass_percent: 80,
    description: "免费培训:家居保洁、衣物整理、母婴护理基础、老人照护。理论加实操四天,考核合格发结业证书,工会推荐就业。",
    sessions: days(7, 4, HEDONG),
  },
  {
    kind: "course", union_id: 19, title: "催乳师", trade: "lactation_consultant", level: "level_4", places: 20,
    signup_opens_on: day(-3), signup_closes_on: day(13), eligibility: "members_only", fee_fen: 12000, pass_percent: 80,
    description: "工会会员补贴后每人120元。产后催乳手法、营养与沟通,含实操考核。",
    sessions: days(14, 3, HEDONG),
  },
  {
    kind: "course", union_id: 21, title: "面点制作", trade: "pastry_cook", level: "level_5", places: 24,
    signup_opens_on: day(-1), signup_closes_on: day(9), eligibility: "open", fee_fen: 0, pass_percent: 80,
    description: "免费四天:馒头、花卷、包子、饺子和花饽饽。学员自带围裙,面粉和工具由培训中心提供。",
    sessions: days(10, 4, WEIHAI, ["08:30", "16:30"], 7),
  },
  {
    kind: "competition", union_id: 21, title: "花饽饽制作技能竞赛", trade: "pastry_cook", level: "basic", places: 40,
    signup_opens_on: day(-1), signup_closes_on: day(20), eligibility: "open", fee_fen: 0, pass_percent: 0,
    description: "威海市职工技能竞赛项目之一,按作品造型、口感和用时评出名次。",
    sessions: days(21, 1, WEIHAI, ["09:00", "12:00"], 3),
  },
];

let made = 0;
for (const c of COURSES) {
  const found = must("courses", await call("GET", `/api/admin/training/courses?union_id=${c.union_id}&q=${encodeURIComponent(c.title)}&limit=100`));
  if (found.courses.some((x) => x.title === c.title)) continue;
  must(`course ${c.title}`, await call("POST", "/api/admin/training/courses", c));
  made += 1;
}
console.log(`  Demo training: ${COURSES.length} courses and competitions, ${made} created now.`);
