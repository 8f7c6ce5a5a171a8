// Easy mode (issue 17) in Chromium: the text size asked once on first launch,
// changed by A+ and on 我的, kept across a reload; extra-large text at 320 px on
// every worker route (no sideways scrolling, targets ≥ 48 px, axe in standard
// and extra-large); 🔊 reads a station's, a job's and the status pages' own
// data (speechSynthesis stubbed: the test browser has no voices), and is
// hidden with none; 🎤 fills the job search where the browser can listen and
// is absent where it cannot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid, worker } from "../lib/fixtures.mjs";
import { liveJob, verifiedEmployer } from "../lib/jobs.mjs";
import { form } from "../lib/people.mjs";
import { createCourse, idem, signUp } from "../lib/training.mjs";

/** Voices as the stub lists them, and every utterance spoken into `window.__spoken`. */
function stubSpeech({ voices = [{ lang: "zh-CN", name: "测试中文" }, { lang: "en-US", name: "Test English" }] } = {}) {
  return `(() => {
    const voices = ${JSON.stringify(voices)};
    window.__spoken = [];
    speechSynthesis.getVoices = () => voices;
    speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
    speechSynthesis.cancel = () => {};
  })();`;
}

const spoken = (page) => page.evaluate(() => window.__spoken);

/** A browser signed in as the API client's worker (same phone, same account). */
async function signedIn(w, options) {
  const b = await openBrowser(options);
  try {
    await b.page.goto("/login");
    await appReady(b.page);
    await signInWorker(b.page, w.phone);
    await b.page.waitForURL((u) => !u.pathname.startsWith("/login"));
  } catch (e) {
    await b.close();
    throw e;
  }
  return b;
}

