// Accounts in Chromium: a worker signs in with a code; staff sign in and are
// sent back where they were going; staff of one district cannot read another's log.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, giveSecondFactor, signInStaff } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { logMark, smsCode, staff, tree, PASSWORD } from "../lib/fixtures.mjs";

test("a worker signs in with a texted code and sees 我的", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    const phone = randomPhone();
    await page.goto("/me");
    await appReady(page);
    await page.getByRole("link", { name: "手机号登录" }).click();
    await page.waitForURL(/\/login\?next=%2Fme/);
    await assertAccessible(page, "login");
    await page.getByLabel("手机号").fill(phone);
    const mark = logMark();
    await page.getByRole("button", { name: "获取验证码" }).click();
    await page.getByText("验证码已发送").waitFor();
    const code = await smsCode(phone, { after: mark });
    await page.getByLabel("短信验证码").fill(code);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.waitForURL(`${BASE}/me`);
    await page.getByText(`${phone.slice(0, 3)}****${phone.slice(7)}`).waitFor();
    await page.getByText("本机").waitFor();
    await assertAccessible(page, "me signed in");
    // The sign-in page is gone; its "send again in 60 s" count must not outlive it.
    await page.waitForTimeout(1500);
    assert.deepEqual(b.errors, []);
    // Still signed in after a reload; the number is remembered after sign-out.
    await page.reload();
    await page.getByText("本机").waitFor();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.getByRole("link", { name: "手机号登录" }).waitFor();
    await page.getByRole("link", { name: "手机号登录" }).click();
    assert.equal(await page.getByLabel("手机号").inputValue(), phone);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a staff member signs in and is sent back to the page they asked for", async () => {
  const s = await staff({ role: "union_admin", unionId: 3 });
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/admin/staff");
    await page.waitForURL(/\/admin\/login\?next=%2Fadmin%2Fstaff/);
    await assertAccessible(page, "admin login");
    await page.getByLabel("用户名").fill(s.username);
    await page.getByLabel("密码").fill("wrong password!");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("用户名或密码不对").waitFor();
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await giveSecondFactor(page, s.username);
    await page.waitForURL(`${BASE}/admin/staff`);
    await page.getByRole("heading", { name: "人员管理" }).waitFor();
    await page.getByText(s.username).waitFor();
    await assertAccessible(page, "admin staff");
    await page.getByRole("link", { name: "概览" }).click();
    await page.getByRole("heading", { name: "瑶海区总工会" }).waitFor();
    await assertAccessible(page, "admin home");
    await page.getByRole("link", { name: "工会", exact: true }).click();
    await page.getByText("瑶海区建筑行业联合工会").waitFor();
    await assertAccessible(page, "admin unions");
    await page.getByRole("link", { name: "操作日志" }).click();
    await page.getByText("staff.create").first().waitFor();
    await assertAccessible(page, "admin audit");
    await page.getByRole("link", { name: "测试干事" }).click();
    await page.getByRole("heading", { name: "我的账号" }).waitFor();
    await page.getByText("本机").waitFor();
    await assertAccessible(page, "admin account");
    // The workspace speaks English from its header too, and remembers it.
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("link", { name: "Overview" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "My account" }).waitFor();
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("link", { name: "概览" }).waitFor();
  } finally {
    await b.close();
  }
});

test("a district-A staff member cannot open district B's audit log", async () => {
  const { p, a, b: sibling } = await tree();
  const boss = await staff({ role: "union_admin", unionId: p.id });
  const aAdmin = await staff({ role: "union_admin", unionId: a.id, creator: boss });
  await staff({ role: "viewer", unionId: sibling.id, creator: boss });
  const br = await openBrowser();
  try {
    const { page } = br;
    await page.goto("/admin/login");
    await appReady(page);
    await signInStaff(page, aAdmin.username);
    await page.waitForURL(`${BASE}/admin`);
    await page.goto(`/admin/audit?union_id=${sibling.id}`);
    await page.getByRole("alert").getByText("没有找到").waitFor();
    assert.equal(await page.getByText("staff.create").count(), 0);
    // Their own subtree's log opens.
    await page.goto(`/admin/audit?union_id=${a.id}`);
    await page.getByRole("heading", { name: "操作日志" }).waitFor();
    assert.equal(await page.getByRole("alert").count(), 0);
  } finally {
    await br.close();
  }
});
