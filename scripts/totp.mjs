// TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s) — what an authenticator app
// shows. As a command it prints the current code of the demo staff that
// `make run` enrolled (their secrets are in .demo-second-factors.json):
//   node scripts/totp.mjs [username]
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text) {
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, "").toUpperCase()) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit code of a 30-second `step` (default: now) for a base32 secret. */
export function totp(secret, step = Math.floor(Date.now() / 30_000)) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = hash[19] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

export const DEMO_FILE = new URL("../.demo-second-factors.json", import.meta.url).pathname;

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(DEMO_FILE)) {
    console.error("No demo authenticators yet: `make run` sets them up.");
    process.exit(1);
  }
  const demo = JSON.parse(readFileSync(DEMO_FILE, "utf8"));
  const wanted = process.argv[2];
  const names = wanted ? [wanted] : Object.keys(demo);
  const left = 30 - Math.floor(Date.now() / 1000) % 30;
  for (const name of names) {
    if (!demo[name]) {
      console.error(`${name} has no demo authenticator (viewers sign in without one).`);
      process.exit(1);
    }
    console.log(`${name.padEnd(16)} ${totp(demo[name].secret)}`);
  }
  console.log(`(valid for ${left} more seconds, and the 30 s after)`);
}
