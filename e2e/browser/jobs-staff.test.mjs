// The employer's area and the staff's jobs desk in Chromium: an employer
// registers (its contact phone proven by a texted code), staff of 瑶海区总工会
// verify it, the employer posts a job with the job form and it is live, hires
// an applicant, and the staff figures count the match; a fake-ad report is
// taken down from the moderation queue and the job leaves the list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { Client, randomPhone } from "../lib/client.mjs";
import { logMark, smsCode, staff, uid, worker } from "../lib/fixtures.mjs";
import { liveJob, saveJobCard, verifiedEmployer, YAOHAI } from "../lib/jobs.mjs";
import { uscc } from "../lib/people.mjs";

/** Staff work at a desk: a wide window. */
const DESK = { width: 1280, height: 900 };
/** 瑶海区总工会 in the seed; it looks after employers hiring in 340102. */
const YAOHAI_UNION = 3;
const idem = () => ({ headers: { "idempotency-key": `jobs-staff-${uid()}-${uid()}` } });

/** A staff browser signed in at /admin/login and sent on to `next`. */
async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

/** The 撮合 total on the staff figures page. */
async function matchesShown(page) {
  await page.goto("/admin/jobs/figures");
  const cell = page.locator('td[data-total="matches"]');
  await cell.waitFor();
  return Number(await cell.innerText());
}

