import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBody } from "@/tests/fakes/read-body";
import { createEmptyPack, getSource, knowledgeOrgForFile, postSource } from "@/tests/fixtures/knowledge";

// The ingest function driven the way an Inngest server drives it: over HTTP against
// app/api/inngest (the SDK's Next adapter), step by step, by the fake's executor
// (tests/fakes/inngest-executor.ts). A page that fails once is a step error the executor retries;
// the run then completes. tests/e2e/knowledge-server-ingest.spec.ts does the same against the
// production server.
type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const file = knowledgeOrgForFile();
let app: Server;
let appUrl = "";
let site: Server;
let siteUrl = "";
let flakyCalls = 0;

beforeAll(async () => {
  const route = (await import("@/app/api/inngest/route")) as unknown as Record<"POST" | "PUT", Handler>;
  app = createServer(async (req, res) => {
    const method = req.method as "POST" | "PUT";
    const body = method === "POST" ? await readBody(req) : undefined;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const out = await route[method](new Request(`${appUrl}${req.url}`, { method, headers, body }), {});
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(await out.text());
  });
  site = createServer((req, res) => {
    if (req.url === "/flaky" && ++flakyCalls === 1) return void res.writeHead(503).end();
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      "<html><head><title>Warranty</title></head><body><p>Three years on every kettle.</p></body></html>",
    );
  });
  for (const s of [app, site]) await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const sync = await fetch(`${appUrl}/api/inngest`, { method: "PUT" });
  expect(sync.status).toBe(200);
  file.backends.inngest.executeFunctions = true;
});

afterAll(async () => {
  for (const s of [app, site]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe("the ingest function through the serve endpoint", () => {
  it("a step that fails once is retried by the executor and the run completes", async () => {
    const inngest = file.backends.inngest;
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, { body: { type: "url", url: `${siteUrl}/flaky` } });
    expect(res.status).toBe(202);
    const run = await inngest.waitForRun((r) => r.event.data.source_public_id === res.json.id, 30_000);
    expect(run, JSON.stringify(run?.error)).toMatchObject({
      status: "completed",
      output: { status: "ready" },
    });
    expect(run.stepsRun).toEqual(["plan", "document-0", "index"]);
    // plan ran; document-0 failed (HTTP 503, retriable) at attempt 0 and ran at attempt 1.
    expect(run.calls).toEqual([
      { attempt: 0, status: 206, ops: ["StepRun"] },
      { attempt: 0, status: 206, ops: ["StepError"] },
      { attempt: 1, status: 206, ops: ["StepRun"] },
      { attempt: 0, status: 206, ops: ["StepRun"] },
      { attempt: 0, status: 200, ops: [] },
    ]);
    expect(flakyCalls).toBe(2);
    const source = (await getSource(file.key, pack.publicId, res.json.id)).json;
    expect(source).toMatchObject({ status: "ready", chunks: 1, progress: { done: 1, total: 1 } });
  });

  it("a re-sent event id starts no second run", async () => {
    const inngest = file.backends.inngest;
    const before = inngest.runs.length;
    // A source that no longer exists: the run ends at its plan step, ignored.
    const data = {
      organization_id: file.org.id,
      source_public_id: randomUUID(),
      requested_at: new Date().toISOString(),
    };
    const event = { id: "knowledge-sync:gone:1", name: "knowledge/source.sync.requested", data };
    expect(inngest.executor.dispatch(event)).toHaveLength(1);
    expect(inngest.executor.dispatch(event)).toHaveLength(0);
    await inngest.settled(10_000);
    expect(inngest.runs).toHaveLength(before + 1);
    expect(inngest.runs.at(-1)).toMatchObject({
      status: "completed",
      output: { status: "ignored", reason: "source deleted" },
      stepsRun: ["plan"],
    });
  });
});
