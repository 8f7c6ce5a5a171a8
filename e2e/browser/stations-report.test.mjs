// A station report that is refused or held back keeps the worker's note (a
// draft on the phone: it survives a reload, and goes only once the server has
// the report), and the station list links the open data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady } from "../lib/browser.mjs";

const YAOHAI = { latitude: 31.88, longitude: 117.34 };
const REPORTS = "**/api/stations/3/reports";
const answer = (status, code, message) => (route) =>
  route.fulfill({ status, contentType: "application/json", headers: { "retry-after": "60" }, body: JSON.stringify({ error: { code, message, fields: {} } }) });

test("a refused report keeps the note through a reload; it is cleared once the report is sent", async () => {
  const b = await openBrowser({ geolocation: YAOHAI, permissions: ["geolocation"] });
  try {
    const { page } = b;
    await page.goto("/stations/3");
    await appReady(page);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const note = page.getByLabel("补充说明(可以不填)");
    const NOTE = "门口在修路,从北门进";

    // Too many reports just now (429): kept on the phone, and said so.
    const keys = new Set();
    const held = answer(429, "rate_limited", "操作太频繁,请稍后再试");
    await page.route(REPORTS, (route) => {
      keys.add(route.request().headers()["idempotency-key"]);
      return held(route);
    });
    await note.fill(NOTE);
    await page.getByRole("button", { name: "搬走了" }).click();
    await page.getByRole("status").filter({ hasText: "还没发出去" }).waitFor();
    assert.equal(await note.inputValue(), NOTE);
    await assertAccessible(page, "report held back");
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.equal(await note.inputValue(), NOTE, "the note survives a reload");
    // Tapping the same report again while it waits sends nothing new.
    await page.getByRole("button", { name: "搬走了" }).click();
    await page.getByRole("status").filter({ hasText: "还没发出去" }).waitFor();
    assert.equal(keys.size, 1, "one report, however often it is tapped or retried");

    // Refused outright: the server's reason, and the note is still there.
    await page.unroute(REPORTS);
    await page.route(REPORTS, answer(422, "validation", "请检查填写的内容"));
    await page.getByRole("button", { name: "其他问题" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "请检查填写的内容" });
    await alert.waitFor();
    assert.match(await alert.innerText(), /你写的说明还在/);
    assert.equal(await note.inputValue(), NOTE);

    // Sent: thanked, and the note goes, also after a reload.
    await page.unroute(REPORTS);
    await page.getByRole("button", { name: "其他问题" }).click();
    await page.getByText("谢谢,已经告诉工会").waitFor();
    assert.equal(await note.inputValue(), "");
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.equal(await note.inputValue(), "");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the station list links the open data, which downloads as HSDS JSON and CSV", async () => {
  const b = await openBrowser({ geolocation: YAOHAI, permissions: ["geolocation"] });
  try {
    const { page } = b;
    await page.goto("/");
    await appReady(page);
    await page.getByRole("button", { name: /用我的位置/ }).click();
    await page.locator(".station").first().waitFor();
    await page.getByText("开放数据").waitFor();
    const json = page.getByRole("link", { name: "JSON 格式(HSDS 3.0)" });
    const csv = page.getByRole("link", { name: "表格 CSV" });
    assert.equal(await json.getAttribute("href"), "/api/open-data/stations.json");
    assert.equal(await csv.getAttribute("href"), "/api/open-data/stations.csv");
    await assertAccessible(page, "finder with the open-data line");
    const download = page.waitForEvent("download");
    await json.click();
    const body = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8")));
    assert.equal(body.hsds_version, "3.0");
    assert.equal(body.license, "CC BY 4.0");
    assert.ok(body.services.length > 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
