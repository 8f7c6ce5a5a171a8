// The staff's training desk in Chromium: a course is created with the course
// form, workers sign up (one waits), the roster shows the waitlist in order,
// the attendance sheet takes a mark by hand beside a scan, the session's QR
// page is printable; and the journey 2 — certificates for a whole
// course in one batch, and the training figures show them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, signInStaff } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { day } from "../lib/jobs.mjs";
import { checkIn, createCourse, sessionCode, sessionNow, signUp } from "../lib/training.mjs";

const DESK = { width: 1280, height: 900 };

async function staffAt(username, next) {
  const b = await openBrowser({ viewport: DESK });
  await b.page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await signInStaff(b.page, username);
  await b.page.waitForURL(`${BASE}${next}`);
  return b;
}

test("staff create a course with its sessions, see the roster and waitlist, mark attendance by hand beside a scan, and print the session's QR code", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const b = await staffAt(admin.username, "/admin/training");
  try {
    const { page } = b;
    await page.getByRole("heading", { name: "技能培训" }).waitFor();
    await page.getByText("还没有培训班。").waitFor();
    await assertAccessible(page, "training list, empty");
    await page.getByRole("link", { name: "新建培训班或竞赛" }).click();
    await page.waitForURL(`${BASE}/admin/training/new`);
    const title = `家政服务${uid()}`;
    await page.getByLabel("名称").fill(title);
    await page.getByLabel("工种").selectOption("domestic_worker");
    await page.getByLabel("等级").selectOption("level_5");
    await page.getByLabel("名额").fill("2");
    await page.getByLabel("报名截止").fill(day(0));
    // A bad session first: the shared rule names the field.
    const now = sessionNow({ hours: 2 });
    await page.getByLabel("日期", { exact: true }).fill(now.date);
    await page.getByLabel("开始", { exact: true }).fill(now.starts_at);
    await page.getByLabel("结束", { exact: true }).fill(now.ends_at);
    await page.getByLabel("课时", { exact: true }).fill("9");
    await page.getByLabel("地址", { exact: true }).fill("瑶海区站塘路88号工友培训教室");
    await page.getByRole("button", { name: "发布" }).click();
    await page.getByText(/课时应在1到\d+之间/).waitFor();
    await assertAccessible(page, "course form with an error");
    await page.getByLabel("课时", { exact: true }).fill(String(now.hours));
    await page.getByRole("button", { name: "发布" }).click();
    await page.waitForURL(/\/admin\/training\/\d+$/);
    const courseId = Number(page.url().split("/").pop());
    await page.getByRole("heading", { name: title }).waitFor();
    await page.getByText("还没有人报名。").waitFor();
    await assertAccessible(page, "course page");

    // Three sign up for two places: the third waits.
    const names = ["陈秀英", "林秀英", "黄秀英"];
    const ws = [];
    for (const name of names) {
      const w = await worker();
      assert.equal((await signUp(w, courseId, name)).status, 200);
      ws.push(w);
    }
    await page.reload();
    const roster = page.getByRole("table", { name: "报上的学员" });
    await roster.getByRole("rowheader", { name: "陈秀英" }).waitFor();
    await roster.getByRole("rowheader", { name: "林秀英" }).waitFor();
    const waitlist = page.getByRole("list", { name: "候补名单" });
    await waitlist.getByText("黄秀英").waitFor();
    assert.match(await waitlist.innerText(), /第 1 位/);
    assert.match(await page.getByTestId("places").innerText(), /2\/2 · 候补 1/);

    // One scans the session's code; staff mark the other by hand.
    const code = await sessionCode(admin, (await admin.get(`/api/admin/training/courses/${courseId}`)).body.course.sessions[0].id);
    assert.equal((await checkIn(ws[0], code)).status, 200);
    await page.getByRole("link", { name: "签到表" }).click();
    await page.waitForURL(/\/admin\/training\/sessions\/\d+$/);
    await page.getByRole("heading", { name: `签到表:${title}` }).waitFor();
    await page.getByRole("button", { name: "林秀英:登记到场" }).click();
    await page.getByRole("button", { name: "林秀英:撤销签到" }).waitFor();
    const sheet = page.getByRole("table", { name: "学员签到情况" });
    assert.match(await sheet.getByRole("row", { name: /陈秀英/ }).innerText(), /已到\s+扫码签到/);
    const manual = await sheet.getByRole("row", { name: /林秀英/ }).innerText();
    assert.match(manual, /已到\s+工作人员登记.测试干事./);
    assert.match(await page.getByTestId("present").innerText(), /已到 2\/2/);
    await assertAccessible(page, "attendance sheet");

    // The printable QR page carries the code and the link to type in.
    await page.getByRole("link", { name: "打开签到二维码" }).click();
    await page.waitForURL(/\/qr$/);
    await page.getByRole("img", { name: "签到二维码" }).waitFor();
    // The QR image loads (an SVG drawn by the Worker).
    await page.waitForFunction(() => { const i = document.querySelector(".poster-qr"); return i && i.complete && i.naturalWidth > 0; });
    assert.match(await page.locator(".poster-url").innerText(), /\/training\/check-in\?s=\d+&exp=\d+&sig=[0-9a-f]{64}$/);
    await page.getByRole("button", { name: "打印签到码" }).waitFor();
    await assertAccessible(page, "session QR page");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("journey 2: staff issue the certificates of a whole course in one batch, and the training figures show them", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const course = await createCourse(admin, t.a.id, { title: `面点制作${uid()}`, trade: "pastry_cook", sessions: [sessionNow({ hours: 2 })] });
  const code = await sessionCode(admin, course.sessions[0].id);
  const names = ["刘大鹏", "周秀英", "吴建国"];
  for (const name of names.slice(0, 2)) {
    const w = await worker();
    await signUp(w, course.id, name);
    assert.equal((await checkIn(w, code)).status, 200);
  }
  await signUp(await worker(), course.id, names[2]); // never came
  const b = await staffAt(admin.username, `/admin/training/${course.id}`);
  try {
    const { page } = b;
    await page.getByRole("heading", { name: course.title }).waitFor();
    await page.getByRole("button", { name: "刘大鹏:合格" }).click();
    await page.getByRole("row", { name: /刘大鹏/ }).locator("span.tag", { hasText: /^合格$/ }).waitFor();
    await page.getByRole("button", { name: "周秀英:合格" }).click();
    await page.getByRole("row", { name: /周秀英/ }).locator("span.tag", { hasText: /^合格$/ }).waitFor();
    // The absent trainee cannot pass: the hours-met rule says why.
    await page.getByRole("button", { name: "吴建国:合格" }).click();
    await page.getByRole("row", { name: /吴建国/ }).getByText(/课时达标率0%,未达到80%/).waitFor();
    await assertAccessible(page, "roster with assessments");
    await page.getByRole("button", { name: "为全班发结业证书" }).click();
    await page.getByText("本次发证 2 本 · 已有证书 0 · 未达到发证条件 1").waitFor();
    const certs = page.getByRole("list", { name: "本班证书" });
    assert.match(await certs.innerText(), new RegExp(`刘大鹏 · ${course.title}结业证书`));
    await page.getByRole("row", { name: /刘大鹏/ }).getByText(/^GYPX-\d{4}-\d{6}$/).waitFor();
    await assertAccessible(page, "certificates issued");
    // Again: nothing twice.
    await page.getByRole("button", { name: "为全班发结业证书" }).click();
    await page.getByText("本次发证 0 本 · 已有证书 2 · 未达到发证条件 1").waitFor();

    // The figures of this corner of the tree show them (the staff's own union is its parent).
    await page.goto("/admin/training/figures");
    await page.getByRole("heading", { name: "培训统计" }).waitFor();
    await page.locator('td[data-total="certified"]').waitFor();
    assert.equal(await page.locator('td[data-total="certified"]').innerText(), "2");
    assert.match(await page.locator('dd[data-total="people_certified"]').innerText(), /^2/);
    const csv = page.getByRole("link", { name: "导出表格" });
    const href = await csv.getAttribute("href");
    assert.match(href, /^\/api\/admin\/training\/figures\.csv\?/);
    const res = await page.request.get(href);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /发证\(本\) Certified/);
    await assertAccessible(page, "training figures");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
