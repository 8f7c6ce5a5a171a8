// Finding work in Chromium: a worker fills a job card, sees a verified
// employer's job among their matches with reasons, applies and sees the
// contact, is hired; search with a 2-character trade; applying with no signal
// sends exactly once; a fake-ad report reaches the staff queue.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { jobBody, liveJob, north, saveJobCard, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";

let t, admin;
before(async () => {
  t = await tree();
  admin = await staff({ role: "union_admin", unionId: t.p.id });
});

/** Signs a worker in from a page that asked for it, and waits to be back. */
async function signIn(page, back) {
  await page.waitForURL(/\/login\?next=/);
  const phone = randomPhone();
  await signInWorker(page, phone);
  await page.waitForURL(`${BASE}${back}`);
  return phone;
}

test("job card → matches with reasons → apply → the contact phone → hired", async () => {
  // An employer whose contact is a signed-in account, with a carpenter job near 瑶海.
  const owner = await worker();
  const e = await verifiedEmployer(admin, t.a.id, { contact_phone: owner.phone });
  const title = `站塘路招木工${uid()}`;
  const job = (await owner.post(`/api/employers/${e.id}/jobs`, jobBody({ title, at: north(2), wage_min_fen: 32000, wage_max_fen: 38000 }), { headers: { "idempotency-key": `b-${uid()}-${uid()}` } })).body.job;
  const before = (await admin.get(`/api/admin/job-figures?union_id=${t.a.id}`)).body.totals.matches;

  const b = await openBrowser({ geolocation: { latitude: YAOHAI.lat, longitude: YAOHAI.lng }, permissions: ["geolocation"] });
  try {
    const { page } = b;
    await page.goto("/jobs/card");
    await appReady(page);
    await signIn(page, "/jobs/card");
    await page.getByRole("heading", { name: "我的求职卡" }).waitFor();
    // What is typed survives a reload.
    await page.getByLabel("期望工资(元)").fill("300");
    await page.reload();
    assert.equal(await page.getByLabel("期望工资(元)").inputValue(), "300");
    await assertAccessible(page, "job card");
    await saveJobCard(page);
    await page.getByRole("link", { name: "看看适合我的活" }).click();
    await page.waitForURL(`${BASE}/jobs/matches`);
    const item = page.locator(".job", { hasText: title });
    await item.waitFor();
    const reasons = await item.locator(".job-reasons").innerText();
    assert.match(reasons, /^工种一致 · 2\.\d km · 日薪高于期望/, reasons);
    await assertAccessible(page, "matches");

    await item.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("申请后可以看到联系电话").waitFor();
    assert.equal(await page.getByRole("link", { name: /打电话/ }).count(), 0, "no phone before applying");
    await assertAccessible(page, "job page");
    await page.getByRole("button", { name: "申请这份工作" }).click();
    const call = page.getByRole("link", { name: /打电话/ });
    await call.waitFor();
    assert.equal(await call.getAttribute("href"), `tel:${job.contact.phone}`);
    await page.getByText("您已申请:已申请").waitFor();

    // The employer marks the hire; the worker sees it, and the union's match count rises.
    const apps = (await owner.get(`/api/employers/${e.id}/jobs/${job.id}/applicants`)).body.applicants;
    assert.equal(apps.length, 1);
    assert.equal((await owner.post(`/api/employers/${e.id}/applications/${apps[0].id}/status`, { status: "hired" })).status, 200);
    await page.goto("/jobs/applications");
    await page.locator(".job", { hasText: title }).getByText(/已录用/).waitFor();
    await assertAccessible(page, "applications");
    const after = (await admin.get(`/api/admin/job-figures?union_id=${t.a.id}`)).body.totals.matches;
    assert.equal(after, before + 1);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("search: 木工 (two characters) finds the job; one character is told to type more", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const title = `急招木工师傅${uid()}`;
  await liveJob(admin, e.id, { title });
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/jobs");
    await appReady(page);
    await page.getByLabel("想找什么活?").fill("木工");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.locator(".job", { hasText: title }).waitFor();
    // Other tests' jobs may match too (by trade or description), never an unrelated one.
    const found = (await (await page.request.get(`/api/jobs?q=${encodeURIComponent("木工")}&limit=50`)).json()).jobs;
    for (const j of found) assert.ok(j.trades.includes("carpenter") || /木工/.test(j.title), j.title);
    await assertAccessible(page, "search");
    await page.getByLabel("想找什么活?").fill("焊");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.getByText("请输入至少两个字的词").waitFor();
    // The job's page from the list, signed out: the phone stays hidden.
    await page.getByLabel("想找什么活?").fill("木工");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.locator(".job", { hasText: title }).getByRole("link").click();
    await page.getByRole("link", { name: "手机号登录后申请" }).waitFor();
    await assertAccessible(page, "job page signed out");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("applying with no signal waits on the phone and is sent exactly once", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const title = `钢筋工${uid()}`;
  const job = await liveJob(admin, e.id, { title, trades: ["rebar_worker"] });
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await page.goto(`/jobs/${job.id}`);
    await appReady(page);
    await page.getByRole("link", { name: "手机号登录后申请" }).click();
    await signIn(page, `/jobs/${job.id}`);
    await page.getByRole("button", { name: "申请这份工作" }).waitFor();
    await context.setOffline(true);
    await page.getByRole("button", { name: "申请这份工作" }).click();
    await page.getByText("没有网络,申请已保存在手机上").waitFor();
    await context.setOffline(false);
    await page.getByText("份提交在等网络").waitFor({ state: "detached" });
    const mine = (await (await page.request.get("/api/job-applications")).json()).applications.filter((a) => a.job.id === job.id);
    assert.equal(mine.length, 1, "exactly one application");
    await page.reload();
    await page.getByRole("link", { name: /打电话/ }).waitFor();
  } finally {
    await b.close();
  }
});

test("a fake-ad report from the job page reaches the union's moderation queue", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const title = `高薪日结${uid()}`;
  const job = await liveJob(admin, e.id, { title });
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto(`/jobs/${job.id}`);
    await appReady(page);
    await page.getByRole("button", { name: "举报虚假或误导信息" }).click();
    await page.getByRole("link", { name: "手机号登录后举报" }).click();
    await signIn(page, `/jobs/${job.id}`);
    await page.getByRole("button", { name: "举报虚假或误导信息" }).click();
    // "Something else" needs a note: the shared rule says so first.
    await page.getByRole("button", { name: "其他问题" }).click();
    await page.getByText("这一项必须填写").waitFor();
    await page.getByLabel(/补充说明/).fill("面试要交300元服装费");
    await page.getByRole("button", { name: "要我先交钱" }).click();
    await page.getByText("谢谢!工会会尽快核查这条招工信息。").waitFor();
    await assertAccessible(page, "reported");
    const queue = (await admin.get("/api/admin/job-reports")).body.reports.filter((r) => r.job.id === job.id);
    assert.equal(queue.length, 1);
    assert.equal(queue[0].reason, "charges_fee");
    assert.equal(queue[0].note, "面试要交300元服装费");
  } finally {
    await b.close();
  }
});

