// 找活 in Chromium: the lowest daily wage and the distance as chips, kept in
// the address and on the phone through a reload.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid } from "../lib/fixtures.mjs";
import { liveJob, north, verifiedEmployer } from "../lib/jobs.mjs";

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
