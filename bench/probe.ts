import type { HttpRequestSpec } from "./load";

// One request outside the load, read whole: its status, body and the server's statement count.
export type Probe = { status: number; statements: number | null; json: unknown };

export async function probe(ctx: { baseUrl: string }, spec: HttpRequestSpec): Promise<Probe> {
  const headers = { ...spec.headers, ...spec.makeHeaders?.() };
  const body = spec.makeBody?.() ?? spec.body;
  if (body) headers["content-type"] = "application/json";
  const res = await fetch(`${ctx.baseUrl}${spec.path}`, { method: spec.method ?? "GET", headers, body });
  const text = await res.text();
  const count = res.headers.get("x-statement-count");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, statements: count === null ? null : Number(count), json };
}
