// The authenticator app of the tests (codes from scripts/totp.mjs): the secrets
// of the staff the tests have enrolled, and signing in with them.
// Test files run in separate processes, so the secrets and the last step each
// used live in a file of the run's state directory: a code is never reused,
// which the server would refuse.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { totp } from "../../scripts/totp.mjs";

export { totp };

const file = () => join(process.env.GONGYOU_STATE, "second-factors.json");
const load = () => (existsSync(file()) ? JSON.parse(readFileSync(file(), "utf8")) : {});
const save = (all) => writeFileSync(file(), JSON.stringify(all));

/** Keeps the secret a staff member's authenticator was given. */
export function remember(username, secret) {
  const all = load();
  all[username] = { secret: secret.replace(/\s/g, ""), step: 0 };
  save(all);
}

export function secretOf(username) {
  return load()[username]?.secret;
}

/** A code the server will take for `username`: this step's, or the next one's
 *  (a step either side is accepted) when this one was used; else waits. */
export async function nextCode(username) {
  for (;;) {
    const all = load();
    const entry = all[username];
    if (!entry) throw new Error(`no authenticator remembered for ${username}`);
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, entry.step + 1);
    if (step <= now + 1) {
      entry.step = step;
      save(all);
      return totp(entry.secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** After a right password: sets up the authenticator or gives its code, as
 *  the reply asks; answers the signed-in `me` (and the recovery codes, once). */
export async function finishSignIn(client, username, reply) {
  const due = reply.body?.second_factor;
  if (!due) return { me: reply.body.me };
  if (due.step === "enrol") {
    const enrol = await client.post("/api/auth/second-factor/enrolment");
    if (enrol.status !== 200) throw new Error(`enrol ${username}: ${enrol.status} ${enrol.text}`);
    remember(username, enrol.body.secret);
    const done = await client.post("/api/auth/second-factor/enrolment/confirm", { code: await nextCode(username) });
    if (done.status !== 200) throw new Error(`confirm ${username}: ${done.status} ${done.text}`);
    return { me: done.body.me, recoveryCodes: done.body.recovery_codes };
  }
  const done = await client.post("/api/auth/second-factor", { code: await nextCode(username) });
  if (done.status !== 200) throw new Error(`second factor ${username}: ${done.status} ${done.text}`);
  return { me: done.body.me };
}