test("an employer registers (code for another contact phone), staff verify it, it posts a job; a worker with a job card finds it among their matches with reasons, applies and sees the contact; the employer hires them and the match count rises", async () => {
  const yaohai = await staff({ role: "staff", unionId: YAOHAI_UNION });
  const own = randomPhone();
  const contact = randomPhone();
  const company = `瑶海测试劳务${uid()}有限公司`;
  const code = uscc("340102");
  const b = await openBrowser({ geolocation: { latitude: YAOHAI.lat, longitude: YAOHAI.lng }, permissions: ["geolocation"] });
  const s = await staffAt(yaohai.username, "/admin/jobs/figures");
  try {
    const { page } = b;
    // A visitor is sent to sign in, then back.
    await page.goto("/employer");
    await page.waitForURL(/\/login\?next=%2Femployer/);
    await signInWorker(page, own);
    await page.waitForURL(`${BASE}/employer`);
    await page.getByText("您还没有登记企业").waitFor();
    await assertAccessible(page, "employer, no company yet");
    await page.getByRole("link", { name: "登记一家企业" }).click();
    await page.waitForURL(`${BASE}/employer/register`);

    // The credit code is checked as it is typed, in plain words.
    await page.getByLabel("企业名称(和营业执照上一样)").fill(company);
    const wrongLast = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    await page.getByLabel("统一社会信用代码").fill(wrongLast);
    await page.getByText("最后一位校验码对不上").waitFor();
    await page.getByLabel("统一社会信用代码").fill(code);
    await page.getByText("✓ 代码有效 企业").waitFor();
    await page.getByLabel("联系人").fill("陈经理");
    await page.getByLabel("联系电话", { exact: true }).fill(contact);
    await page.getByLabel("在哪里招工").selectOption("340102");
    // What was typed survives a reload.
    await page.reload();
    assert.equal(await page.getByLabel("企业名称(和营业执照上一样)").inputValue(), company);
    assert.equal(await page.getByLabel("联系电话", { exact: true }).inputValue(), contact);
    await page.getByLabel("在哪里招工").waitFor();
    assert.equal(await page.getByLabel("在哪里招工").inputValue(), "340102");

    // Another number than the account's own: prove it with a texted code.
    await page.getByText("联系电话不是您登录用的手机号").waitFor();
    await page.getByRole("button", { name: "提交登记" }).click();
    await page.getByText("验证码是短信里的6位数字").waitFor();
    await assertAccessible(page, "registration with errors");
    const mark = logMark();
    await page.getByRole("button", { name: "获取验证码" }).click();
    await page.getByText("验证码已发到联系电话").waitFor();
    await page.getByLabel("联系电话收到的验证码").fill(await smsCode(contact, { after: mark }));
    await page.getByRole("button", { name: "提交登记" }).click();
    await page.waitForURL(/\/employer\/\d+$/);
    const employerId = Number(page.url().split("/").pop());
    await page.getByRole("heading", { name: company }).waitFor();
    await page.getByText("正在等瑶海区总工会核实企业").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("gy.draft.employer")), null, "the draft is gone once registered");
    await assertAccessible(page, "employer, pending");

    // Staff of 瑶海区总工会 find it in their queue and verify it.
    const before = await matchesShown(s.page);
    await s.page.goto("/admin/employers");
    const card = s.page.getByRole("article", { name: company });
    await card.getByText(code, { exact: true }).waitFor();
    await card.getByText(contact).waitFor();
    await card.getByText("合肥市 瑶海区 (340102)").waitFor();
    await assertAccessible(s.page, "employer queue");
    // Suspending needs a note: the shared rule says so before anything is sent.
    await card.getByRole("button", { name: "不通过(暂停)" }).click();
    await card.getByText("这一项必须填写").waitFor();
    await card.getByRole("button", { name: "核实通过" }).click();
    await card.getByText("工会已核实", { exact: true }).waitFor();
    assert.equal((await new Client().get(`/api/employers/${employerId}`)).body.employer.status, "verified");

    // The employer posts a job with the job form.
    await page.reload();
    await page.getByText("工会已核实 · 瑶海区总工会").waitFor();
    await page.getByRole("link", { name: "发布岗位" }).click();
    await page.waitForURL(`${BASE}/employer/${employerId}/jobs/new`);
    const title = `招木工${uid()}`;
    await page.getByLabel("岗位名称").fill(title);
    await page.getByLabel("木工", { exact: true }).check();
    await page.getByLabel("最低工资(元)").fill("300");
    await page.getByLabel("最高工资(元)").fill("1500");
    await page.getByLabel("招几个人").fill("2");
    await page.getByLabel("在哪个区县").fill("瑶海区");
    await page.reload();
    assert.equal(await page.getByLabel("岗位名称").inputValue(), title, "the job form's draft survives a reload");
    assert.ok(await page.getByLabel("木工", { exact: true }).isChecked());
    // Wrong input gets its reason beside the field, from the shared rules.
    await page.getByRole("button", { name: "提交岗位" }).click();
    await page.getByText("工资范围太宽").waitFor();
    await page.getByText("请点“用我的位置”,或填写经纬度").first().waitFor();
    await page.getByText("这一项必须填写").first().waitFor();
    await assertAccessible(page, "job form with errors");
    await page.getByLabel("最高工资(元)").fill("350");
    await page.getByText("工友看到的是:300–350元/天 · 日结").waitFor();
    await page.getByRole("button", { name: /用我的位置/ }).click();
    await page.waitForFunction(() => document.querySelector("#field-place\\.lat")?.value.startsWith("31.869"));
    await page.getByLabel("上班时间").fill("7:00–17:00");
    await page.getByLabel("包吃").check();
    assert.equal(await page.getByLabel("联系电话", { exact: true }).inputValue(), contact, "the contact starts as the company's");
    await page.getByRole("button", { name: "提交岗位" }).click();
    await page.waitForURL(new RegExp(`/employer/${employerId}/jobs/\\d+$`));
    const jobId = Number(page.url().split("/").pop());
    await page.getByRole("heading", { name: "状态:招工中" }).waitFor();
    await page.getByText("还没有工友申请。").waitFor();
    await assertAccessible(page, "employer's job page");
    const live = await new Client().get(`/api/jobs/${jobId}`);
    assert.equal(live.status, 200);
    assert.equal(live.body.job.status, "live");
    assert.equal(live.body.job.title, title);
    assert.equal(live.body.job.board, true);
    assert.deepEqual(live.body.job.trades, ["carpenter"]);
    assert.ok((await new Client().get(`/api/jobs?employer_id=${employerId}`)).body.jobs.some((j) => j.id === jobId));
    // The same form edits it.
    await page.locator("summary", { hasText: "修改岗位信息" }).click();
    await page.getByLabel("招几个人").fill("3");
    await page.getByRole("button", { name: "保存修改" }).click();
    await page.getByText("岗位信息已保存").waitFor();
    assert.equal((await new Client().get(`/api/jobs/${jobId}`)).body.job.headcount, 3);

    // A worker with a job card sees the job among their matches, with reasons, applies and sees the contact.
    const wb = await openBrowser({ geolocation: { latitude: YAOHAI.lat, longitude: YAOHAI.lng }, permissions: ["geolocation"] });
    const seeker = randomPhone();
    try {
      const wp = wb.page;
      await wp.goto("/jobs/card");
      await wp.waitForURL(/\/login\?next=/);
      await signInWorker(wp, seeker);
      await wp.waitForURL(`${BASE}/jobs/card`);
      await saveJobCard(wp);
      await wp.getByRole("link", { name: "看看适合我的活" }).click();
      const match = wp.locator(".job", { hasText: title });
      await match.waitFor();
      assert.match(await match.locator(".job-reasons").innerText(), /^工种一致 · \d+ m · 日薪符合期望/);
      await match.getByRole("link").click();
      await wp.getByRole("button", { name: "申请这份工作" }).click();
      await wp.getByRole("link", { name: `打电话 ${contact}` }).waitFor();
      await assertAccessible(wp, "worker's view after applying");
      assert.deepEqual(wb.errors, []);
    } finally {
      await wb.close();
    }
    // The employer calls them and hires them.
    await page.reload();
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(seeker) }) });
    assert.equal(await row.getByRole("link", { name: new RegExp(seeker) }).getAttribute("href"), `tel:${seeker}`);
    await row.getByRole("button", { name: /^已联系/ }).click();
    await row.getByText("已联系", { exact: true }).waitFor();
    await row.getByRole("button", { name: /^录用/ }).click();
    await row.getByText("已录用", { exact: true }).waitFor();
    assert.equal(await row.getByRole("button").count(), 0, "a hire is final");
    const hired = await openBrowser();
    try {
      // The worker's applications page says so.
      await hired.page.goto("/jobs/applications");
      await hired.page.waitForURL(/\/login\?next=/);
      await signInWorker(hired.page, seeker);
      await hired.page.locator(".job", { hasText: title }).getByText(/已录用/).waitFor();
    } finally {
      await hired.close();
    }

    // The staff figures count it as a match (撮合).
    assert.equal(await matchesShown(s.page), before + 1);
    await assertAccessible(s.page, "jobs figures");
    assert.deepEqual(b.errors, []);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await b.close();
  }
});

