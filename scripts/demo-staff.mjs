// The seed scripts' API client: JSON calls with a cookie, and a staff sign-in
// that also gives the second factor. Demo staff who need one are enrolled by
// the first sign-in; their authenticator secrets are kept, per checkout, in
// .demo-second-factors.json (never committed), with the last step each used,
// so no code is given twice (the server refuses a reused code), and the live
// session, so the seed scripts one after another sign in once.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { DEMO_FILE, totp } from "./totp.mjs";

const loadDemo = () => (existsSync(DEMO_FILE) ? JSON.parse(readFileSync(DEMO_FILE, "utf8")) : {});

/** A code the server takes: this step's, else the next one's; else waits. */
async function nextCode(username) {
  for (;;) {
    const demo = loadDemo();
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (demo[username].step ?? 0) + 1);
    if (step <= now + 1) {
      demo[username].step = step;
      writeFileSync(DEMO_FILE, JSON.stringify(demo, null, 2));
      return totp(demo[username].secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function client(base) {
  let cookie = "";
  async function call(method, path, body) {
    const res = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json", origin: base, cookie, "idempotency-key": `seed-${path.replace(/\W/g, "")}-${Math.random().toString(36).slice(2)}` },
      body: body && JSON.stringify(body),
    });
    const set = res.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  /** Answers the reply of a password sign-in or bootstrap, finishing the second factor. */
  async function finish(username, reply) {
    const step = reply.body?.second_factor?.step;
    if (!step) return reply;
    if (step === "enrol") {
      const enrol = await call("POST", "/api/auth/second-factor/enrolment");
      if (enrol.status !== 200) return enrol;
      writeFileSync(DEMO_FILE, JSON.stringify({ ...loadDemo(), [username]: { secret: enrol.body.secret.replace(/\s/g, "") } }, null, 2));
      return call("POST", "/api/auth/second-factor/enrolment/confirm", { code: await nextCode(username) });
    }
    if (!loadDemo()[username]) {
      throw new Error(`${username} has an authenticator this checkout has no secret for (${DEMO_FILE} is gone). Start over with: rm -rf .wrangler/state`);
    }
    return call("POST", "/api/auth/second-factor", { code: await nextCode(username) });
  }

  const remembered = (username, reply) => {
    if (reply.status === 200 && loadDemo()[username]) {
      const demo = loadDemo();
      demo[username].cookie = cookie;
      writeFileSync(DEMO_FILE, JSON.stringify(demo, null, 2));
    }
    return reply;
  };

  /** Signs in, reusing this checkout's live session of `username` when there is one. */
  async function signIn(username, password) {
    const kept = loadDemo()[username]?.cookie;
    if (kept) {
      cookie = kept;
      const me = await call("GET", "/api/me");
      if (me.status === 200 && me.body.me.staff?.username === username) return me;
      cookie = "";
    }
    return remembered(username, await finish(username, await call("POST", "/api/auth/staff-login", { username, password })));
  }

  return { call, finish: async (username, reply) => remembered(username, await finish(username, reply)), signIn };
}
