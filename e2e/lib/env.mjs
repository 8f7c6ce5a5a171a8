// Where the running product is, set by e2e/run.mjs for every test process.
export const BASE = process.env.GONGYOU_BASE ?? "http://localhost:8787";
export const LOG = process.env.GONGYOU_LOG;
export const STATE = process.env.GONGYOU_STATE;
export const BOOTSTRAP_TOKEN = process.env.GONGYOU_BOOTSTRAP_TOKEN;
export const ROOT = new URL("../..", import.meta.url).pathname;