test("a worker's fake-ad report is taken down from the moderation queue, flagging the employer; the job leaves the list", async () => {
  const yaohai = await staff({ role: "staff", unionId: YAOHAI_UNION });
  const e = await verifiedEmployer(yaohai, YAOHAI_UNION);
  const job = await liveJob(yaohai, e.id, { title: `高薪急招${uid()}` });
  const w = await worker();
  const reported = await w.post(`/api/jobs/${job.id}/reports`, { reason: "charges_fee", note: "要先交500元押金" }, idem());
  assert.equal(reported.status, 200, reported.text);
  const s = await staffAt(yaohai.username, "/admin/job-reports");
  try {
    const { page } = s;
    const report = page.getByRole("article", { name: job.title });
    await report.getByText("要我先交钱").waitFor();
    await report.getByText("要先交500元押金").waitFor();
    await report.getByText(e.name).waitFor();
    await assertAccessible(page, "moderation queue");
    // A decision needs a note.
    await report.getByRole("button", { name: "下架" }).click();
    await report.getByText("这一项必须填写").waitFor();
    await report.getByLabel("核查情况").fill("电话核实,确实要求先交押金");
    await report.getByLabel("同时在企业档案上标记这个问题").check();
    await report.getByRole("button", { name: "下架" }).click();
    await page.getByRole("status").filter({ hasText: `${job.title}:已下架岗位` }).waitFor();
    // Off the queue (other reports of the subtree may still wait there).
    await report.waitFor({ state: "detached" });

    assert.equal((await new Client().get(`/api/jobs/${job.id}`)).status, 404, "the job is gone");
    const listed = await new Client().get(`/api/jobs?employer_id=${e.id}`);
    assert.ok(!listed.body.jobs.some((j) => j.id === job.id));
    const record = (await new Client().get(`/api/employers/${e.id}`)).body.employer;
    assert.equal(record.flags.length, 1);
    assert.equal(record.flags[0].note, "电话核实,确实要求先交押金");

    // The decided report is under 已下架岗位, and the employer's record shows the flag to staff.
    await page.getByRole("button", { name: "已下架岗位" }).click();
    await page.getByRole("article", { name: job.title }).waitFor();
    await page.goto("/admin/employers?status=verified");
    const card = page.getByRole("article", { name: e.name });
    await card.getByText("电话核实,确实要求先交押金").waitFor();
    await card.getByRole("button", { name: "清除标记" }).click();
    await card.getByText("已清除").waitFor();
    await assertAccessible(page, "employer with a cleared flag");
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test("staff register an employer checked in person, post a job for it, notify a matching worker, take it down and back, and run the monthly fair", async () => {
  const yaohai = await staff({ role: "staff", unionId: YAOHAI_UNION });
  const company = `现场核实劳务${uid()}有限公司`;
  const cert = `木工证${uid()}`;
  const w = await worker();
  const card = await w.put("/api/job-card", { trades: [{ trade: "carpenter", years: 8 }], certificates: [cert], expected_wage_fen: 28000, expected_wage_unit: "day", areas: ["瑶海区"], position: YAOHAI, available_from: new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10), visible: true });
  assert.equal(card.status, 200, card.text);
  const s = await staffAt(yaohai.username, "/admin/employers/new");
  try {
    const { page } = s;
    await page.getByText("由瑶海区总工会作保").waitFor();
    await page.getByLabel("企业名称(和营业执照上一样)").fill(company);
    await page.getByLabel("统一社会信用代码").fill(uscc("340102"));
    await page.getByLabel("联系人").fill("李经理");
    await page.getByLabel("联系电话").fill(randomPhone());
    await page.getByLabel("在哪里招工").selectOption("340102");
    await assertAccessible(page, "register in person");
    await page.getByRole("button", { name: "登记并核实" }).click();
    await page.waitForURL(`${BASE}/admin/employers?status=verified`);
    await page.getByRole("article", { name: company }).getByText("工会已核实", { exact: true }).waitFor();
    // Found again by a part of its name.
    await page.getByLabel("按名称或统一社会信用代码查找").fill(company.slice(2, 8));
    await page.getByLabel("按名称或统一社会信用代码查找").press("Enter");
    await page.waitForFunction((n) => { const a = document.querySelectorAll("article.employer"); return a.length === 1 && a[0].textContent.includes(n); }, company);
    await page.getByRole("article", { name: company }).waitFor();

    // A job on its behalf, with the employers' own job form; the employer found by name.
    await page.getByRole("link", { name: "招工", exact: true }).click();
    await page.getByRole("link", { name: "替企业发布岗位" }).click();
    await page.getByLabel(/找企业/).fill(company);
    await page.getByLabel(/找企业/).press("Enter");
    await page.waitForFunction((n) => { const o = [...document.querySelectorAll("#field-employer_id option")].filter((x) => x.value); return o.length === 1 && o[0].textContent === n; }, company);
    await page.getByLabel("替哪家企业发布").selectOption({ label: company });
    const title = `招木工现场${uid()}`;
    await page.getByLabel("岗位名称").fill(title);
    await page.getByLabel("木工", { exact: true }).check();
    await page.getByLabel("最低工资(元)").fill("300");
    await page.getByLabel("最高工资(元)").fill("360");
    await page.getByLabel("招几个人").fill("3");
    await page.getByLabel("在哪个区县").fill("瑶海区");
    // Swapped coordinates are caught by the shared rule.
    await page.getByLabel("纬度").fill(String(YAOHAI.lng));
    await page.getByLabel("经度").fill(String(YAOHAI.lat));
    await page.getByLabel("上班时间").fill("8:00–18:00");
    await page.getByRole("button", { name: "提交岗位" }).click();
    await page.getByText("纬度和经度好像写反了").waitFor();
    await page.getByLabel("纬度").fill(String(YAOHAI.lat));
    await page.getByLabel("经度").fill(String(YAOHAI.lng));
    await assertAccessible(page, "staff job form");
    await page.getByRole("button", { name: "提交岗位" }).click();
    await page.waitForURL(/\/admin\/jobs\/\d+$/);
    const jobId = Number(page.url().split("/").pop());
    await page.getByRole("heading", { name: "状态:招工中" }).waitFor();

    // The worker whose card matches is a candidate, with reasons; staff notify them.
    const candidates = page.getByRole("list", { name: "匹配的工友" });
    const mine = candidates.getByRole("listitem").filter({ hasText: cert });
    await mine.getByText(/工种一致/).waitFor();
    await assertAccessible(page, "staff job page");
    await mine.getByRole("checkbox").check();
    await page.getByRole("button", { name: "通知选中的工友(1)" }).click();
    await page.getByText("已通知 1 人").waitFor();
    const inbox = await w.get("/api/job-invitations");
    assert.ok(inbox.body.invitations.some((i) => i.job.id === jobId), "the worker has the invitation");

    // Take it down, then restore it.
    await page.getByRole("button", { name: "下架" }).click();
    await page.getByRole("heading", { name: "状态:已下架" }).waitFor();
    assert.equal((await new Client().get(`/api/jobs/${jobId}`)).status, 404);
    await page.getByRole("button", { name: "恢复上架" }).click();
    await page.getByRole("heading", { name: "状态:招工中" }).waitFor();
    assert.equal((await new Client().get(`/api/jobs/${jobId}`)).body.job.status, "live");

    // The monthly fair on the 28th, three months running, with the employer taking part.
    const now = new Date(Date.now() + 8 * 3600e3);
    let [y, m] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    if (now.getUTCDate() >= 28) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    const first = `${y}-${String(m).padStart(2, "0")}-28`;
    const fair = `每月28日零工招聘会${uid()}`;
    await page.getByRole("link", { name: "招聘会", exact: true }).click();
    await page.getByLabel("名称").fill(fair);
    await page.getByLabel("地点").fill("瑶海区零工市场(站塘路)");
    await page.getByLabel("日期", { exact: true }).fill(first);
    await page.getByLabel("每月28日重复几个月").fill("2");
    await page.getByLabel(company).check();
    await assertAccessible(page, "job fairs");
    await page.getByRole("button", { name: "发布招聘会" }).click();
    await page.getByText("已发布 3 场招聘会").waitFor();
    await page.getByRole("list", { name: "招聘会" }).getByText(fair).first().waitFor();
    const cal = (await new Client().get(`/api/job-fairs?union_id=${YAOHAI_UNION}&limit=100`)).body.job_fairs.filter((f) => f.name === fair);
    assert.equal(cal.length, 3);
    for (const f of cal) {
      const local = new Date(Date.parse(f.starts_at) + 8 * 3600e3).toISOString();
      assert.equal(local.slice(8, 16), "28T09:00", `${f.starts_at} is 09:00 on the 28th in Shanghai`);
      assert.deepEqual(f.employers.map((e) => e.name), [company]);
    }
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
