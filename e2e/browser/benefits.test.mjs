// Benefits in Chromium, both sides. (a) A member runs the hardship self-check
// (the numbers shown), applies with a photo on the one form that reuses her
// enrolment profile, reloads mid-form and finds the draft and the photo,
// submits with no signal and again online — one application, with its photo;
// staff review it and ask for one more document, which she adds to the same
// application; they approve it and record the payment, and she sees each new
// status in plain words. (b) Staff create a programme with the form (the
// shared rule names a bad field first) and pause it: it leaves the worker's list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openBrowser, assertAccessible, appReady, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid } from "../lib/fixtures.mjs";
import { day } from "../lib/jobs.mjs";
import { createProgramme, member } from "../lib/benefits.mjs";

const DESK = { width: 1280, height: 900 };
const PHOTO = readFileSync(new URL("../../public/icons/icon-192.png", import.meta.url));

async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

/** Speech synthesis that records what it is asked to say (as easy-mode's test does). */
const STUB_SPEECH = `(() => {
  window.__spoken = [];
  speechSynthesis.getVoices = () => [{ lang: "zh-CN", name: "测试中文" }];
  speechSynthesis.speak = (u) => window.__spoken.push(u.text);
  speechSynthesis.cancel = () => {};
})();`;

async function workerAt(phone, next) {
  const b = await openBrowser();
  await b.context.addInitScript(STUB_SPEECH);
  await b.page.goto(`/login?next=${encodeURIComponent(next)}`);
  await appReady(b.page);
  await signInWorker(b.page, phone);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

test("journey (a): self-check → one form from the profile with a photo → draft kept over a reload → sent offline, then online, once → staff approve and pay → she sees each status", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  // ¥1,000 低保: 4 people on (¥48,000 − ¥12,000) a year is ¥750 each a month, 深度困难.
  const programme = await createProgramme(admin, t.a.id, { name: `困难职工帮扶${uid()}`, dibao_fen: 100000 });
  const m = await member(admin, t.a.id);
  const b = await workerAt(m.phone, "/services");
  try {
    const { page, context } = b;
    await page.getByRole("heading", { name: "帮扶与救助" }).waitFor();
    await page.getByRole("link", { name: "我能申请的帮扶" }).click();
    await page.waitForURL(`${BASE}/services/benefits`);
    const item = page.locator(".programme", { hasText: programme.name });
    await item.waitFor();
    assert.match(await item.innerText(), /最高5000元/);
    await assertAccessible(page, "programmes open to me");

    // The self-check shows its working.
    await item.getByRole("link", { name: "先自测是否符合" }).click();
    await page.waitForURL(`${BASE}/services/benefits/${programme.id}/check`);
    await page.getByLabel("家里一共几口人(含您)").fill("4");
    await page.getByLabel("全家一年的收入(元)").fill("48000");
    await page.getByLabel("一年的刚性支出(元)").fill("12000");
    await page.getByRole("button", { name: "算一算" }).click();
    const result = page.getByTestId("self-check");
    await result.getByRole("heading", { name: "结果:深度困难" }).waitFor();
    assert.equal(await result.getByTestId("figure").innerText(), "¥750");
    assert.match(await result.innerText(), /\(年收入 ¥48000 − 刚性支出 ¥12000\) ÷ 12 ÷ 4 人 = 每人每月 ¥750;本地低保 ¥1000/);
    await assertAccessible(page, "self-check result");

    // A positive check fills the form; the profile is not typed again.
    await result.getByRole("button", { name: "用这些数字申请" }).click();
    await page.waitForURL(`${BASE}/services/benefits/${programme.id}/apply`);
    const profile = page.getByTestId("profile");
    await profile.getByText(m.form.name).waitFor();
    assert.match(await profile.innerText(), new RegExp(t.a.name));
    assert.equal(await page.getByLabel("家里一共几口人(含您)").inputValue(), "4");
    assert.equal(await page.getByLabel("全家一年的收入(元)").inputValue(), "48000");
    assert.equal(await page.getByLabel("身份证号").count(), 0, "a member never types the ID number again");
    // The shared rule names a bad field before anything is sent.
    await page.getByLabel("困难原因").selectOption("illness");
    await page.getByLabel("收款银行卡号").fill("12");
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.locator("#field-details\\.bank_account-error").getByText(/12到30位数字/).waitFor();
    await page.getByLabel("收款银行卡号").fill("6222 0212 3456 7890 123");
    await page.getByLabel("材料照片或PDF").setInputFiles({ name: "收据.png", mimeType: "image/png", buffer: PHOTO });
    await page.locator(".attach-item").getByText("已上传").waitFor();
    await assertAccessible(page, "application form");

    // A reload keeps the draft and the photo.
    await page.reload();
    await page.getByRole("button", { name: "提交申请" }).waitFor();
    assert.equal(await page.getByLabel("家里一共几口人(含您)").inputValue(), "4");
    assert.equal(await page.getByLabel("收款银行卡号").inputValue(), "6222 0212 3456 7890 123");
    assert.equal(await page.getByLabel("困难原因").inputValue(), "illness");
    await page.locator(".attach-item").getByText("已上传").waitFor();

    // No signal: it waits on the phone; online again, it is created once.
    await context.setOffline(true);
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByRole("heading", { name: "已保存在手机上" }).waitFor();
    await page.getByText("1 份提交在等网络").waitFor();
    await context.setOffline(false);
    await page.getByText("份提交在等网络").waitFor({ state: "detached" });
    const mine = (await (await page.request.get("/api/benefits/applications")).json()).applications.filter((a) => a.programme_id === programme.id);
    assert.equal(mine.length, 1, "exactly one application");
    const one = (await (await page.request.get(`/api/benefits/applications/${mine[0].id}`)).json()).application;
    assert.equal(one.attachments.length, 1, "the photo is linked");
    assert.equal(one.name, m.form.name);
    assert.equal(one.facts.bank_account_masked, "**** 0123");
    assert.equal(one.self_check.category, "deep");

    await page.getByRole("link", { name: "查看我的帮扶申请" }).click();
    await page.waitForURL(`${BASE}/services/benefits/mine`);
    await page.getByText(`申请已经送到:${programme.name}`).waitFor();
    const card = page.locator(`[data-application="${one.id}"]`);
    assert.equal(await card.getByTestId("status").innerText(), "已提交");
    await card.getByText("工会审核您的申请,有结果会发短信告诉您").waitFor();
    // 🔊 reads the status, the next step and who handles it.
    await card.getByRole("button", { name: "朗读", exact: true }).click();
    const said = (await page.evaluate(() => window.__spoken)).join("");
    assert.ok(said.startsWith(`${programme.name},已提交。`), said);
    assert.match(said, /下一步:工会审核您的申请/);
    assert.match(said, new RegExp(`由${t.a.name}工作人员办理`));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `gy.draft.benefit.${programme.id}`), null, "the draft is gone once the server has it");
    await assertAccessible(page, "my applications");

    // Staff review, approve ¥2,000 and record the payment.
    const desk = await staffAt(admin.username, "/admin/benefit-applications");
    try {
      const p = desk.page;
      await p.getByRole("heading", { name: "帮扶申请审核" }).waitFor();
      await p.getByRole("link", { name: m.form.name }).click();
      await p.waitForURL(`${BASE}/admin/benefit-applications/${one.id}`);
      await p.getByRole("list", { name: "材料" }).getByRole("link").waitFor();
      await assertAccessible(p, "an application for staff");
      await p.getByRole("button", { name: "开始审核" }).click();
      await p.getByTestId("status").getByText("审核中").waitFor();
      // One more document is asked for; she adds its photo to the same application.
      await p.getByLabel("还缺哪些材料(一行一项)").fill("出院小结");
      await p.getByRole("button", { name: "发给申请人" }).click();
      await p.getByTestId("status").getByText("需补材料").waitFor();
      await page.reload();
      await card.getByTestId("status").getByText("需补材料").waitFor();
      await card.getByText("还需要补交材料:出院小结").waitFor();
      await card.getByLabel("补交材料的照片或PDF").setInputFiles({ name: "出院小结.png", mimeType: "image/png", buffer: PHOTO });
      await card.locator(".attach-item").getByText("已上传").waitFor();
      await assertAccessible(page, "documents asked for");
      await card.getByRole("button", { name: "已补交" }).click();
      await card.getByTestId("status").getByText("审核中").waitFor();
      await p.reload();
      await p.getByTestId("status").getByText("审核中").waitFor();
      assert.equal(await p.getByRole("list", { name: "材料" }).getByRole("link").count(), 2, "both photos are on the application");
      await p.getByLabel("批准金额(元)").fill("9000");
      await p.getByRole("button", { name: "批准", exact: true }).click();
      await p.locator("#field-amount_fen-error").waitFor();
      await p.getByLabel("批准金额(元)").fill("2000");
      await p.getByRole("button", { name: "批准", exact: true }).click();
      await p.getByTestId("status").getByText("已批准").waitFor();
      await page.reload();
      await card.getByTestId("status").getByText("已批准").waitFor();
      await card.getByText("已批准,金额2000元").waitFor();
      await p.getByRole("button", { name: "记录发放" }).click();
      await p.getByTestId("status").getByText("已发放").waitFor();
      assert.deepEqual(desk.errors, []);
    } finally {
      await desk.close();
    }
    await page.reload();
    await card.getByTestId("status").getByText("已发放").waitFor();
    assert.match(await card.getByTestId("words").innerText(), /^已发放2000元,\d{4}年\d+月\d+日,银行转账$/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("journey (b): staff create a programme with the form and pause it; it leaves the worker's list", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const m = await member(admin, t.a.id);
  const desk = await staffAt(admin.username, "/admin/benefits");
  const w = await workerAt(m.phone, "/services/benefits");
  try {
    const p = desk.page;
    await p.getByRole("heading", { name: "帮扶项目" }).waitFor();
    await p.getByRole("link", { name: "新建帮扶项目" }).click();
    await p.waitForURL(`${BASE}/admin/benefits/new`);
    const name = `冬送温暖困难帮扶${uid()}`;
    await p.getByLabel("项目名称").fill("困");
    await p.getByLabel("申请条件(用大白话写)").fill("家庭人均月收入低于本地低保两倍的会员");
    await p.getByLabel("金额(元)", { exact: true }).fill("3000");
    await p.getByLabel("申请截止").fill(day(20));
    await p.getByLabel("总预算(元)").fill("100000");
    await p.getByLabel("名额").fill("20");
    await p.getByLabel("本地低保标准(元/人/月)").fill("1000");
    await p.getByRole("button", { name: "保存" }).click();
    await p.locator("#field-name-error").waitFor();
    await assertAccessible(p, "programme form with an error");
    await p.getByLabel("项目名称").fill(name);
    await p.getByRole("button", { name: "保存" }).click();
    await p.waitForURL(/\/admin\/benefits\/\d+$/);
    await p.getByRole("heading", { name }).waitFor();
    assert.equal(await p.getByTestId("programme-status").innerText(), "接受申请");
    await assertAccessible(p, "programme page");

    // Open: the member of a union below sees it.
    const page = w.page;
    await page.reload();
    await page.locator(".programme", { hasText: name }).waitFor();

    await p.getByRole("button", { name: "暂停受理" }).click();
    await p.getByTestId("programme-status").getByText("暂停受理").waitFor();
    await p.getByRole("button", { name: "恢复受理" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "我能申请的帮扶" }).waitFor();
    await page.getByText("现在没有您能申请的帮扶项目").waitFor();
    assert.equal(await page.locator(".programme", { hasText: name }).count(), 0, "a paused programme is not offered");
    // In the staff list it shows as paused.
    await p.getByRole("link", { name: "‹ 全部帮扶项目" }).click();
    const row = p.locator("li.row", { hasText: name });
    assert.equal(await row.getByTestId("programme-status").innerText(), "暂停受理");
    assert.deepEqual(desk.errors, []);
    assert.deepEqual(w.errors, []);
  } finally {
    await desk.close();
    await w.close();
  }
});
