// Waits until a URL answers 200 (at most 120 s).
const url = process.argv[2];
const deadline = Date.now() + 120_000;
for (;;) {
  try {
    const r = await fetch(url);
    if (r.ok) break;
  } catch {}
  if (Date.now() > deadline) {
    console.error(`timed out waiting for ${url}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}
