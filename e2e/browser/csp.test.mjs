// The Content-Security-Policy (shared/src/headers.rs) in a real browser: every
// area loads and works with it, with no violation reported (issue 12, item 12).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, appReady } from "../lib/browser.mjs";

test("CSP: /, /map, /jobs, /me and /admin/ load with the policy and report no violation", async () => {
  const b = await openBrowser();
  try {
    const { context, page } = b;
    // Set up before any page script runs (DevTools, so the policy does not apply to it).
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    const refused = [];
    // Chromium also logs each violation to the console ("Refused to …").
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    const pages = [
      ["/", ".shell"],
      ["/map", ".leaflet-container"],
      ["/jobs", ".shell"],
      ["/me", ".shell"],
      ["/admin/", ".admin-shell, form"],
    ];
    for (const [path, ready] of pages) {
      const res = await page.goto(path);
      assert.match(res.headers()["content-security-policy"] ?? "", /script-src 'self' 'wasm-unsafe-eval'/, `${path} has the policy`);
      await appReady(page).catch(() => {});
      await page.waitForSelector(ready, { state: "attached" });
      // The wasm app is running: the boot splash is gone.
      assert.equal(await page.locator("#boot").count(), 0, `${path}: the app started`);
      await page.waitForTimeout(300);
      const violations = await page.evaluate(() => window.__csp);
      assert.deepEqual(violations, [], `${path}: CSP violations`);
    }
    assert.deepEqual(refused, [], "no CSP errors in the console");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
