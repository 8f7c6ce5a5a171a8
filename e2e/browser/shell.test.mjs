// Foundation journeys in Chromium: the app loads and navigates, the language
// switch is remembered, the manifest is installable, the shell works offline.
import { test } from "node:test";
import { fetch } from "../lib/client.mjs";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";

test("the app loads in Chinese and navigates with the bottom bar", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/");
    await appReady(page);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await page.getByRole("heading", { level: 1, name: "附近的驿站" }).waitFor();
    await assertAccessible(page, "home");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /我的/ }).click();
    await page.waitForURL(`${BASE}/me`);
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
    await assertAccessible(page, "me");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the language switch changes the UI and is remembered", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/me");
    await appReady(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Me" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Me" }).waitFor();
    await assertAccessible(page, "me (en)");
    await page.getByRole("button", { name: "中文" }).click();
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
  } finally {
    await b.close();
  }
});

test("the manifest makes the app installable", async () => {
  const html = await (await fetch(BASE + "/")).text();
  assert.match(html, /rel="?manifest/);
  const res = await fetch(BASE + "/manifest.webmanifest");
  assert.equal(res.status, 200);
  const m = await res.json();
  assert.equal(m.name, "工友驿站");
  assert.ok(m.short_name && m.short_name.length <= 12);
  assert.equal(m.display, "standalone");
  assert.ok(m.start_url.startsWith("/"));
  assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
  const want = [["192x192", "any"], ["512x512", "any"], ["512x512", "maskable"]];
  for (const [sizes, purpose] of want) {
    const icon = m.icons.find((i) => i.sizes === sizes && i.purpose.split(" ").includes(purpose));
    assert.ok(icon, `icon ${sizes} ${purpose}`);
    const png = Buffer.from(await (await fetch(BASE + icon.src)).arrayBuffer());
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, sizes);
  }
});

test("after the service worker takes control, the shell reloads offline", async () => {
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await page.goto("/");
    await appReady(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, { timeout: 30_000 });
    // Open 我的 once online: its bundle is cached on first use.
    await page.goto("/me");
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
    await page.goto("/");
    await appReady(page);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.getByRole("heading", { level: 1, name: "附近的驿站" }).waitFor();
    // The offline banner tells the worker what they are looking at.
    await page.getByText("当前没有网络").waitFor();
    // A home deep link never visited before opens from the cached shell…
    await page.goto("/stations/3");
    await appReady(page);
    // …and the bundle visited once opens offline too.
    await page.goto("/me");
    await page.getByRole("heading", { level: 1, name: "我的" }).waitFor();
    await context.setOffline(false);
  } finally {
    await b.close();
  }
});
