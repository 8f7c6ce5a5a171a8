// The station map in Chromium: nearest first at 合肥瑶海区, filters, the station
// page and its navigation links, offline, reports cleared by staff verification,
// check-in by QR URL, and a spreadsheet import with one bad row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInStaff } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { staff, tree, uid } from "../lib/fixtures.mjs";
import { wgsToGcj, gcjToBd } from "../lib/geo.mjs";

const YAOHAI = { latitude: 31.88, longitude: 117.34 };
const withPosition = () => openBrowser({ geolocation: YAOHAI, permissions: ["geolocation"] });

async function findNearby(page) {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: /用我的位置/ }).click();
  await page.locator(".station").first().waitFor();
}

const names = (page) => page.locator(".station-name").allInnerTexts();

test("at 瑶海: nearest first, the amenity filter narrows, the station page has hours and right navigation", async () => {
  const b = await withPosition();
  try {
    const { page } = b;
    await findNearby(page);
    await assertAccessible(page, "finder");
    const all = await names(page);
    assert.equal(all[0], "站塘路零工市场户外劳动者服务站点");
    const distances = (await page.locator(".distance").allInnerTexts()).map((d) => (d.includes("公里") ? parseFloat(d) * 1000 : parseFloat(d)));
    for (let i = 1; i < distances.length; i++) assert.ok(distances[i - 1] <= distances[i], "nearest first");

    await page.getByRole("button", { name: /电瓶换电/ }).click();
    await page.waitForFunction((n) => {
      const c = document.querySelectorAll(".station").length;
      return c > 0 && c < n;
    }, all.length);
    const batteries = await names(page);
    assert.ok(batteries.length > 0 && batteries.length < all.length);
    assert.ok(batteries.includes("长江东路爱心驿站"));
    assert.ok(!batteries.includes("站塘路零工市场户外劳动者服务站点"));
    await page.getByRole("button", { name: /电瓶换电/ }).click();

    await page.getByRole("link", { name: /长江东路爱心驿站/ }).click();
    await page.getByRole("heading", { level: 1, name: /长江东路爱心驿站/ }).waitFor();
    await page.getByText("24小时").first().waitFor();
    await page.getByText("开放中").waitFor();
    await assertAccessible(page, "station page");
    // Stored WGS-84 (31.8636, 117.3170): Amap gets GCJ-02, Baidu BD-09, geo: WGS-84.
    const [glat, glng] = wgsToGcj(31.8636, 117.317);
    const [blat, blng] = gcjToBd(glat, glng);
    const amap = new URL(await page.getByRole("link", { name: "高德导航" }).getAttribute("href"));
    const [alng, alat] = amap.searchParams.get("position").split(",").map(Number);
    assert.ok(Math.abs(alat - glat) < 1e-5 && Math.abs(alng - glng) < 1e-5, `amap ${alat},${alng}`);
    const baidu = new URL(await page.getByRole("link", { name: "百度导航" }).getAttribute("href"));
    const [bl, bg] = baidu.searchParams.get("location").split(",").map(Number);
    assert.ok(Math.abs(bl - blat) < 1e-5 && Math.abs(bg - blng) < 1e-5, `baidu ${bl},${bg}`);
    assert.equal(baidu.searchParams.get("coord_type"), "bd09ll");
    assert.match(await page.getByRole("link", { name: "手机地图" }).getAttribute("href"), /^geo:31\.863600,117\.317000/);
    assert.match(await page.getByRole("link", { name: /打电话/ }).getAttribute("href"), /^tel:055164282351$/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the map page: Leaflet with markers, and the list beside it even with no tiles", async () => {
  const b = await withPosition();
  try {
    const { page } = b;
    await findNearby(page);
    await page.getByRole("link", { name: "看地图" }).click();
    await page.waitForURL(/\/map\?lat=31\.88/);
    await page.getByRole("heading", { level: 1, name: "驿站地图" }).waitFor();
    await page.locator(".leaflet-container").waitFor();
    await page.locator(".leaflet-marker-icon").first().waitFor();
    assert.ok((await page.locator(".leaflet-marker-icon").count()) >= 10);
    // This machine has no internet: tiles fail, the list still works.
    assert.equal((await names(page))[0], "站塘路零工市场户外劳动者服务站点");
    await assertAccessible(page, "map");
    await page.getByRole("link", { name: /长江东路爱心驿站/ }).first().click();
    await page.getByRole("heading", { level: 1, name: /长江东路爱心驿站/ }).waitFor();
  } finally {
    await b.close();
  }
});

test("offline: the list is worked out on the phone from saved stations", async () => {
  const b = await withPosition();
  try {
    const { page, context } = b;
    await findNearby(page);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
    // The saved copy is written after the list shows.
    await page.waitForFunction(() => localStorage.getItem("gy.stations.saved") !== null);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.getByText(/没有网络:这是手机里保存的驿站,更新于/).waitFor();
    const offline = await names(page);
    assert.equal(offline[0], "站塘路零工市场户外劳动者服务站点");
    // Filters still work offline.
    await page.getByRole("button", { name: /电瓶换电/ }).click();
    await page.waitForFunction(() => [...document.querySelectorAll(".station-name")].every((n) => n.textContent !== "站塘路零工市场户外劳动者服务站点"));
    await assertAccessible(page, "finder offline");
    await context.setOffline(false);
  } finally {
    await b.close();
  }
});

async function staffLogin(page, username) {
  await page.goto("/admin/login");
  await appReady(page);
  await signInStaff(page, username);
  await page.waitForURL(`${BASE}/admin`);
}

test("a worker reports a problem; staff verify the station and it leaves the queue", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const made = await s.post("/api/admin/stations", {
    union_id: a.id, name: `核实测试驿站${uid()}`, station_type: "caring_station", province: "安徽省", city: "合肥市", district: "瑶海区",
    address: "核实路1号", lat: 31.881, lng: 117.341, datum: "wgs84", phone: null, amenities: ["toilet", "microwave"],
    schedule: { weekly: Array(7).fill(["00:00-24:00"]) }, status: "active", description: null,
  });
  const station = made.body.station.station;
  const w = await withPosition();
  try {
    await w.page.goto(`/stations/${station.id}`);
    await w.page.getByRole("heading", { level: 1, name: station.name }).waitFor();
    await w.page.getByLabel("补充说明(可以不填)").fill("门锁着");
    await w.page.getByRole("button", { name: "关门了" }).click();
    await w.page.getByText("谢谢,已经告诉工会").waitFor();
  } finally {
    await w.close();
  }
  const b = await openBrowser();
  try {
    const { page } = b;
    await staffLogin(page, s.username);
    await page.getByRole("link", { name: "驿站", exact: true }).click();
    await page.getByRole("link", { name: "待核实" }).click();
    const row = page.locator(".row", { hasText: station.name });
    await row.getByText("1 条问题").waitFor();
    await assertAccessible(page, "recheck queue");
    await row.getByRole("button", { name: "今日已核实" }).click();
    await page.getByText(`已核实: ${station.name}`).waitFor();
    await page.locator(".row", { hasText: station.name }).first().waitFor();
    assert.equal(await page.locator(".row", { hasText: station.name }).getByText("条问题").count(), 0);
    // The station's own page shows no open report and today's verification.
    await page.getByRole("link", { name: station.name }).first().click();
    await page.getByText("没有未处理的报告。").waitFor();
    await assertAccessible(page, "station editor");
    await page.getByRole("link", { name: "签到海报" }).click();
    await page.getByRole("img", { name: "签到二维码" }).waitFor();
    await assertAccessible(page, "poster");
  } finally {
    await b.close();
  }
});

test("a check-in through the poster's QR URL counts once an hour", async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto("/stations/3/checkin");
    await page.getByText("签到成功").waitFor();
    await page.getByText("欢迎来到 长江东路爱心驿站").waitFor();
    await assertAccessible(page, "check-in");
    await page.reload();
    await page.getByText("这个小时您已经签到过了").waitFor();
  } finally {
    await b.close();
  }
});

