// The evidence locker (记工本), offline record-keeping: a worker records 20
// days, three of them with no signal (they wait on the phone and go once),
// corrects one, everything syncs, the chain verifies — and a stored entry
// changed behind the Worker's back makes the check fail. Then a co-worker
// confirms a day (对工) by opening its code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, assertAccessible, appReady, signInWorker } from "../lib/browser.mjs";
import { BASE } from "../lib/env.mjs";
import { randomPhone } from "../lib/client.mjs";
import { sql } from "../lib/fixtures.mjs";
import { shanghaiDay } from "../lib/locker.mjs";

test("offline record-keeping: 20 days (3 offline) sync exactly once, one is corrected, the chain verifies, tampering is found", async () => {
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await page.goto("/login?next=%2Frights");
    await appReady(page);
    await signInWorker(page, randomPhone());
    await page.waitForURL(`${BASE}/rights`);
    await page.getByRole("heading", { name: "记工本", level: 1 }).waitFor();
    await assertAccessible(page, "empty locker");

    // The first day: typed in full. The draft survives a reload.
    await page.getByRole("link", { name: "＋ 记一天" }).click();
    await page.waitForURL(`${BASE}/rights/new`);
    await page.getByLabel("项目名称(工地告示牌上的)").fill("瑶海区保障房二期");
    await page.reload();
    await page.getByRole("heading", { name: "记一天" }).waitFor();
    assert.equal(await page.getByLabel("项目名称(工地告示牌上的)").inputValue(), "瑶海区保障房二期", "the draft survives a reload");
    await page.getByLabel("工地地址").fill("合肥市瑶海区长江东路1号");
    await page.getByLabel("包工头(老板)姓名").fill("王德发");
    await page.getByLabel("包工头电话").fill("13800138000");
    await page.getByLabel("说好的单价(元)").fill("350");
    await assertAccessible(page, "day form");

    const dates = Array.from({ length: 20 }, (_, i) => shanghaiDay(i - 19));
    const record = async (date, { offline = false } = {}) => {
      await page.getByLabel("日期").fill(date);
      await page.getByRole("button", { name: "保存这一天" }).click();
      if (offline) await page.waitForURL(`${BASE}/rights`);
      else await page.waitForURL(/\/rights\/entry\/\d+$/);
    };
    // Days 1–17 online; later days start from the last site, boss and wage.
    await record(dates[0]);
    await page.getByRole("heading", { name: "这一天的记录" }).waitFor();
    await assertAccessible(page, "a day");
    for (const date of dates.slice(1, 17)) {
      await page.goto("/rights/new");
      await page.getByRole("heading", { name: "记一天" }).waitFor();
      assert.equal(await page.getByLabel("包工头(老板)姓名").inputValue(), "王德发", "the boss of the last day is offered");
      await record(date);
    }
    // Three days with no signal: each waits on the phone.
    await page.goto("/rights/new");
    await page.getByRole("heading", { name: "记一天" }).waitFor();
    await context.setOffline(true);
    for (const [i, date] of dates.slice(17).entries()) {
      if (i > 0) await page.getByRole("link", { name: "＋ 记一天" }).click();
      await page.getByRole("heading", { name: "记一天" }).waitFor();
      await record(date, { offline: true });
      await page.getByTestId("waiting").filter({ hasText: `${i + 1} 条记录在手机上等网络` }).waitFor();
    }
    const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem("gy.outbox")));
    assert.equal(waiting.filter((w) => w.kind === "rights_locker_entry").length, 3);
    // One of them had in fact reached the server (only the reply was lost): sent again under its key, it is stored once.
    const first = await page.request.post(waiting[0].path, { data: waiting[0].body, headers: { "content-type": "application/json", "idempotency-key": waiting[0].key, origin: BASE } });
    assert.equal(first.status(), 200, await first.text());
    await context.setOffline(false);
    await page.getByTestId("waiting").waitFor({ state: "detached", timeout: 30_000 });

    let list = (await (await page.request.get("/api/rights/locker/entries")).json()).entries;
    assert.equal(list.length, 20, "every day once");
    assert.deepEqual([...new Set(list.map((e) => e.day.date))].sort(), dates);

    // Correct one day: half a day, not a whole one.
    const wrong = list.find((e) => e.day.date === dates[10]);
    await page.goto(`/rights/entry/${wrong.id}`);
    await page.getByRole("link", { name: "记错了?更正这一天" }).click();
    await page.getByRole("heading", { name: "更正这一天" }).waitFor();
    assert.equal(await page.getByLabel("日期").inputValue(), dates[10]);
    await page.getByLabel("干了多少").fill("0.5");
    await page.getByLabel("备注(干了什么活、谁在场)").fill("下午下雨停工");
    await assertAccessible(page, "correction form");
    await page.getByRole("button", { name: "保存这一天" }).click();
    await page.waitForURL(/\/rights\/entry\/\d+$/);
    await page.getByText("这是一条更正。").waitFor();
    assert.equal(await page.getByTestId("earned").innerText(), "¥175");

    list = (await (await page.request.get("/api/rights/locker/entries")).json()).entries;
    assert.equal(list.length, 21);
    assert.equal(list.find((e) => e.id === wrong.id).superseded_by !== null, true, "the old entry stays, marked");

    // The month's summary counts the correction, not the old day.
    await page.goto("/rights");
    await page.getByTestId("employer-month").first().waitFor();
    await assertAccessible(page, "locker with days");
    const month = dates[10].slice(0, 7);
    if ((await page.getByTestId("month").innerText()) !== month) await page.getByRole("button", { name: "‹ 上个月" }).click();
    await page.getByTestId("month").filter({ hasText: month }).waitFor();
    await page.getByText("已更正").first().waitFor();
    const inMonth = dates.filter((d) => d.startsWith(month)).length;
    await page.getByTestId("days-worked").filter({ hasText: String(inMonth) }).waitFor();
    // Every day ¥350 but the corrected one, now half a day.
    await page.getByTestId("earned").filter({ hasText: `¥${(inMonth - 1) * 350 + 175}` }).waitFor();

    // The chain verifies; then someone changes a stored wage behind the Worker's back.
    await page.getByRole("link", { name: "核验记工本(检查有没有被改动)" }).click();
    await page.getByTestId("verdict").filter({ hasText: /记工本完好: ?21 条记录都没有被改动/ }).waitFor();
    await assertAccessible(page, "chain verified");
    const target = list.find((e) => e.day.date === dates[3]);
    sql(`DROP TRIGGER locker_entries_no_update; UPDATE locker_entries SET rate_fen = 50000 WHERE id = ${target.id};
         CREATE TRIGGER locker_entries_no_update BEFORE UPDATE ON locker_entries BEGIN SELECT RAISE(ABORT, 'locker entries are append-only'); END;`);
    await page.reload();
    await page.getByTestId("verdict").filter({ hasText: `第 ${target.seq} 条记录有问题` }).waitFor();
    await page.getByText("这一条的内容或时间被改过").waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("对工: a co-worker opens the day's code, sees the day, and confirms it; the worker sees the confirmation", async () => {
  const w = await openBrowser();
  const mate = await openBrowser();
  try {
    await w.page.goto("/login?next=%2Frights%2Fnew");
    await appReady(w.page);
    await signInWorker(w.page, randomPhone());
    await w.page.waitForURL(`${BASE}/rights/new`);
    await w.page.getByLabel("项目名称(工地告示牌上的)").fill("包河区地铁站项目");
    await w.page.getByLabel("工地地址").fill("合肥市包河区");
    await w.page.getByLabel("包工头(老板)姓名").fill("李四");
    await w.page.getByLabel("包工头电话").fill("13900139000");
    await w.page.getByLabel("说好的单价(元)").fill("300");
    await w.page.getByRole("button", { name: "保存这一天" }).click();
    await w.page.waitForURL(/\/rights\/entry\/\d+$/);
    await w.page.getByRole("button", { name: "给工友扫码对工" }).click();
    await w.page.getByRole("img", { name: "对工二维码" }).waitFor();
    await assertAccessible(w.page, "对工 code shown");
    const id = Number(w.page.url().split("/").pop());
    const code = await (await w.page.request.get(`/api/rights/locker/entries/${id}/confirm-code`)).json();

    // The co-worker's camera opens the code's link: sign in, then the day.
    await mate.page.goto(code.path);
    await appReady(mate.page);
    await mate.page.waitForURL(/\/login\?next=/);
    await signInWorker(mate.page, randomPhone());
    await mate.page.waitForURL(/\/rights\/confirm\?/);
    await mate.page.getByText("包河区地铁站项目").waitFor();
    await assertAccessible(mate.page, "confirm preview");
    await mate.page.getByRole("button", { name: "我确认:这天我们一起在这个工地干活" }).click();
    await mate.page.getByText("已确认,谢谢!").waitFor();
    await mate.page.reload();
    await mate.page.getByText("您已经确认过这一天了。").waitFor();

    await w.page.reload();
    await w.page.getByTestId("confirmations").waitFor();
    assert.match(await w.page.getByTestId("confirmations").innerText(), /✓/);
    assert.deepEqual([...w.errors, ...mate.errors], []);
  } finally {
    await w.close();
    await mate.close();
  }
});