test("job fairs and an employer's record", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  await liveJob(admin, e.id, { title: `招保洁员${uid()}`, trades: ["cleaner"] });
  const starts = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 19) + "Z";
  const ends = new Date(Date.now() + 2 * 86400e3 + 3 * 3600e3).toISOString().slice(0, 19) + "Z";
  const name = `春风行动专场${uid()}`;
  const fair = (await admin.post("/api/admin/job-fairs", { name, place: "瑶海区零工市场", lat: YAOHAI.lat, lng: YAOHAI.lng, union_id: t.a.id, starts_at: starts, ends_at: ends, employer_ids: [e.id] })).body.job_fairs[0];
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/jobs/fairs");
    await appReady(page);
    await page.getByRole("link", { name }).click();
    await page.waitForURL(`${BASE}/jobs/fairs/${fair.id}`);
    await page.getByRole("heading", { level: 1, name }).waitFor();
    await page.getByRole("link", { name: e.name, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: e.name }).waitFor();
    await page.getByText("核实工会").waitFor();
    await page.locator(".job", { hasText: "招保洁员" }).waitFor();
    await assertAccessible(page, "employer record");
  } finally {
    await b.close();
  }
});

test("on a shared phone, a waiting application is sent only for the worker who made it", async () => {
  const e = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, e.id, { title: `共用手机${uid()}` });
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto(`/jobs/${job.id}`);
    await appReady(page);
    await page.getByRole("link", { name: "手机号登录后申请" }).click();
    await signIn(page, `/jobs/${job.id}`);
    // The application cannot get through (the signal drops just for it).
    await page.route("**/api/jobs/*/applications", (r) => r.abort("internetdisconnected"));
    await page.getByRole("button", { name: "申请这份工作" }).click();
    await page.getByText("没有网络,申请已保存在手机上").waitFor();
    // The first worker signs out; a second signs in on the same phone.
    await page.goto("/me");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.goto(`/jobs/${job.id}`);
    await page.getByRole("link", { name: "手机号登录后申请" }).click();
    await signIn(page, `/jobs/${job.id}`);
    await page.unroute("**/api/jobs/*/applications");
    // The outbox tries every 20 s and when the signal returns; neither sends it as the second worker.
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.waitForTimeout(21_000);
    const mine = (await (await page.request.get("/api/job-applications")).json()).applications;
    assert.ok(!mine.some((a) => a.job.id === job.id), "not sent under the second worker's session");
    const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem("gy.outbox")));
    assert.equal(waiting.length, 1, "still waiting for its own worker");
    assert.match(waiting[0].owner, /^user:\d+$/);
  } finally {
    await b.close();
  }
});