test("a spreadsheet with one bad row: the bad row is named, the rest imported with progress", async () => {
  const { a } = await tree();
  const s = await staff({ role: "staff", unionId: a.id });
  const tag = uid();
  const csv = "\uFEFF名称,类型,省,市,区县,地址,纬度,经度,坐标系,电话,设施,开放时间\r\n"
    + `导入一号${tag},工会驿站,安徽省,合肥市,瑶海区,导入路1号,31.9001,117.3601,GCJ02,0551-64123456,厕所|饮用水,24小时\r\n`
    + `导入坏行${tag},工会驿站,安徽省,合肥市,瑶海区,导入路2号,北纬,117.3602,WGS84,,厕所,每天 08:00-20:00\r\n`
    + `导入三号${tag},爱心驿站,安徽省,合肥市,瑶海区,导入路3号,31.9003,117.3603,WGS84,,微波炉热饭,周一至周五 08:00-18:00\r\n`;
  const b = await openBrowser();
  try {
    const { page } = b;
    await staffLogin(page, s.username);
    await page.goto("/admin/stations/import");
    await page.getByText("导入到:").waitFor();
    await page.getByLabel("选择表格文件").setInputFiles({ name: "stations.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText("第3行").waitFor();
    await assertAccessible(page, "import check");
    await page.getByRole("button", { name: /导入这些行/ }).click();
    await page.getByText("导入完成:2 行已导入,1 行因为有错误没有导入").waitFor();
    await page.goto("/admin/stations");
    await page.getByRole("link", { name: `导入一号${tag}` }).waitFor();
    await page.getByRole("link", { name: `导入三号${tag}` }).waitFor();
    assert.equal(await page.getByText(`导入坏行${tag}`).count(), 0);
    await assertAccessible(page, "station list");
  } finally {
    await b.close();
  }
});
