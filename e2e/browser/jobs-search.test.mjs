// 找活 in Chromium: the lowest daily wage and the distance as chips, kept in
// the address and on the phone through a reload; 为我推荐 with a badge for the
// union's invitations the worker has not seen yet.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { day, liveJob, north, verifiedEmployer } from "../lib/jobs.mjs";

let t, admin;
before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
});

test("wage and distance chips narrow the search, and a reload keeps them", async () => {
  const spot = { lat: 29.65, lng: 91.1 }; // 拉萨: only this test's jobs
  const e = await verifiedEmployer(admin, t.a.id);
  const near = await liveJob(admin, e.id, { at: north(2, spot), title: `近处好活${uid()}`, wage_min_fen: 35000, wage_max_fen: 38000 });
  const cheap = await liveJob(admin, e.id, { at: north(5, spot), title: `近处便宜${uid()}`, wage_min_fen: 20000, wage_max_fen: 25000 });
  const far = await liveJob(admin, e.id, { at: north(20, spot), title: `远处好活${uid()}`, wage_min_fen: 40000, wage_max_fen: 45000 });
  const job = (page, j) => page.locator(".job", { hasText: j.title });

  const b = await openBrowser({ geolocation: { latitude: spot.lat, longitude: spot.lng }, permissions: ["geolocation"] });
  try {
    const { page } = b;
    await page.goto("/jobs");
    await appReady(page);
    await page.getByRole("button", { name: "📍 离我近" }).click();
    for (const j of [near, cheap, far]) await job(page, j).waitFor();

    await page.getByRole("button", { name: "300元+" }).click();
    await job(page, cheap).waitFor({ state: "detached" });
    await job(page, far).waitFor();
    await page.getByRole("button", { name: "10公里内" }).click();
    await job(page, far).waitFor({ state: "detached" });
    await job(page, near).waitFor();
    await page.waitForURL(`${BASE}/jobs?min_wage_yuan=300&radius_km=10`);
    await assertAccessible(page, "search with wage and distance");

    await page.reload();
    await job(page, near).waitFor();
    assert.equal(await page.getByRole("button", { name: "300元+" }).getAttribute("aria-pressed"), "true");
    assert.equal(await page.getByRole("button", { name: "10公里内" }).getAttribute("aria-pressed"), "true");
    assert.equal(await job(page, cheap).count(), 0);
    assert.equal(await job(page, far).count(), 0);

    // The address alone (a shared link, a fresh phone) asks the same.
    const other = await b.context.newPage();
    await other.goto("/jobs?min_wage_yuan=400&radius_km=30");
    await job(other, far).waitFor();
    assert.equal(await job(other, near).count(), 0, "¥400 a day: only the far one pays that");
    assert.equal(await other.getByRole("button", { name: "400元+" }).getAttribute("aria-pressed"), "true");

    // 不限 lifts both.
    await page.getByRole("button", { name: "不限", exact: true }).first().click();
    await page.getByRole("button", { name: "不限", exact: true }).last().click();
    await page.waitForURL(`${BASE}/jobs`);
    for (const j of [near, cheap, far]) await job(page, j).waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("staff invite a worker: a badge on 找活's 为我推荐, gone once the page is opened", async () => {
  const spot = { lat: 30.27, lng: 120.15 }; // 杭州: only this test's jobs
  const e = await verifiedEmployer(admin, t.a.id);
  const title = `工会推荐木工${uid()}`;
  const job = await liveJob(admin, e.id, { at: north(1, spot), title });
  const w = await worker();
  const card = { trades: [{ trade: "carpenter", years: 8 }], certificates: [], expected_wage_fen: 30000, expected_wage_unit: "day", areas: ["瑶海区"], position: spot, available_from: day(0), visible: true };
  const cardId = (await w.put("/api/job-card", card)).body.job_card.id;
  assert.deepEqual((await admin.post(`/api/admin/jobs/${job.id}/invitations`, { card_ids: [cardId] })).body, { invited: 1, already: 0 });

  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/jobs/applications");
    await page.waitForURL(/\/login\?next=/);
    await signInWorker(page, w.phone);
    await page.waitForURL(`${BASE}/jobs/applications`);
    await page.goto("/jobs");
    const entry = page.getByRole("link", { name: /为我推荐/ });
    await entry.locator(".badge").getByText("1", { exact: true }).waitFor();
    assert.match(await entry.innerText(), /为我推荐\s*1/);
    await assertAccessible(page, "找活 with a badge");

    const seen = page.waitForResponse((r) => r.url().endsWith("/api/job-invitations/seen") && r.status() === 200);
    await entry.click();
    await page.waitForURL(`${BASE}/jobs/matches`);
    await page.getByRole("heading", { level: 1, name: "为我推荐" }).waitFor();
    await page.getByRole("region", { name: "工会推荐给您" }).locator(".job", { hasText: title }).waitFor();
    await seen;
    await assertAccessible(page, "为我推荐");

    // A fresh load of 找活 (the count is asked for once the page is up).
    const counted = page.waitForResponse((r) => r.url().endsWith("/api/job-invitations/unseen"));
    await page.goto("/jobs");
    assert.deepEqual(await (await counted).json(), { unseen: 0 });
    await page.getByRole("link", { name: /为我推荐/ }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.getByRole("link", { name: /为我推荐/ }).locator(".badge").count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
