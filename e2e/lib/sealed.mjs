// The Worker's sealing of ID numbers, for tests that look at D1 directly:
// AES-256-GCM `v{n}:{base64(nonce ‖ ciphertext ‖ tag)}` bound to `user:{id}`,
// and the blind index HMAC-SHA256(key text, "id_number:{number}") in hex
// (shared/src/server/sealed.rs). Keys come from worker/.dev.vars.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { devVar } from "./server.mjs";

const sealKey = (version) => {
  const b64 = devVar(`ID_KEY_V${version}`);
  return b64 ? Buffer.from(b64, "base64") : null;
};
/** The blind-index key of a version as the Worker reads it (ID_HMAC_KEY is version 1). */
const indexKey = (version) => devVar(`ID_HMAC_KEY_V${version}`) ?? (version === 1 ? devVar("ID_HMAC_KEY") : undefined);

export const currentKey = () => Number(devVar("ID_KEY_CURRENT") ?? 1);
export const currentIndex = () => Number(devVar("ID_HMAC_KEY_CURRENT") ?? 1);
export const hasKeys = (version) => Boolean(sealKey(version) && indexKey(version));

/** Sealed as the Worker seals `plain` for user `userId` (or bound to `aad`). */
export function seal(version, plain, userId, aad = `user:${userId}`) {
  const nonce = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", sealKey(version), nonce);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final(), c.getAuthTag()]);
  return `v${version}:${Buffer.concat([nonce, ct]).toString("base64")}`;
}

/** The plain number (or text bound to `aad`), or null when it does not open. */
export function open(sealed, userId, aad = `user:${userId}`) {
  const m = /^v(\d+):(.*)$/.exec(sealed ?? "");
  const key = m && sealKey(Number(m[1]));
  if (!key) return null;
  const bytes = Buffer.from(m[2], "base64");
  try {
    const d = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([d.update(bytes.subarray(12, bytes.length - 16)), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function blindIndex(version, plain) {
  return createHmac("sha256", Buffer.from(indexKey(version), "utf8")).update(`id_number:${plain}`).digest("hex");
}

/** The plaintext of a sealed file (`Keyring::seal_bytes`: `gy`, 1, the key
 *  version, then nonce ‖ ciphertext ‖ tag) bound to `aad`, or null. */
export function openBytes(sealed, aad) {
  if (sealed.length < 4 + 12 + 16 || sealed[0] !== 0x67 || sealed[1] !== 0x79 || sealed[2] !== 1) return null;
  const key = sealKey(sealed[3]);
  if (!key) return null;
  const body = sealed.subarray(4);
  try {
    const d = createDecipheriv("aes-256-gcm", key, body.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([d.update(body.subarray(12, body.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

/** Sealed as `Keyring::seal_bytes` seals a file under key `version`, bound to `aad`. */
export function sealBytes(version, plain, aad) {
  const nonce = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", sealKey(version), nonce);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  return Buffer.concat([Buffer.from([0x67, 0x79, 1, version]), nonce, ct]);
}
