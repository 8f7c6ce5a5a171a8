// The staff workspace in Chromium: 概览's counts lead to their queues; a union
// admin sets a project union's end date and fallback union ahead of closing,
// and closing it later moves the members there; staff cancel a job fair and a
// worker sees it marked 已取消; a members export opens as CSV with every row;
// a list's "加载更多" that fails offers a retry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInStaff } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { sql, staff, tree, uid, union, worker } from "../lib/fixtures.mjs";
import { readFileSync } from "node:fs";
import { form } from "../lib/people.mjs";
import { verifiedEmployer } from "../lib/jobs.mjs";

/** Staff work at a desk: a wide window. */
const DESK = { width: 1280, height: 900 };

/** A staff browser signed in at /admin/login and sent on to `next`. */
async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

test("a union admin sets a project union's end date and fallback ahead of closing; closing it later moves the members there", async () => {
  const t = await tree();
  const boss = await staff({ role: "union_admin", unionId: t.p.id });
  // No fallback chosen when it was set up.
  const project = await union({ parent_id: t.p.id, name: `测试编辑${uid()}项目工会`, level: "grassroots", kind: "project", project_starts_on: "2025-01-01", project_ends_on: "2030-12-31" }, boss);
  const w = await worker();
  const app = (await w.post("/api/membership/applications", { union_id: project.id, form: form({ name: "周德胜" }) }, { headers: { "idempotency-key": `ws-${uid()}-${uid()}` } })).body.application;
  assert.equal((await boss.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).status, 200);

  const b = await staffAt(boss.username, "/admin/unions");
  try {
    const { page } = b;
    await page.getByRole("link", { name: `${project.name} 修改` }).click();
    await page.waitForURL(`${BASE}/admin/unions/${project.id}/edit`);
    await page.getByRole("heading", { name: project.name }).waitFor();
    await assertAccessible(page, "edit a union");
    // An end before the start is refused on the spot, beside the field.
    await page.getByLabel("预计完工日期").fill("2024-12-01");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("完工日期不能早于开工日期").waitFor();
    await page.getByLabel("预计完工日期").fill("2027-06-30");
    await page.getByLabel(/兜底工会/).selectOption({ label: t.b.name });
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText(`已保存:${project.name}`).waitFor();
    const saved = (await boss.get(`/api/admin/unions/${project.id}`)).body.union;
    assert.equal(saved.project_ends_on, "2027-06-30");
    assert.equal(saved.fallback_union_id, t.b.id);

    // Later: closing it. The fallback set ahead is chosen already.
    await page.goto("/admin/unions");
    await page.getByRole("link", { name: `${project.name} 关闭工会` }).click();
    await page.waitForURL(`${BASE}/admin/unions/${project.id}/close`);
    await page.getByText(/现有会员 1 人/).waitFor();
    assert.ok(await page.getByRole("radio", { name: new RegExp(t.b.name) }).isChecked());
    await page.getByRole("button", { name: "关闭这个工会…" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByText(`1 名会员会转到 ${t.b.name}`).waitFor();
    await confirm.getByRole("button", { name: "确定关闭" }).click();
    await page.getByRole("heading", { name: `已关闭 ${project.name}` }).waitFor();
    const card = await w.get("/api/membership/card");
    assert.equal(card.body.card.union_name, t.b.name, "the member is in the fallback union");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** RFC 3339 UTC of `hour` o'clock in Shanghai, `days` from today. */
const at = (days, hour) => {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8)).toISOString().slice(0, 19) + "Z";
};

test("staff cancel a job fair with a reason; a worker sees it marked 已取消", async () => {
  const t = await tree();
  const s = await staff({ role: "staff", unionId: t.a.id });
  const employer = await verifiedEmployer(s, t.a.id);
  const name = `测试取消招聘会${uid()}`;
  const made = await s.post("/api/admin/job-fairs", { name, place: "瑶海区零工市场", union_id: t.a.id, starts_at: at(1, 9), ends_at: at(1, 12), employer_ids: [employer.id] });
  assert.equal(made.status, 200, made.text);
  const fair = made.body.job_fairs[0];

  const b = await staffAt(s.username, "/admin/job-fairs");
  const wb = await openBrowser();
  try {
    const { page } = b;
    const row = page.getByRole("list", { name: "招聘会" }).getByRole("listitem").filter({ hasText: name });
    await row.getByRole("button", { name: `${name} 取消招聘会` }).click();
    await row.getByLabel(/取消原因/).fill("场馆临时维修,改到下月28日");
    await assertAccessible(page, "cancel a fair");
    await row.getByRole("button", { name: "确定取消" }).click();
    await row.getByText("已取消", { exact: true }).waitFor();
    await row.getByText(/场馆临时维修/).waitFor();
    assert.deepEqual(b.errors, []);

    // A worker on the jobs side: the fair is still listed, marked cancelled.
    const wp = wb.page;
    await wp.goto("/jobs/fairs");
    await appReady(wp);
    const item = wp.getByRole("listitem").filter({ hasText: name });
    await item.getByText("已取消", { exact: true }).waitFor();
    await item.getByRole("link", { name }).click();
    await wp.waitForURL(`${BASE}/jobs/fairs/${fair.id}`);
    await wp.getByText(/场馆临时维修,改到下月28日/).waitFor();
    await assertAccessible(wp, "a cancelled fair");
    assert.deepEqual(wb.errors, []);
  } finally {
    await b.close();
    await wb.close();
  }
});

const idem = () => ({ headers: { "idempotency-key": `ws-b-${uid()}-${uid()}` } });

test("概览 shows 3 waiting enrolments; the link opens the queue; after approving one it shows 2", async () => {
  const t = await tree();
  const district = await staff({ role: "staff", unionId: t.p.id });
  const people = ["王建国", "李秀英", "赵大勇"];
  for (const name of people) {
    const r = await (await worker()).post("/api/membership/applications", { union_id: t.a.id, form: form({ name }) }, idem());
    assert.equal(r.status, 200, r.text);
  }
  const b = await staffAt(district.username, "/admin");
  try {
    const { page } = b;
    const waiting = page.locator('a[data-queue="enrolments"]');
    await waiting.filter({ hasText: "3" }).waitFor();
    assert.match(await waiting.innerText(), /待审核的入会申请/);
    await assertAccessible(page, "概览");
    await waiting.click();
    await page.waitForURL(`${BASE}/admin/applications`);
    await page.getByRole("article", { name: "王建国" }).waitFor();
    assert.equal(await page.getByRole("article").count(), 3);
    await page.getByRole("checkbox", { name: "选中 王建国" }).check();
    await page.getByRole("button", { name: "通过选中的申请(1份)" }).click();
    await page.getByRole("status").filter({ hasText: "已处理 1 份" }).waitFor();
    await page.getByRole("link", { name: "概览" }).click();
    await page.waitForURL(`${BASE}/admin`);
    await waiting.filter({ hasText: "2" }).waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a members export opens as CSV with every row of the subtree", async () => {
  const t = await tree();
  const s = await staff({ role: "staff", unionId: t.p.id });
  const names = ["孙立新", "周桂芳"];
  for (const name of names) {
    const app = (await (await worker()).post("/api/membership/applications", { union_id: t.a.id, form: form({ name }) }, idem())).body.application;
    assert.equal((await s.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  }
  const b = await staffAt(s.username, "/admin/members");
  try {
    const { page } = b;
    await page.getByRole("list", { name: "会员" }).getByRole("listitem").filter({ hasText: "周桂芳" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出全部会员(表格)" }).click()]);
    assert.equal(download.suggestedFilename(), "members.csv");
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a BOM, as Excel needs");
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    assert.match(lines[0], /^会员编号,姓名,身份证号/);
    assert.equal(lines.length, 1 + names.length, "the heading and every member");
    for (const name of names) assert.ok(lines.some((l) => l.split(",")[1] === name), name);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the station list pages past 200 rows, and a failed 加载更多 offers a retry", { timeout: 120_000 }, async () => {
  const t = await tree();
  const s = await staff({ role: "viewer", unionId: t.a.id });
  const marker = `翻页${uid()}`;
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 230)
       INSERT INTO stations (union_id, union_path, name, station_type, province, city, district, address, lat, lng, schedule, status, created_at, updated_at)
       SELECT ${t.a.id}, (SELECT path FROM unions WHERE id = ${t.a.id}), '${marker}' || printf('%03d', i), 'union_station', '安徽省', '合肥市', '瑶海区', '测试路' || i || '号', 31.8, 117.3,
              '{"weekly":[[],[],[],[],[],[],[]],"closures":[]}', 'defunct', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n`);
  const b = await staffAt(s.username, "/admin/stations");
  try {
    const { page } = b;
    await page.getByRole("link", { name: `${marker}200` }).waitFor();
    assert.equal(await page.getByRole("link", { name: `${marker}201` }).count(), 0, "one page of 200");
    // The next page fails once (no signal): the list says so and offers a retry.
    let failed = false;
    await page.route(/\/api\/admin\/stations\?.*cursor=/, (route) => {
      if (failed) return route.continue();
      failed = true;
      return route.abort("internetdisconnected");
    });
    await page.getByRole("button", { name: "加载更多" }).click();
    const retry = page.getByRole("button", { name: "重试" });
    await retry.waitFor();
    await assertAccessible(page, "a page that failed to load");
    await retry.click();
    await page.getByRole("link", { name: `${marker}230` }).waitFor();
    assert.equal(await page.getByRole("button", { name: "加载更多" }).count(), 0, "the last page");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
