import { type FakeInngest, startFakeInngest } from "../fakes/inngest-server";
import { type AppServer, startAppServer } from "../fixtures/app-server";
import { expect, test } from "../fixtures/axe-pages";
import { makeDocx, makePdf } from "../fixtures/knowledge-files";
import { type PrivatePostgres, startPrivatePostgres } from "../fixtures/postgres";
import { withRowsAt } from "../fixtures/rows";

// Ingestion inside the production server: the fake Inngest server (tests/fakes/inngest-executor.ts)
// receives the app's registration and its sync events and runs the ingest function through the
// server's own /api/inngest, step by step. PDF and DOCX extraction happens in the server's worker
// thread (unpdf and mammoth loaded from the built app), not in this process.
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
let db: PrivatePostgres;
let inngest: FakeInngest;
let app: AppServer;
let key = "";

/** Sentences enough that each section is a chunk of its own. */
const section = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `The ${topic} note ${i + 1} says the Tidewell kettle keeps ${topic} rules.`,
  );

test.beforeAll(async () => {
  db = await startPrivatePostgres();
  inngest = await startFakeInngest();
  inngest.executeFunctions = true;
  app = await startAppServer(db.url, { INNGEST_DEV: "1", INNGEST_BASE_URL: inngest.url });
  key = await withRowsAt(db.url, async (rows) => {
    const org = await rows.createTestOrg({ plan: "pro" });
    return (
      await rows.createTestApiKey(org, { scopes: ["knowledge:read", "knowledge:write", "agents:write"] })
    ).key;
  });
});

test.afterAll(async () => {
  if (app && app.child.exitCode === null) app.child.kill("SIGTERM");
  await app?.exited;
  await inngest?.close();
  await db?.destroy();
});

async function api(path: string, init: { method?: string; json?: unknown; form?: FormData } = {}) {
  const res = await fetch(`${app.url}${path}`, {
    method: init.method ?? (init.json || init.form ? "POST" : "GET"),
    headers: {
      authorization: `Bearer ${key}`,
      ...(init.json ? { "content-type": "application/json" } : {}),
    },
    body: init.json ? JSON.stringify(init.json) : init.form,
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the assertions
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as any };
}

test("the production server's /api/inngest ingests a PDF and a DOCX in its extraction worker", async () => {
  // What the dev server does when it finds an app: PUT, and the app registers its functions.
  const sync = await fetch(`${app.url}/api/inngest`, { method: "PUT" });
  expect(sync.status).toBe(200);
  const ingest = inngest.registrations
    .flatMap((r) => r.functions as { id: string; steps: { step: { runtime: { url: string } } } }[])
    .find((f) => f.id === "youragent-ingest-knowledge-source");
  expect(ingest?.steps.step.runtime.url).toContain(`${app.url}/api/inngest?fnId=`);

  const pack = await api("/api/v1/knowledge-packs", { json: { name: "Worker pack" } });
  expect(pack.status, JSON.stringify(pack.json)).toBe(201);
  const files: [string, string, Uint8Array][] = [
    [
      "kettle.pdf",
      "application/pdf",
      await makePdf("Kettle guide", [
        { lines: section("descaling", 12) },
        { lines: section("boiling", 12) },
        { lines: section("warranty", 12) },
      ]),
    ],
    [
      "kettle.docx",
      DOCX_TYPE,
      makeDocx([
        { text: "Cleaning", heading: 1 },
        ...section("cleaning", 14).map((text) => ({ text })),
        { text: "Spare parts", heading: 1 },
        ...section("spare parts", 14).map((text) => ({ text })),
      ]),
    ],
  ];
  const { extractDocument } = await import("../../lib/knowledge/extract");
  const { chunkDocument } = await import("../../lib/knowledge/chunk");
  const expected = new Map<string, number>();
  let docxId = "";
  for (const [name, type, bytes] of files) {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await api(`/api/v1/knowledge-packs/${pack.json.id}/sources`, { form });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    const kind = name.endsWith(".pdf") ? "pdf" : "docx";
    if (kind === "docx") docxId = res.json.id;
    expected.set(res.json.id, chunkDocument(await extractDocument({ kind, bytes, filename: name })).length);
  }
  for (const id of expected.keys())
    await inngest.waitForRun((r) => r.event.data.source_public_id === id, 90_000);
  const runs = inngest.runs.filter((r) => r.functionId === "youragent-ingest-knowledge-source");
  expect(runs.map((r) => r.event.data.source_public_id).sort()).toEqual([...expected.keys()].sort());
  for (const run of runs) {
    expect(run, JSON.stringify(run.error)).toMatchObject({
      status: "completed",
      output: { status: "ready" },
    });
    expect(run.stepsRun).toEqual(["plan", "document-0", "index"]);
    // Each step was a request the server answered with the step it ran (206), then the result (200).
    expect(run.calls.map((c) => c.status)).toEqual([206, 206, 206, 200]);
  }
  for (const [id, chunks] of expected) {
    expect(chunks).toBeGreaterThanOrEqual(2);
    const source = await api(`/api/v1/knowledge-packs/${pack.json.id}/sources/${id}`);
    expect(source.json).toMatchObject({
      status: "ready",
      chunks,
      progress: { done: 1, total: 1 },
      error: null,
    });
  }
  const hits = await api(
    `/api/v1/knowledge-packs/${pack.json.id}/search?q=${encodeURIComponent("spare parts")}`,
  );
  expect(hits.json.data[0]).toMatchObject({ source: { id: docxId } });
  expect(hits.json.data[0].text).toContain("spare parts rules");
  expect(app.output()).not.toMatch(/document reader is not installed|could not be read/);
});

test("a failed run reaches the failure handler through the server, and the source says why", async () => {
  const pack = await api("/api/v1/knowledge-packs", { json: { name: "Broken pack" } });
  const form = new FormData();
  const notPdf = new TextEncoder().encode("%PDF-1.7\nthis is not really a PDF at all\n%%EOF\n");
  form.set("file", new Blob([notPdf], { type: "application/pdf" }), "broken.pdf");
  const res = await api(`/api/v1/knowledge-packs/${pack.json.id}/sources`, { form });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const run = await inngest.waitForRun((r) => r.event.data.source_public_id === res.json.id, 90_000);
  await inngest.settled(30_000);
  expect(run).toMatchObject({ status: "failed" });
  // NonRetriableError: one attempt of the document step, then the handler of inngest/function.failed.
  expect(run.calls.filter((c) => c.status === 400)).toHaveLength(1);
  const handler = inngest.runs.find(
    (r) => r.functionId === "youragent-ingest-knowledge-source-failure" && r.event.data.run_id === run.runId,
  );
  expect(handler).toMatchObject({ status: "completed" });
  const source = await api(`/api/v1/knowledge-packs/${pack.json.id}/sources/${res.json.id}`);
  expect(source.json).toMatchObject({ status: "failed", error: "The file is not a readable PDF." });
});
