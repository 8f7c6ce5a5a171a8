// Reads the served OpenAPI document: the list of every operation with its
// method, path template, access label and whether it takes a body.
import { Client } from "./client.mjs";

export async function operations() {
  const { status, body } = await new Client().get("/api/openapi.json");
  if (status !== 200) throw new Error(`openapi.json answered ${status}`);
  const ops = [];
  for (const [path, item] of Object.entries(body.paths)) {
    for (const [method, op] of Object.entries(item)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        id: op.operationId,
        access: op["x-access"],
        hasBody: Boolean(op.requestBody),
        idempotent: (op.parameters ?? []).some((p) => p.in === "header" && p.name === "Idempotency-Key"),
        pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      });
    }
  }
  return { doc: body, ops };
}

/** Fills `{param}` placeholders from a map (default: a number that exists nowhere). */
export function fill(path, values = {}) {
  return path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[name] ?? "999999999"));
}
