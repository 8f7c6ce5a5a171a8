// Debian's Chromium driven by playwright-core, with a fresh profile per test.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { BASE } from "./env.mjs";
import { freshIp } from "./fixtures.mjs";

const require = createRequire(import.meta.url);
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Opens a browser with a fresh profile and its own client address. Options go to launchPersistentContext
 *  (e.g. geolocation, permissions, viewport). Returns { context, page, close }. */
export async function openBrowser(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "gongyou-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    baseURL: BASE,
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    ...options,
    // Each fresh profile is another phone, with its own address: the per-address
    // limits on SMS codes and staff sign-in count one phone, not the whole suite.
    extraHTTPHeaders: { "cf-connecting-ip": freshIp(), ...options.extraHTTPHeaders },
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  // A panic's message comes to the console just before the page error.
  page.on("console", (m) => { if (m.type() === "error" && m.text().startsWith("panic:")) errors.push(new Error(m.text())); });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page; fails on any serious or critical violation. */
export async function assertAccessible(page, label = page.url()) {
  // Evaluated through the DevTools protocol, not as a <script> tag: the pages'
  // Content-Security-Policy allows no inline script, and must not be loosened for tests.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  if (violations.length) throw new Error(`accessibility violations on ${label}:\n${violations.join("\n")}`);
}

/** Waits until the app is mounted (the boot splash is gone and the shell rendered). */
export async function appReady(page) {
  await page.waitForSelector(".shell, .admin-shell", { state: "attached" });
}

/** On the sign-in page: a worker signs in with the code texted to `phone`. */
export async function signInWorker(page, phone) {
  const { logMark, smsCode } = await import("./fixtures.mjs");
  await page.getByLabel("手机号").fill(phone);
  const mark = logMark();
  await page.getByRole("button", { name: "获取验证码" }).click();
  await page.getByText("验证码已发送").waitFor();
  await page.getByLabel("短信验证码").fill(await smsCode(phone, { after: mark }));
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** On the staff sign-in page: signs in as `username`, with the code of its
 *  authenticator when it has one (every role but viewer). */
export async function signInStaff(page, username) {
  const { PASSWORD } = await import("./fixtures.mjs");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await giveSecondFactor(page, username);
}

/** After a right password: the authenticator's code, for staff who have one. */
export async function giveSecondFactor(page, username) {
  const { nextCode, secretOf } = await import("./totp.mjs");
  if (!secretOf(username)) return;
  await page.getByLabel("动态验证码").fill(await nextCode(username));
  await page.getByRole("button", { name: "确认登录" }).click();
}

/** Opens a card's verify link as a staff member scanning it would: the link sends them to sign in, then back. */
export async function openAsStaff(page, path, username) {
  await page.goto(path);
  await page.waitForURL(/\/admin\/login\?next=/);
  await signInStaff(page, username);
  await page.waitForURL(`${BASE}${path}`);
}
