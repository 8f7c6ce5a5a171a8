// Ending things from 我的, in Chromium: a member leaves the union with a reason
// and sees it on the timeline (and staff scanning the old card read that it is
// no longer valid); a worker withdraws consent on a pending application and sees
// it withdrawn; a worker downloads all their data, deletes the account, and
// signing in again with the same phone starts a fresh, empty account.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openBrowser, assertAccessible, appReady, openAsStaff, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { staff, tree, uid } from "../lib/fixtures.mjs";
import { form } from "../lib/people.mjs";

/** Signs a fresh worker in on 我的. */
async function signedInAtMe(page, phone = randomPhone()) {
  await page.goto("/login?next=%2Fme");
  await appReady(page);
  await signInWorker(page, phone);
  await page.waitForURL(`${BASE}/me`);
  return phone;
}

/** Sends an enrolment from the page's session, as the phone's outbox would. */
async function applyInPage(page, unionId, f = form()) {
  const r = await page.request.post("/api/membership/applications", {
    data: { union_id: unionId, form: f },
    headers: { "content-type": "application/json", "idempotency-key": `enrol-${uid()}-${uid()}`, origin: BASE },
  });
  assert.equal(r.status(), 200, await r.text());
  return (await r.json()).application;
}

test("a member leaves the union from 我的 with a reason, sees it on the timeline; the old card no longer verifies", async () => {
  const t = await tree();
  const reviewer = await staff({ role: "union_admin", unionId: t.p.id });
  const b = await openBrowser();
  try {
    const { page } = b;
    await signedInAtMe(page);
    const app = await applyInPage(page, t.a.id);
    const d = await reviewer.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
    const memberNo = d.body.results[0].member_no;
    const card = await (await page.request.get("/api/membership/card")).json();

    await page.reload();
    await page.getByRole("link", { name: "退会", exact: true }).click();
    await page.waitForURL(`${BASE}/membership/leave`);
    await page.getByText(memberNo).waitFor();
    await assertAccessible(page, "leave form");
    // The shared rule speaks first: a reason is needed.
    await page.getByRole("button", { name: "确认退会" }).click();
    await page.getByText("请选一个退会原因").waitFor();
    await page.getByText("换了工作或工地").click();
    await page.getByLabel("想对工会说的话(可以不填)").fill("去外地的工地了");
    // What was chosen is kept on the phone across a reload.
    await page.reload();
    assert.equal(await page.getByLabel("想对工会说的话(可以不填)").inputValue(), "去外地的工地了");
    assert.ok(await page.getByRole("radio", { name: /换了工作或工地/ }).isChecked());
    await page.getByRole("button", { name: "确认退会" }).click();

    await page.waitForURL(`${BASE}/membership`);
    await page.getByText(`退出了${t.a.name}(原因:换了工作或工地)`).waitFor();
    await page.getByRole("link", { name: "找一个工会加入" }).waitFor();
    assert.equal(await page.getByText(memberNo, { exact: true }).count(), 0, "no member card any more");
    assert.equal(await page.evaluate(() => localStorage.getItem("gy.draft.leave")), null);
    await assertAccessible(page, "membership after leaving");
    assert.deepEqual(b.errors, []);

    // Staff scanning the old card read that it is no longer valid.
    const v = await openBrowser();
    try {
      await openAsStaff(v.page, card.card.verify_path, reviewer.username);
      await v.page.getByText("这张会员证已经失效").waitFor();
      await assertAccessible(v.page, "verify ended card");
    } finally {
      await v.close();
    }
  } finally {
    await b.close();
  }
});

test("a worker withdraws consent on a pending application, told first what it means, and sees it withdrawn", async () => {
  const t = await tree();
  const b = await openBrowser();
  try {
    const { page } = b;
    await signedInAtMe(page);
    await applyInPage(page, t.a.id);
    await page.reload();
    await page.getByRole("link", { name: "撤回同意", exact: true }).click();
    await page.waitForURL(`${BASE}/membership/consent`);
    // Exactly what withdrawing does, before anything happens.
    await page.getByText("等待审核的入会或转会申请会撤回,申请里的身份证号马上彻底删除。").waitFor();
    await page.getByText("工会只保留不带姓名的记录", { exact: false }).waitFor();
    await assertAccessible(page, "withdraw consent");
    await page.getByRole("button", { name: "确认撤回同意" }).click();
    await page.getByText("请先勾选“我看懂了撤回的后果”").waitFor();
    await page.getByLabel("我看懂了撤回的后果").check();
    await page.getByRole("button", { name: "确认撤回同意" }).click();
    await page.getByRole("heading", { name: "已撤回同意" }).waitFor();
    await page.getByText("撤回的申请:1").waitFor();
    await assertAccessible(page, "consent withdrawn");

    await page.getByRole("link", { name: "查看申请和会籍记录" }).click();
    await page.waitForURL(`${BASE}/membership`);
    await page.getByText("已撤回", { exact: true }).waitFor();
    await page.getByText(`撤回了加入${t.a.name}的申请`).waitFor();
    await assertAccessible(page, "membership after withdrawal");
    const apps = (await (await page.request.get("/api/membership/applications")).json()).applications;
    assert.deepEqual([apps[0].status, apps[0].id_number_masked], ["withdrawn", ""]);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("my data: the export downloads from 我的 with my data in it; after deleting the account the same phone starts afresh", async () => {
  const t = await tree();
  const b = await openBrowser();
  try {
    const { page } = b;
    const phone = await signedInAtMe(page);
    const app = await applyInPage(page, t.a.id);
    await page.reload();
    await page.getByRole("link", { name: "下载我的全部信息" }).waitFor();
    await assertAccessible(page, "me with my data");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下载我的全部信息" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "gongyou-my-data.json");
    const data = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(data.phone, phone);
    assert.equal(data.account.phone_masked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
    assert.deepEqual(data.applications.map((a) => [a.id, a.union_id, a.status]), [[app.id, t.a.id, "pending"]]);
    assert.ok(data.history.timeline.some((e) => e.kind === "applied" && e.union_id === t.a.id));
    assert.match(data.retention, /删除/);

    await page.getByRole("button", { name: "注销账号" }).click();
    await page.getByRole("heading", { name: "确定注销账号吗?" }).waitFor();
    await assertAccessible(page, "delete account confirm");
    await page.getByRole("button", { name: "确定注销" }).click();
    await page.waitForURL(`${BASE}/`);
    assert.equal((await page.request.get("/api/me")).status(), 401, "signed out");

    // The same phone signs in again: a new, empty account.
    await signedInAtMe(page, phone);
    const fresh = await (await page.request.get("/api/me/data")).json();
    assert.equal(fresh.phone, phone);
    assert.notEqual(fresh.account.user_id, data.account.user_id, "a new account");
    assert.deepEqual([fresh.applications, fresh.history.memberships, fresh.history.timeline], [[], [], []]);
    await page.goto("/membership");
    await page.getByRole("link", { name: "找一个工会加入" }).waitFor();
    assert.equal(await page.getByText("我的申请").count(), 0);
    await assertAccessible(page, "membership of the fresh account");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
