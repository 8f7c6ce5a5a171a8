// A small API client for tests: JSON in and out, a cookie jar per client (so
// each client is one signed-in person), and the Origin header a browser sends.
import { Agent, fetch as undiciFetch } from "undici";
import { BASE } from "./env.mjs";

// One connection per request. A test step that blocks the event loop (a
// `wrangler d1 execute` run with spawnSync) outlasts wrangler's keep-alive, and
// the next request written to the closed socket fails "other side closed"
// without reaching the server.
const dispatcher = new Agent({ pipelining: 0 });

/** `fetch` without kept-alive connections, for every request the tests make. */
export const fetch = (url, init = {}) => undiciFetch(url, { dispatcher, ...init });

export class Client {
  constructor({ lang = "zh-CN", ip } = {}) {
    this.cookies = new Map();
    this.lang = lang;
    this.ip = ip;
  }

  headers(extra = {}) {
    const h = { "accept-language": this.lang, ...extra };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.ip) h["cf-connecting-ip"] = this.ip;
    return h;
  }

  remember(res) {
    for (const c of res.headers.getSetCookie?.() ?? []) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Sends a request; returns { status, body, headers, text }. */
  async req(method, path, { body, headers = {}, raw, origin = BASE } = {}) {
    const h = this.headers(headers);
    if (method !== "GET" && origin) h.origin = origin;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h["content-type"] ??= "application/json";
    }
    const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: "manual" });
    this.remember(res);
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, body: json, text, headers: res.headers };
  }

  get(path, opts) { return this.req("GET", path, opts); }
  post(path, body, opts = {}) { return this.req("POST", path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.req("PUT", path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.req("PATCH", path, { ...opts, body }); }
  delete(path, opts = {}) { return this.req("DELETE", path, opts); }
}

/** A random valid-looking mainland mobile number, unique per call within a run. */
let seq = 0;
export function randomPhone() {
  seq += 1;
  const tail = String((Date.now() * 7 + seq * 7919 + process.pid) % 100000000).padStart(8, "0");
  return `13${(seq % 10)}${tail}`;
}
