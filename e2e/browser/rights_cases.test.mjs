// Wage cases in Chromium — the issue's journeys 2 and 3: three co-workers build
// a collective complaint (the filer on the form, the others by the invitation),
// staff accept it, mediation succeeds with an amount per worker, 追回 is
// recorded, each worker sees their own money, and the employer's page shows
// the record; and a mediation clock past 15 days on the staff overdue list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { sql, staff, tree, worker } from "../lib/fixtures.mjs";
import { verifiedEmployer } from "../lib/jobs.mjs";
import { act, day, file, invitation, join } from "../lib/cases.mjs";

const DESK = { width: 1280, height: 900 };

async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

test("journey 2: three co-workers file together → accepted → mediation agrees an amount each → recovered → each sees their own money → the employer's page shows the record", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const employer = await verifiedEmployer(admin, t.a.id);
  const w = await openBrowser();
  let caseId;
  let invitePath;
  try {
    const { page } = w;
    // The filer signs in and files on the form.
    await page.goto("/login?next=%2Frights%2Fcases%2Fnew");
    await signInWorker(page, randomPhone());
    await page.waitForURL(`${BASE}/rights/cases/new`);
    await page.getByLabel("开始干活的日期").fill(day(-40));
    await page.getByLabel("最后干活的日期").fill(day(-10));
    await page.getByLabel("平台上已核实的用工单位编号(没有就不填)").fill(String(employer.id));
    await page.getByLabel("工地(项目名称)").fill("城南安置房项目");
    await page.getByLabel("工地地址").fill("雅安市天全县城南大道8号");
    await page.getByLabel("工地所在地工会编号").fill(String(t.a.id));
    await page.getByLabel("我的姓名").fill("王建国");
    await page.getByLabel("干了多少天").fill("20");
    await page.getByLabel("欠我多少钱(元)").fill("6000");
    await page.getByRole("button", { name: "提交投诉" }).click();
    await page.waitForURL(/\/rights\/cases\/\d+$/);
    caseId = Number(page.url().split("/").pop());
    await page.getByText("投诉已登记").waitFor();
    await assertAccessible(page, "my case, registered");
    await page.getByRole("button", { name: "显示邀请码" }).click();
    invitePath = await page.locator("[data-invite]").getAttribute("data-invite");
    assert.match(invitePath, /^\/rights\/join\?c=\d+&exp=\d+&sig=[0-9a-f]{64}$/);
    assert.ok(await page.locator(".qr svg").count());
  } finally {
    await w.close();
  }
  // The second co-worker opens the invitation in their own browser.
  const w2 = await openBrowser();
  const phone2 = randomPhone();
  try {
    const { page } = w2;
    await page.goto(`/login?next=${encodeURIComponent(invitePath)}`);
    await signInWorker(page, phone2);
    await page.waitForURL(`${BASE}${invitePath}`);
    await page.getByText("城南安置房项目").waitFor();
    await page.getByLabel("我的姓名").fill("张小兵");
    await page.getByLabel("干了多少天").fill("15");
    await page.getByLabel("欠我多少钱(元)").fill("4500");
    await page.getByRole("button", { name: "加入投诉" }).click();
    await page.waitForURL(`${BASE}/rights/cases/${caseId}`);
  } finally {
    await w2.close();
  }
  // The third joins through the API with the same link.
  const third = await worker();
  const q = new URL(invitePath, BASE).searchParams;
  const joined = await join(third, { c: caseId, exp: Number(q.get("exp")), sig: q.get("sig") }, { name: "赵二", days: 10, amount_claimed_fen: 300000 });
  assert.equal(joined.status, 200, joined.text);

  // Staff accept, mediate, agree an amount each, record the money, follow up, close.
  const s = await staffAt(admin.username, "/admin/rights");
  try {
    const { page } = s;
    await page.locator(`[data-case="${caseId}"]`).getByRole("link").click();
    await page.waitForURL(`${BASE}/admin/rights/cases/${caseId}`);
    await page.locator("[data-claimant]").nth(2).waitFor();
    assert.equal(await page.locator("[data-claimant]").count(), 3);
    await assertAccessible(page, "staff case page");
    const step = async (action, status) => {
      await page.locator(`[data-action="${action}"]`).click();
      await page.locator(`[data-status="${status}"]`).waitFor();
    };
    await step("accept", "accepted");
    await step("start_mediation", "mediating");
    // The second worker settles for ¥4,000.
    const ids = await page.locator("[data-claimant]").evaluateAll((rows) => rows.map((r) => r.dataset.claimant));
    await page.locator(`input[name="amount-${ids[1]}"]`).fill("4000");
    await page.locator('input[name="on"]').fill(day(10));
    await step("agree", "agreed");
    await page.locator('input[name="on"]').fill(day(0));
    await step("recover", "recovered");
    await step("follow_up", "follow_up");
    await step("close", "closed");
  } finally {
    await s.close();
  }

  // Each worker sees their own money.
  const mine = async (c) => (await c.get(`/api/rights/cases/${caseId}`)).body.case.mine;
  const m3 = await mine(third);
  assert.equal(m3.agreed_fen, 300000);
  assert.equal(m3.recovered_fen, 300000);
  const w2b = await openBrowser();
  try {
    const { page } = w2b;
    await page.goto(`/login?next=${encodeURIComponent(`/rights/cases/${caseId}`)}`);
    await signInWorker(page, phone2);
    await page.waitForURL(`${BASE}/rights/cases/${caseId}`);
    await page.locator('[data-recovered="400000"]').waitFor();
    await page.locator('[data-agreed="400000"]').waitFor();
    await page.locator('[data-claimed="450000"]').waitFor();
    assert.equal(await page.getByText("6000元").count(), 0, "another's money is not shown");
    await page.getByRole("link", { name: /12348/ }).waitFor();
    await assertAccessible(page, "my case, recovered");
  } finally {
    await w2b.close();
  }

  // The employer's public page shows the wage record.
  const p = await openBrowser();
  try {
    const { page } = p;
    await page.goto(`/jobs/employers/${employer.id}`);
    const record = page.locator("dt", { hasText: "欠薪记录" }).locator("xpath=following-sibling::dd[1]");
    await record.waitFor();
    assert.match(await record.innerText(), /1起欠薪/);
  } finally {
    await p.close();
  }
});

test("journey 3: a mediation clock 15 days past acceptance is on the staff overdue list", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const w = await worker();
  const c = await file(w, t.a.id, { site: { name: "逾期调解项目", address: "雅安市天全县城东路1号", union_id: t.a.id } });
  assert.equal((await act(admin, c.id, { action: "accept" })).status, 200);
  // 16 days pass: backdate the acceptance and the clock the row keeps.
  sql(`UPDATE rights_cases SET accepted_on = '${day(-16)}', next_due_on = '${day(-1)}', next_warn_on = '${day(-4)}' WHERE id = ${c.id}`);
  const s = await staffAt(admin.username, "/admin/rights/overdue");
  try {
    const { page } = s;
    const row = page.locator(`[data-case="${c.id}"]`);
    await row.waitFor();
    assert.equal(await row.locator('[data-clock="mediation"]').getAttribute("data-state"), "overdue");
    assert.match(await row.innerText(), /调解期限\(15日\)已于.*到期,已过1天/);
    await assertAccessible(page, "overdue list");
  } finally {
    await s.close();
  }
});
