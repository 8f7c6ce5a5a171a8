// Joining the union in Chromium: a QR poster's link → sign in → the enrolment
// form (kept across a reload) → sent with no signal → delivered once, even when
// the first reply is lost → approved → the member card, whose QR link staff verify.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { staff, tree } from "../lib/fixtures.mjs";
import { idNumber } from "../lib/people.mjs";

test("scan → sign in → fill → offline → submit → online: exactly one application; approved, the card's QR verifies", async () => {
  const t = await tree();
  const reviewer = await staff({ role: "staff", unionId: t.a.id });
  const b = await openBrowser();
  try {
    const { page, context } = b;
    // The poster's QR code leads here; the union is named before anything is asked.
    await page.goto(`/join/${t.a.join_code}`);
    await appReady(page);
    await page.getByRole("heading", { name: `加入 ${t.a.name}` }).waitFor();
    await assertAccessible(page, "join signed out");
    await page.getByRole("link", { name: "手机号登录后填写" }).click();
    await page.waitForURL(/\/login\?next=/);
    await signInWorker(page, randomPhone());
    await page.waitForURL(`${BASE}/join/${t.a.join_code}`);
    await page.getByRole("heading", { name: "入会登记表" }).waitFor();

    // Typing is kept on the phone: a reload loses nothing.
    const id = idNumber({ birth: "19790305", female: true });
    await page.getByLabel("姓名(和身份证上一样)").fill("李秀英");
    await page.getByLabel("身份证号", { exact: true }).fill(id);
    await page.getByText("已从身份证号读出:女 · 1979-03-05").waitFor();
    await page.getByLabel("籍贯(老家在哪个省市)").fill("四川省雅安市天全县");
    await page.reload();
    await page.getByRole("heading", { name: "入会登记表" }).waitFor();
    assert.equal(await page.getByLabel("姓名(和身份证上一样)").inputValue(), "李秀英");
    assert.equal(await page.getByLabel("身份证号", { exact: true }).inputValue(), id);
    assert.equal(await page.getByLabel("性别").inputValue(), "female");
    assert.equal(await page.getByLabel("出生日期").inputValue(), "1979-03-05");

    await page.getByLabel("现在的工作单位或项目").fill("瑶海区某保洁公司");
    await page.getByLabel("工种").selectOption("cleaner");
    await page.getByText("没有固定单位,自己找活干,比如打零工").click();
    await page.getByLabel("联系地址(现在住哪里)").fill("合肥市瑶海区站塘路");
    await assertAccessible(page, "enrolment form");
    // The shared rules speak first: the consent box is never ticked for the worker.
    await page.getByRole("button", { name: "提交入会申请" }).click();
    await page.getByText("勾选同意后再提交", { exact: false }).waitFor();
    await page.getByRole("checkbox").check();

    // No signal: the form waits on the phone.
    await context.setOffline(true);
    await page.getByRole("button", { name: "提交入会申请" }).click();
    await page.getByRole("heading", { name: "已保存在手机上" }).waitFor();
    await page.getByText("1 份提交在等网络").waitFor();

    // The request had in fact reached the server before the signal dropped
    // (only the reply was lost): the server has it under the phone's key.
    const [waiting] = await page.evaluate(() => JSON.parse(localStorage.getItem("gy.outbox")));
    assert.equal(waiting.kind, "enrolment");
    const first = await page.request.post(waiting.path, { data: waiting.body, headers: { "content-type": "application/json", "idempotency-key": waiting.key, origin: BASE } });
    assert.equal(first.status(), 200, await first.text());
    // The signal returns: the phone sends it again with the same key, and the server answers as before.
    await context.setOffline(false);
    await page.getByText("份提交在等网络").waitFor({ state: "detached" });

    const mine = await page.request.get("/api/membership/applications");
    const apps = (await mine.json()).applications;
    assert.equal(apps.length, 1, "exactly one application");
    assert.equal(apps[0].union.id, t.a.id);
    assert.equal(apps[0].status, "pending");

    // 会员: the outcome is shown and the draft is gone.
    await page.goto("/membership");
    await page.getByText(`申请已经送到:${t.a.name}`).waitFor();
    await page.getByText("等待审核").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem("gy.draft.enrolment")), null);
    await assertAccessible(page, "membership pending");

    // Staff approve; the member card shows, with its QR code.
    const decided = await reviewer.post(`/api/admin/applications/${apps[0].id}/decision`, { decision: "approve", reason: "" });
    assert.equal(decided.status, 200, decided.text);
    const memberNo = decided.body.results[0].member_no;
    await page.reload();
    await page.getByRole("heading", { name: "工会会员证" }).waitFor();
    await page.getByText(memberNo, { exact: true }).waitFor();
    assert.ok(await page.locator(".member-card-qr svg").count(), "the QR code is drawn");
    await page.getByText(`成为${t.a.name}会员,会员编号${memberNo}`).waitFor();
    await assertAccessible(page, "member card");
    // The card shows with no signal too.
    await context.setOffline(true);
    await page.reload().catch(() => {});
    await page.getByText(memberNo, { exact: true }).waitFor();
    await context.setOffline(false);

    // Staff scan the QR code: its link opens the check, after a staff sign-in.
    const card = await (await page.request.get("/api/membership/card")).json();
    const s = await openBrowser();
    try {
      await s.page.goto(card.card.verify_path);
      await s.page.waitForURL(/\/admin\/login\?next=/);
      await signInStaff(s.page, reviewer.username);
      await s.page.waitForURL(`${BASE}${card.card.verify_path}`);
      await s.page.getByText(`${t.a.name}的有效会员`).waitFor();
      await assertAccessible(s.page, "verify valid");
      // A changed link is not a card.
      await s.page.goto(card.card.verify_path.replace(/sig=(.)/, (m, c) => `sig=${c === "0" ? "1" : "0"}`));
      await s.page.getByText("这不是有效的会员证二维码").waitFor();
    } finally {
      await s.close();
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("without a QR code: pick an area, get the area's unions with reasons", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/join");
    await appReady(page);
    await page.getByLabel("所在地区").selectOption("340102");
    await page.getByLabel("工种(可以不选)").selectOption("carpenter");
    await page.getByRole("button", { name: "找工会" }).click();
    const list = page.getByRole("list", { name: "可以加入的工会" });
    await list.getByRole("heading", { name: "瑶海区建筑行业联合工会" }).waitFor();
    await assertAccessible(page, "find a union");
    await list.getByRole("link", { name: "加入这个工会" }).first().click();
    await page.waitForURL(/\/join\/[A-Z0-9]+$/);
    await page.getByRole("link", { name: "手机号登录后填写" }).waitFor();
  } finally {
    await b.close();
  }
});
