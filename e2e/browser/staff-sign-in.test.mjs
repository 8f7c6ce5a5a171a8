// Staff sign-in with the second factor, in Chromium: a new union staff member
// sets up an authenticator (scan the QR code or type the key, give the first
// code, keep the recovery codes) and lands in the workspace; the next sign-in
// asks for the code; a recovery code works in its place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { admin, PASSWORD, uid } from "../lib/fixtures.mjs";
import { nextCode, remember } from "../lib/totp.mjs";

async function passwordStep(page, username) {
  await page.goto("/admin/login");
  await appReady(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
}

test("a new staff member sets up an authenticator at first sign-in, then signs in with its code or a recovery code", async () => {
  const username = `t.browser.${uid()}`;
  const made = await (await admin()).post("/api/admin/staff", { username, display_name: "新干事", role: "staff", union_id: 3, password: PASSWORD });
  assert.equal(made.status, 200, made.text);
  const b = await openBrowser();
  try {
    const { page } = b;
    await passwordStep(page, username);
    await page.getByRole("heading", { name: "绑定身份验证器" }).waitFor();
    await page.getByRole("img", { name: "身份验证器二维码" }).locator("svg").waitFor();
    await assertAccessible(page, "enrolment");
    // The key to type by hand, when the QR code cannot be scanned.
    const key = await page.locator(".enrol-key").innerText();
    assert.match(key, /^([A-Z2-7]{4} )+[A-Z2-7]{4}$/);
    remember(username, key);
    // A wrong code says what to do.
    await page.getByLabel("动态验证码").fill("12");
    await page.getByRole("button", { name: "完成绑定" }).click();
    await page.getByText("请输入身份验证器 App 里的6位数字").waitFor();
    await page.getByLabel("动态验证码").fill(await nextCode(username));
    await page.getByRole("button", { name: "完成绑定" }).click();
    await page.getByRole("heading", { name: "保存恢复码" }).waitFor();
    const codes = await page.locator(".recovery-codes code").allInnerTexts();
    assert.equal(codes.length, 10);
    await assertAccessible(page, "recovery codes");
    await page.getByRole("button", { name: "我已保存,继续" }).click();
    await page.waitForURL(`${BASE}/admin`);
    await page.locator(".admin-shell").waitFor();

    // Signed out, signing in again asks for the code.
    await b.context.clearCookies();
    await passwordStep(page, username);
    await page.getByRole("heading", { name: "第二步:动态验证码" }).waitFor();
    await assertAccessible(page, "code step");
    await page.getByLabel("动态验证码").fill(await nextCode(username));
    await page.getByRole("button", { name: "确认登录" }).click();
    await page.waitForURL(`${BASE}/admin`);

    // Without the phone: a recovery code, once.
    await b.context.clearCookies();
    await passwordStep(page, username);
    await page.getByLabel("动态验证码").fill(codes[0]);
    await page.getByRole("button", { name: "确认登录" }).click();
    await page.waitForURL(`${BASE}/admin`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