test("the text size: asked once on first launch, A+ in the header, 我的; it survives a reload, and so does high contrast", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/");
    await appReady(page);
    const prompt = page.getByRole("region", { name: "字看得清吗?" });
    await prompt.waitFor();
    await assertAccessible(page, "first-launch prompt");
    await prompt.getByRole("button", { name: "特大字" }).click();
    assert.equal(await page.getAttribute("html", "data-text"), "xl");
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), "27px");
    await prompt.getByRole("button", { name: "好了" }).click();
    await prompt.waitFor({ state: "detached" });

    await page.reload();
    await appReady(page);
    await page.getByRole("heading", { level: 1, name: "附近的驿站" }).waitFor();
    assert.equal(await page.getAttribute("html", "data-text"), "xl");
    assert.equal(await page.getByRole("heading", { name: "字看得清吗?" }).count(), 0, "asked only once");

    // A+ goes up one size, and after the largest back to standard.
    const aPlus = page.getByRole("banner").getByRole("button", { name: /^A\+/ });
    assert.match(await aPlus.getAttribute("aria-label"), /特大字/);
    await aPlus.click();
    assert.equal(await page.getAttribute("html", "data-text"), null);
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), "18px");
    await aPlus.click();
    assert.equal(await page.getAttribute("html", "data-text"), "l");
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), "22.5px");

    // 我的: the same setting, and the contrast.
    await page.goto("/me");
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
    const size = page.getByRole("group", { name: "字号" });
    assert.equal(await size.getByRole("button", { name: "大字", exact: true }).getAttribute("aria-pressed"), "true");
    await size.getByRole("button", { name: "标准" }).click();
    assert.equal(await page.getAttribute("html", "data-text"), null);
    await size.getByRole("button", { name: "特大字" }).click();
    await page.getByRole("group", { name: "对比度" }).getByRole("button", { name: "高对比" }).click();
    assert.equal(await page.getAttribute("html", "data-contrast"), "more");
    await assertAccessible(page, "me, extra large, high contrast");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
    assert.equal(await page.getAttribute("html", "data-text"), "xl");
    assert.equal(await page.getAttribute("html", "data-contrast"), "more");
    assert.equal(await page.getByRole("group", { name: "对比度" }).getByRole("button", { name: "高对比" }).getAttribute("aria-pressed"), "true");
    // The other bundles read the same setting before they draw.
    await page.goto("/jobs");
    await appReady(page);
    assert.equal(await page.getAttribute("html", "data-text"), "xl");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("extra-large text at 320 px: no worker route scrolls sideways, every target is at least 48 px, and axe passes in both sizes", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const employer = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, employer.id);
  const course = await createCourse(admin, t.a.id);
  const w = await worker();
  const b = await signedIn(w, { viewport: { width: 320, height: 640 } });
  const routes = [
    "/", "/stations/3", "/stations/3/checkin", "/map",
    "/jobs", `/jobs/${job.id}`, "/jobs/card", "/jobs/matches", "/jobs/applications", "/jobs/fairs", `/jobs/employers/${employer.id}`,
    "/login", "/me", "/join", `/join/${t.a.join_code}`, "/membership", "/membership/leave", "/membership/consent",
    "/verify/member", "/verify/certificate", "/me/certificates", "/services", "/training/check-in", `/training/${course.id}`,
    "/rights", "/rights/new", "/rights/verify",
    "/employer", "/employer/register",
  ];
  try {
    const { page } = b;
    for (const size of ["xl", null]) {
      await page.goto("/");
      await page.evaluate((s) => {
        localStorage.setItem("gy.text_asked", "1");
        if (s) localStorage.setItem("gy.text", s);
        else localStorage.removeItem("gy.text");
      }, size);
      for (const path of routes) {
        await page.goto(path);
        await appReady(page);
        await page.locator("main").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.locator(".status--loading").first().waitFor({ state: "detached" });
        assert.equal(await page.getAttribute("html", "data-text"), size, path);
        if (size) {
          const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
          assert.ok(scroll <= client, `${path}: ${scroll} px wide in a ${client} px screen`);
          const small = await page.evaluate(() => [...document.querySelectorAll("button, .btn, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]), textarea, .nav-item, .chip")]
            .filter((e) => e.offsetParent !== null || getComputedStyle(e).position === "fixed")
            .map((e) => ({ e, r: e.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && (r.height < 47.5 || r.width < 47.5))
            .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`));
          assert.deepEqual(small, [], `${path}: targets under 48 px`);
        }
        await assertAccessible(page, `${path} (${size ?? "standard"})`);
      }
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("🔊 reads a station's name and whether it is open, slower and stoppable; a job page and the status pages too, money in 元 and dates as 12月1日", async () => {
  const t = await tree();
  const admin = await staff({ role: "union_admin", unionId: t.p.id });
  const employer = await verifiedEmployer(admin, t.a.id);
  const job = await liveJob(admin, employer.id);
  const course = await createCourse(admin, t.a.id);
  const w = await worker();
  const applied = await w.post("/api/membership/applications", { union_id: t.a.id, form: form() }, { headers: { "idempotency-key": `easy-${uid()}` } });
  assert.equal(applied.status, 200, applied.text);
  assert.equal((await signUp(w, course.id, "王秀英", idem())).status, 200);
  const b = await signedIn(w);
  try {
    const { page, context } = b;
    await context.addInitScript(stubSpeech());
    await context.addInitScript(() => localStorage.setItem("gy.text_asked", "1"));

    // A station: its name, then whether it is open now.
    const station = (await (await fetch(`${BASE}/api/stations/3`)).json()).station;
    await page.goto("/stations/3");
    await page.getByRole("heading", { level: 1, name: station.name }).waitFor();
    // What the page shows: the badge of today's hours.
    const open = (await page.locator(".today .badge").innerText()) === "开放中";
    await page.getByRole("button", { name: "朗读", exact: true }).click();
    let said = await spoken(page);
    assert.ok(said.length >= 3, JSON.stringify(said));
    assert.ok(said.every((u) => u.lang === "zh-CN" && u.rate === 1));
    assert.ok(said[0].text.startsWith(station.name), said[0].text);
    const openLine = said.find((u) => u.text.startsWith("现在"))?.text ?? "";
    assert.match(openLine, open ? /^现在开放。今天/ : /^现在没有开放。今天/);
    assert.ok(said.some((u) => u.text.startsWith("地址:")), "how to get there");
    // Slower, then stop.
    await page.getByRole("button", { name: "慢一点" }).click();
    assert.equal(await page.getByRole("button", { name: "慢一点" }).getAttribute("aria-pressed"), "true");
    said = await spoken(page);
    assert.ok(said.at(-1).rate < 1, "slower re-reads at the slower rate");
    await page.getByRole("button", { name: "停止" }).click();
    await page.getByRole("button", { name: "停止" }).waitFor({ state: "detached" });
    await assertAccessible(page, "station page with read aloud");

    // A job: the wage in 元, never fen; the start as a day.
    await page.goto(`/jobs/${job.id}`);
    await page.getByRole("heading", { level: 1, name: job.title }).waitFor();
    await page.evaluate(() => (window.__spoken = []));
    await page.getByRole("button", { name: "朗读", exact: true }).click();
    said = (await spoken(page)).map((u) => u.text).join("");
    assert.ok(said.startsWith(`${job.title}。`), said);
    assert.match(said, /工资每天300到350元,日结。/);
    assert.match(said, /今天开工。/);
    assert.ok(!said.includes("30000") && !/\d{4}-\d{2}-\d{2}/.test(said), said);

    // The status pages: the union application, and the training sign-up.
    await page.goto("/membership");
    await page.getByRole("heading", { name: "我的申请" }).waitFor();
    await page.evaluate(() => (window.__spoken = []));
    await page.getByRole("button", { name: "朗读", exact: true }).click();
    said = (await spoken(page)).map((u) => u.text).join("");
    assert.match(said, new RegExp(`\\d+月\\d+日向${t.a.name}提交的入会申请:等待审核。`), said);
    await page.goto(`/training/${course.id}`);
    await page.getByRole("heading", { name: "我的报名" }).waitFor();
    await page.evaluate(() => (window.__spoken = []));
    await page.getByRole("button", { name: "朗读", exact: true }).click();
    said = (await spoken(page)).map((u) => u.text).join("");
    const day = "(\\d+年)?\\d+月\\d+日";
    assert.match(said, new RegExp(`^${course.title},${day}到${day}。`), said);
    assert.match(said, /您的报名:已报上。/);

    // In English, English sentences with an English voice.
    await page.goto("/me");
    await page.getByRole("button", { name: "English" }).click();
    await page.goto("/stations/3");
    await page.getByRole("heading", { level: 1, name: station.name }).waitFor();
    await page.evaluate(() => (window.__spoken = []));
    await page.getByRole("button", { name: "Read aloud", exact: true }).click();
    said = await spoken(page);
    assert.equal(said[0].lang, "en-US");
    assert.ok(said.some((u) => /^(Open|Closed) now\. Today: /.test(u.text)), JSON.stringify(said));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("with no voice on the phone the 🔊 button is hidden and 我的 says why", async () => {
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await context.addInitScript(stubSpeech({ voices: [] }));
    await page.goto("/stations/3");
    await appReady(page);
    await page.locator("h1.page-title").waitFor();
    await page.getByRole("heading", { name: "开放时间" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "朗读" }).count(), 0);
    await page.goto("/me");
    await page.getByTestId("speech-note").getByText("这部手机没有中文语音").waitFor();
    // A Chinese voice alone: Chinese pages read aloud, English ones say there is no English voice.
    await context.addInitScript(stubSpeech({ voices: [{ lang: "zh_CN", name: "中文" }] }));
    await page.goto("/stations/3");
    await page.getByRole("button", { name: "朗读", exact: true }).waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("🎤 fills the job search where the browser can listen, and is absent without error where it cannot", async () => {
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await context.addInitScript(() => {
      localStorage.setItem("gy.text_asked", "1");
      delete window.SpeechRecognition;
      delete window.webkitSpeechRecognition;
    });
    await page.goto("/jobs");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.getByLabel("想找什么活?").waitFor();
    assert.equal(await page.getByRole("button", { name: "说话输入" }).count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
  const c = await openBrowser();
  try {
    const { page, context } = c;
    await context.addInitScript(() => {
      localStorage.setItem("gy.text_asked", "1");
      // A recognizer that hears 木工 as soon as it starts.
      window.webkitSpeechRecognition = class {
        start() {
          window.__lang = this.lang;
          setTimeout(() => { this.onresult?.({ results: [[{ transcript: "木工" }]] }); this.onend?.(); }, 10);
        }
        stop() { this.onend?.(); }
      };
      delete window.SpeechRecognition;
    });
    await page.goto("/jobs");
    await page.getByLabel("想找什么活?").waitFor();
    await page.getByRole("button", { name: "说话输入" }).click();
    await page.waitForFunction(() => document.querySelector("#field-q")?.value === "木工");
    assert.equal(await page.evaluate(() => window.__lang), "zh-CN");
    assert.deepEqual(c.errors, []);
  } finally {
    await c.close();
  }
});
