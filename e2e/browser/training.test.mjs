// The workers' side of training in Chromium — the issue's journey 1, from the
// waitlist to a matched job: a domestic worker finds a full 家政 course under
// 服务 and is waitlisted; another trainee cancels and she is promoted (by SMS);
// she checks in at four sessions by scanning their QR codes (a second scan
// counts once); staff pass her and issue the certificate; it is under 我的,
// printable with its QR code, and on her job card; a 家政 job's match reasons
// name it; an employer, signed in nowhere, opens the QR link and sees it valid
// with her name masked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { logMark, staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { liveJob, saveJobCard, verifiedEmployer } from "../lib/jobs.mjs";
import { createCourse, idem, sessionCode, sessionNow, signUp, waitForText } from "../lib/training.mjs";

// 威海环翠区: away from the other tests' courses near 瑶海, so hers is the nearest.
const WEIHAI = { lat: 37.5131, lng: 122.1204 };
const at = (s) => ({ ...s, place: { kind: "address", address: "环翠区新威路17号职工培训中心", position: WEIHAI } });

test("journey 1: waitlisted for a full 家政 course → promoted → four sessions by QR → passed → certificate under 我的 and on the job card → a 家政 job's match reasons name it → an employer's scan shows it valid", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const title = `家政服务${uid()}`;
  const course = await createCourse(admin, t.a.id, { title, places: 1, sessions: [sessionNow(), sessionNow(), sessionNow(), sessionNow()].map(at) });
  // The one place is taken.
  const first = await worker();
  const taken = (await signUp(first, course.id, "赵桂兰")).body.enrolment;
  assert.equal(taken.status, "enrolled");

  const b = await openBrowser({ geolocation: { latitude: WEIHAI.lat, longitude: WEIHAI.lng }, permissions: ["geolocation"] });
  try {
    const { page } = b;
    // 服务 in the bottom navigation: courses near her, with the places left.
    await page.goto("/");
    await appReady(page);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /服务/ }).click();
    await page.waitForURL(`${BASE}/services`);
    await page.getByRole("heading", { name: "免费技能培训" }).waitFor();
    await page.getByRole("button", { name: "📍 看离我近的" }).click();
    const item = page.locator(".course", { hasText: title });
    await item.waitFor();
    assert.match(await item.innerText(), /家政服务员 · .* · \d+ 课时 · 免费 · \d+ m/);
    assert.match(await item.getByTestId("places-left").innerText(), /名额已满,可以报名候补\(已有0人候补\)/);
    await assertAccessible(page, "services: courses near me");

    // She signs in from the course page and joins the waitlist.
    await item.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("link", { name: "登录后报名" }).click();
    await page.waitForURL(/\/login\?next=/);
    const phone = randomPhone();
    await signInWorker(page, phone);
    await page.waitForURL(`${BASE}/training/${course.id}`);
    await page.getByLabel("真实姓名(写在结业证书上)").fill("王秀英");
    await page.getByRole("button", { name: "报名候补" }).click();
    await page.getByTestId("standing").getByText("候补第 1 位").waitFor();
    await assertAccessible(page, "course page, waitlisted");

    // The other trainee cancels: she is promoted and told by SMS.
    const mark = logMark();
    const cancelled = await first.post(`/api/training/enrolments/${taken.id}/cancel`, undefined, idem());
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.match(await waitForText(phone, /候补转为正式学员/, mark), new RegExp(title));
    await page.reload();
    await page.getByTestId("standing").getByText("已报上").waitFor();

    // Four sessions, each by scanning its QR code; a second scan counts once.
    for (const [i, s] of course.sessions.entries()) {
      const code = await sessionCode(admin, s.id);
      await page.goto(code.path);
      await page.getByText("签到成功").waitFor();
      await page.getByText(title).waitFor();
      if (i === 0) {
        await assertAccessible(page, "check-in");
        await page.goto(code.path);
        await page.getByText("这节课已经签过到了").waitFor();
      }
    }
    await page.getByRole("link", { name: "查看我的课时" }).click();
    await page.waitForURL(`${BASE}/training/${course.id}`);
    assert.match(await page.getByTestId("hours").innerText(), /^4 · 次 · 课时 (\d+)\/\1\(100%\),已达标$/);

    // Staff mark her passed and issue the course's certificates.
    const roster = (await admin.get(`/api/admin/training/courses/${course.id}/roster`)).body;
    const mine = roster.enrolled.find((e) => e.name === "王秀英");
    assert.equal(mine.attended.length, 4);
    assert.equal((await admin.post(`/api/admin/training/enrolments/${mine.enrolment_id}/assessment`, { outcome: "passed" })).status, 200);
    const issued = (await admin.post(`/api/admin/training/courses/${course.id}/certificates`)).body;
    assert.equal(issued.issued, 1);
    const cert = issued.certificates[0];

    // Under 我的: the certificate, printable, with its QR code.
    await page.reload();
    await page.getByTestId("outcome").getByText("合格").waitFor();
    await page.goto("/me");
    await page.getByRole("heading", { name: "我的证书" }).waitFor();
    await page.getByRole("link", { name: "查看证书" }).click();
    await page.waitForURL(`${BASE}/me/certificates`);
    const sheet = page.getByRole("article", { name: `${title}结业证书:${cert.serial}` });
    await sheet.waitFor();
    const shown = await sheet.innerText();
    for (const part of ["王秀英", cert.serial, title, t.a.name, cert.issued_on, `${course.hours}`]) assert.ok(shown.includes(part), `${part} in ${shown}`);
    await page.waitForFunction(() => { const i = document.querySelector(".certificate-qr"); return i && i.complete && i.naturalWidth > 0; });
    await page.getByRole("button", { name: "打印" }).waitFor();
    await assertAccessible(page, "my certificates");
    const verifyPath = await sheet.getByTestId("verify-link").getAttribute("href");
    assert.match(verifyPath, /^\/verify\/certificate\?c=GYPX-\d{4}-\d{6}&sig=[0-9a-f]{64}$/);

    // On her job card, and a 家政 job near her names it among the match reasons.
    const e = await verifiedEmployer(admin, t.a.id);
    const job = await liveJob(admin, e.id, { title: `招家政服务员${uid()}`, trades: ["domestic_worker"], at: { lat: WEIHAI.lat + 0.01, lng: WEIHAI.lng }, place: { lat: WEIHAI.lat + 0.01, lng: WEIHAI.lng, district: "环翠区" } });
    await page.goto("/jobs/card");
    await page.getByRole("heading", { name: "我的求职卡" }).waitFor();
    // She has no job card yet: once she saves one, the certificate is on it by itself.
    await saveJobCard(page, { trade: "domestic_worker", years: "3", wage: "200", area: "环翠区" });
    await page.reload();
    const certs = page.getByRole("list", { name: "工会颁发的证书" });
    await certs.getByText(`${title}结业证书`).waitFor();
    await assertAccessible(page, "job card with a union certificate");
    await page.goto("/jobs/matches");
    const match = page.locator(".job", { hasText: job.title });
    await match.waitFor();
    const reasons = await match.locator(".job-reasons").innerText();
    assert.ok(reasons.includes(`持证: ${title}结业证书`), reasons);
    assert.deepEqual(b.errors, []);

    // An employer scans the QR code: valid, her name masked, the course and the date.
    const employer = await openBrowser();
    try {
      const p = employer.page;
      await p.goto(verifyPath);
      await p.getByRole("heading", { name: "结业证书核验" }).waitFor();
      await p.getByText(`有效:王*英的${title}结业证书,${t.a.name}颁发`).waitFor();
      assert.equal(await p.getByTestId("holder").innerText(), "王*英");
      const page2 = await p.locator("main").innerText();
      assert.ok(!page2.includes("王秀英"), "the full name is not shown");
      assert.ok(page2.includes(cert.issued_on));
      await assertAccessible(p, "certificate check");
      // An altered link is not valid.
      await p.goto(verifyPath.replace(/sig=./, (m) => (m.endsWith("0") ? "sig=1" : "sig=0")));
      await p.getByText("这不是有效的结业证书二维码").waitFor();
      assert.deepEqual(employer.errors, []);
    } finally {
      await employer.close();
    }
  } finally {
    await b.close();
  }
});
