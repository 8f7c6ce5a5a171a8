// Joining the union in Chromium: a QR poster's link → sign in → the enrolment
// form (kept across a reload) → sent with no signal → delivered once, even when
// the first reply is lost → approved → the member card, whose QR link staff verify.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, openAsStaff, signInStaff, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { admin, staff, tree, uid, union, worker } from "../lib/fixtures.mjs";
import { form, idNumber } from "../lib/people.mjs";

/** Staff work at a desk: a wide window. */
const DESK = { width: 1280, height: 900 };

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

    // Staff open the review queue in their workspace (signing in first) and approve it there.
    const masked = apps[0].id_number_masked;
    const s = await openBrowser({ viewport: DESK });
    let memberNo;
    try {
      await s.page.goto("/admin/applications");
      await s.page.waitForURL(/\/admin\/login\?next=/);
      await signInStaff(s.page, reviewer.username);
      await s.page.waitForURL(`${BASE}/admin/applications`);
      const item = s.page.getByRole("article", { name: "李秀英" });
      await item.getByText(masked, { exact: true }).waitFor();
      await item.getByText("四川省雅安市天全县").waitFor();
      assert.equal(await s.page.getByText(id, { exact: true }).count(), 0, "the full number is not shown unasked");
      await assertAccessible(s.page, "review queue");
      // The full number on request only, and the look is written to the audit log.
      await item.getByRole("button", { name: "显示完整号码 李秀英" }).click();
      await item.getByText(id, { exact: true }).waitFor();
      await item.getByRole("button", { name: "通过", exact: true }).click();
      const done = s.page.getByRole("status").filter({ hasText: "李秀英:已通过" });
      memberNo = (await done.innerText()).match(/会员编号 (\S+)/)[1];
      await s.page.getByText("没有等待审核的申请。").waitFor();
      const log = await (await admin()).get(`/api/admin/audit?union_id=${t.a.id}`);
      assert.ok(log.body.entries.some((e) => e.action === "id_number.reveal" && e.target_id === String(apps[0].id)));
      assert.ok(log.body.entries.some((e) => e.action === "membership.approve" && e.target_id === String(apps[0].id)));
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
    assert.match(memberNo, new RegExp(`^${t.a.code}-\\d{4}-000001$`));

    // The worker's 会员 page now shows the card, with its QR code.
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
    const v = await openBrowser();
    try {
      await openAsStaff(v.page, card.card.verify_path, reviewer.username);
      await v.page.getByText(`${t.a.name}的有效会员`).waitFor();
      await assertAccessible(v.page, "verify valid");
      // A changed link is not a card.
      await v.page.goto(card.card.verify_path.replace(/sig=(.)/, (m, c) => `sig=${c === "0" ? "1" : "0"}`));
      await v.page.getByText("这不是有效的会员证二维码").waitFor();
    } finally {
      await v.close();
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

/** Sends an enrolment for `w` to `unionId` through the API, as the phone would. */
async function applyVia(w, unionId, f) {
  const r = await w.post("/api/membership/applications", { union_id: unionId, form: f }, { headers: { "idempotency-key": `enrol-${uid()}-${uid()}` } });
  assert.equal(r.status, 200, r.text);
  return r.body.application;
}

/** A staff browser signed in at /admin/login and sent on to `next`. */
async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

test("staff tick two applications and approve them at once; a rejection needs a reason, which the worker reads", async () => {
  const t = await tree();
  const reviewer = await staff({ role: "staff", unionId: t.a.id });
  const people = ["张卫东", "刘桂兰", "陈小军"];
  const workers = [];
  for (const name of people) {
    const w = await worker();
    w.app = await applyVia(w, t.a.id, form({ name }));
    workers.push(w);
  }
  // An application to the sibling union is outside this reviewer's subtree.
  await applyVia(await worker(), t.b.id, form({ name: "赵德明" }));
  const b = await staffAt(reviewer.username, "/admin/applications");
  try {
    const { page } = b;
    await page.getByRole("article", { name: "陈小军" }).waitFor();
    assert.equal(await page.getByRole("article").count(), 3);
    assert.equal(await page.getByRole("article", { name: "赵德明" }).count(), 0, "staff see only their subtree");
    await page.getByRole("checkbox", { name: "选中 张卫东" }).check();
    await page.getByRole("checkbox", { name: "选中 刘桂兰" }).check();
    await assertAccessible(page, "queue with two ticked");
    await page.getByRole("button", { name: "通过选中的申请(2份)" }).click();
    const notice = page.getByRole("status").filter({ hasText: "已处理 2 份" });
    await notice.getByText(/张卫东:已通过,会员编号 /).waitFor();
    await notice.getByText(/刘桂兰:已通过,会员编号 /).waitFor();
    assert.equal(await page.getByRole("article").count(), 1);

    // Rejecting says why, in the shared rule's words when it is left out.
    const last = page.getByRole("article", { name: "陈小军" });
    await last.getByRole("button", { name: "不通过…" }).click();
    await last.getByRole("button", { name: "确定不通过" }).click();
    await last.getByText("请写明没通过的原因,申请人会看到").waitFor();
    await assertAccessible(page, "reject without a reason");
    await last.getByLabel("不通过的原因(申请人会看到)").fill("请补充现在的工地名称");
    await last.getByRole("button", { name: "确定不通过" }).click();
    await page.getByText("陈小军:没有通过,已告诉申请人原因").waitFor();
    await page.getByText("没有等待审核的申请。").waitFor();

    for (const w of workers.slice(0, 2)) {
      const card = await w.get("/api/membership/card");
      assert.equal(card.status, 200, card.text);
      assert.equal(card.body.card.union_name, t.a.name);
    }
    const seen = (await workers[2].get("/api/membership/applications")).body.applications[0];
    assert.deepEqual([seen.status, seen.rejection_reason], ["rejected", "请补充现在的工地名称"]);

    // The members list shows the two, masked; a full number only on request.
    await page.getByRole("link", { name: "会员", exact: true }).click();
    await page.waitForURL(`${BASE}/admin/members`);
    const list = page.getByRole("list", { name: "会员" });
    const row = list.getByRole("listitem").filter({ hasText: "张卫东" });
    await row.getByText(workers[0].app.id_number_masked, { exact: true }).waitFor();
    assert.equal(await list.getByRole("listitem").count(), 2);
    await assertAccessible(page, "members");
    await row.getByRole("button", { name: "显示完整号码 张卫东" }).click();
    await row.getByRole("button", { name: "隐藏" }).waitFor();
    const plain = (await row.locator(".id-digits").innerText()).trim();
    assert.match(plain, /^\d{17}[\dX]$/);
    assert.equal(plain.slice(0, 6), workers[0].app.id_number_masked.replace(/\*+$/, ""));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a union admin closes a project union: its member moves to the fallback union, with the history on their 会员 page", async () => {
  const t = await tree();
  const boss = await staff({ role: "union_admin", unionId: t.p.id });
  const project = await union({ parent_id: t.p.id, name: `测试站塘路${uid()}项目工会`, level: "grassroots", kind: "project", project_starts_on: "2025-01-01", project_ends_on: "2030-12-31", fallback_union_id: t.a.id }, boss);
  const w = await worker();
  const app = await applyVia(w, project.id, form({ name: "孙长河" }));
  const decided = await boss.post(`/api/admin/applications/${app.id}/decision`, { decision: "approve", reason: "" });
  const oldNo = decided.body.results[0].member_no;

  const b = await staffAt(boss.username, "/admin/unions");
  try {
    const { page } = b;
    await page.getByRole("link", { name: `${project.name} 关闭工会` }).click();
    await page.waitForURL(`${BASE}/admin/unions/${project.id}/close`);
    await page.getByText(/现有会员 1 人/).waitFor();
    // The designated fallback is chosen already; its siblings are offered too.
    assert.ok(await page.getByRole("radio", { name: new RegExp(t.a.name) }).isChecked());
    assert.equal(await page.getByRole("radio", { name: new RegExp(t.b.name) }).isChecked(), false);
    await assertAccessible(page, "close a union");
    await page.getByRole("button", { name: "关闭这个工会…" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByText(`1 名会员会转到 ${t.a.name}`).waitFor();
    await confirm.getByRole("button", { name: "确定关闭" }).click();
    await page.getByRole("heading", { name: `已关闭 ${project.name}` }).waitFor();
    await page.getByText(/1 名会员已转到/).waitFor();
    await assertAccessible(page, "union closed");

    // Straight to the fallback union's members: the worker is there, with a new number.
    await page.getByRole("button", { name: "查看转入后的会员名册" }).click();
    await page.waitForURL(`${BASE}/admin/members`);
    const row = page.getByRole("list", { name: "会员" }).getByRole("listitem").filter({ hasText: "孙长河" });
    await row.getByText(new RegExp(`^${t.a.code}-\\d{4}-000001$`)).waitFor();

    // The figures of the district show the move both ways, and the join.
    await page.getByRole("button", { name: /管辖范围/ }).click();
    await page.getByRole("button", { name: "回到本级工会" }).click();
    await page.getByRole("button", { name: "完成" }).click();
    await page.getByRole("link", { name: "会员统计" }).click();
    await page.waitForURL(`${BASE}/admin/membership/figures`);
    const table = page.getByRole("table");
    const cells = async (name) => (await table.getByRole("row").filter({ hasText: name }).getByRole("cell").allInnerTexts()).map((c) => c.trim());
    await table.getByRole("row").filter({ hasText: project.name }).waitFor();
    // 新入会, 转入, 转出, 兜底转入, 关闭转出, 退会 (after the month)
    assert.deepEqual((await cells(project.name)).slice(1), ["1", "0", "0", "0", "1", "0"]);
    assert.deepEqual((await cells(t.a.name)).slice(1), ["0", "0", "0", "1", "0", "0"]);
    await assertAccessible(page, "figures");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }

  // The worker, on their phone: the card is the fallback union's, and the history is kept.
  const m = await openBrowser();
  try {
    const { page } = m;
    await page.goto("/membership");
    await page.waitForURL(/\/login\?next=/);
    await signInWorker(page, w.phone);
    await page.waitForURL(`${BASE}/membership`);
    const card = page.locator(".member-card");
    await card.getByText(t.a.name, { exact: true }).waitFor();
    await card.getByText(new RegExp(`^${t.a.code}-\\d{4}-000001$`)).waitFor();
    const timeline = page.locator(".timeline");
    await timeline.getByText(`${project.name}关闭了,会籍转到${t.a.name}`).waitFor();
    await timeline.getByText(`成为${project.name}会员,会员编号${oldNo}`).waitFor();
    await assertAccessible(page, "membership after closure");
    assert.deepEqual(m.errors, []);
  } finally {
    await m.close();
  }
});

test("each union's join poster: printable, with the QR code of its join page", async () => {
  const t = await tree();
  const s = await staff({ role: "staff", unionId: t.p.id });
  const b = await staffAt(s.username, "/admin/unions");
  try {
    const { page } = b;
    await page.getByRole("link", { name: `${t.a.name} 入会海报` }).click();
    await page.waitForURL(`${BASE}/admin/unions/${t.a.id}/poster`);
    await page.getByRole("heading", { name: t.a.name }).waitFor();
    const qr = page.getByRole("img", { name: "入会二维码" });
    await qr.waitFor();
    await page.waitForFunction(() => document.querySelector(".poster-qr")?.naturalWidth > 0);
    const svg = await page.request.get(await qr.getAttribute("src"));
    assert.equal(svg.status(), 200);
    assert.match(await svg.text(), /<svg[\s\S]*(<path|<rect)[\s\S]*<\/svg>/);
    await page.getByText(`${BASE}/join/${t.a.join_code}`).waitFor();
    await page.getByRole("button", { name: "打印海报" }).waitFor();
    await assertAccessible(page, "join poster");
    // Staff only, and only for unions they look after.
    assert.equal(svg.headers()["content-type"]?.startsWith("image/svg+xml"), true);
    const outside = await page.request.get(`/api/admin/unions/1/poster.svg`);
    assert.equal(outside.status(), 404);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("staff see that an application's ID number is already a member's on another account", async () => {
  const t = await tree();
  const reviewer = await staff({ role: "staff", unionId: t.p.id });
  const real = form({ name: "孙德胜" });
  const first = await applyVia(await worker(), t.a.id, real);
  assert.equal((await reviewer.post(`/api/admin/applications/${first.id}/decision`, { decision: "approve", reason: "" })).status, 200);
  await applyVia(await worker(), t.b.id, form({ name: "孙德利", id_number: real.id_number }));
  await applyVia(await worker(), t.b.id, form({ name: "周海波" }));
  const b = await staffAt(reviewer.username, "/admin/applications");
  try {
    const { page } = b;
    const conflict = page.getByRole("article", { name: "孙德利" });
    await conflict.getByText(/这个身份证号已是另一个账号的在册会员/).waitFor();
    assert.equal(await page.getByRole("article", { name: "周海波" }).getByText(/另一个账号/).count(), 0);
    await assertAccessible(page, "queue with an ID number conflict");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
