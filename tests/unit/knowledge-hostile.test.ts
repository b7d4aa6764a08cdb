import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTRACT_LIMITS, ExtractionError, extractDocument } from "@/lib/knowledge/extract";
import { FETCH_LIMITS, FetchError, fetchPage } from "@/lib/knowledge/fetch";
import { makeDocx, makeManyPagePdf, makePdf, makeZipBombDocx } from "@/tests/fixtures/knowledge-files";

// Promise 40: each hostile input fails alone, with a reason, within 30 s and 256 MB of extra
// memory (the process's RSS, which includes the extraction worker), while others still succeed.

const MB = 1024 * 1024;
const BOUND_MS = 30_000;
const BOUND_MB = 256;

type Measured = { ms: number; extraMb: number; error: unknown };

async function measure(work: () => Promise<unknown>): Promise<Measured> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, extraMb: (peak - before) / MB, error };
}

function expectBounded(m: Measured, type: new (...a: never[]) => Error, reason: RegExp) {
  expect(m.error).toBeInstanceOf(type);
  expect((m.error as Error).message).toMatch(reason);
  expect(m.ms).toBeLessThan(BOUND_MS);
  expect(m.extraMb).toBeLessThan(BOUND_MB);
}

const servers: Server[] = [];
let port = 0;
let secretHits = 0;
const stalled: ServerResponse[] = [];

beforeAll(async () => {
  const server = createServer((req, res) => {
    if (req.url === "/secret") {
      secretHits++;
      res.end("internal");
    } else if (req.url === "/redirect-literal") {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    } else if (req.url === "/redirect-mapped") {
      res.writeHead(301, { location: `http://[::ffff:127.0.0.1]:${port}/secret` }).end();
    } else if (req.url === "/redirect-name") {
      res.writeHead(307, { location: `http://inside.test:${port}/secret` }).end();
    } else if (req.url === "/never-ends") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body><p>Loading");
      stalled.push(res);
    } else if (req.url === "/no-headers") {
      stalled.push(res);
    } else if (req.url === "/unavailable") {
      res.writeHead(503).end();
    } else res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  servers.push(server);
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

// The public site is "site.test" (resolved to the local server and allowed); every other
// target gets the real guard, as in production.
const siteOnly = {
  resolve: async (host: string) =>
    host === "site.test" || host === "inside.test" ? [{ address: "127.0.0.1", family: 4 as const }] : [],
  allowPrivate: (u: URL) => u.hostname === "site.test",
};

describe("hostile inputs fail alone, with a reason, in bounded time and memory", { timeout: 60_000 }, () => {
  it("the default limits are within the promised bounds", () => {
    expect(EXTRACT_LIMITS.timeMs).toBeLessThanOrEqual(BOUND_MS);
    expect(FETCH_LIMITS.timeoutMs).toBeLessThanOrEqual(BOUND_MS);
    expect(EXTRACT_LIMITS.maxBytes).toBe(10 * MB);
    expect(EXTRACT_LIMITS.workerHeapMb).toBeLessThan(BOUND_MB);
  });

  it("a zip-bomb DOCX (1 GiB of zeros, honest directory) is refused before inflating", async () => {
    const bomb = await makeZipBombDocx(1024 * MB, true);
    expect(bomb.length).toBeLessThan(10 * MB);
    const m = await measure(() => extractDocument({ kind: "docx", bytes: bomb }));
    expectBounded(m, ExtractionError, /zip bomb/);
  });

  it("a zip-bomb DOCX whose directory lies about the size is stopped while inflating", async () => {
    const bomb = await makeZipBombDocx(1024 * MB, false);
    const m = await measure(() => extractDocument({ kind: "docx", bytes: bomb }));
    expectBounded(m, ExtractionError, /expands to more than 100 MB/);
  });

  it("a 10,000-page PDF is refused on its page count", async () => {
    const pdf = await makeManyPagePdf(10_000);
    const m = await measure(() => extractDocument({ kind: "pdf", bytes: pdf }));
    expectBounded(m, ExtractionError, /^The PDF has 10,000 pages; at most 2,000 are accepted\.$/);
  });

  it("10 MB on one line is refused, as text, Markdown and HTML", async () => {
    const line = "a".repeat(10_000_000);
    const bytes = new TextEncoder().encode(line);
    for (const kind of ["text", "markdown"] as const) {
      const m = await measure(() => extractDocument({ kind, bytes }));
      expectBounded(m, ExtractionError, /A line of the document is longer than 100,000 characters/);
    }
    const html = new TextEncoder().encode(`<html><body><p>${"word ".repeat(10)}${line}</p></body></html>`);
    const m = await measure(() => extractDocument({ kind: "html", bytes: html }));
    expectBounded(m, ExtractionError, /A line of the document is longer than 100,000 characters/);
  });

  it("more than 10 MB is refused before any parsing", async () => {
    const m = await measure(() => extractDocument({ kind: "text", bytes: new Uint8Array(10 * MB + 1) }));
    expectBounded(m, ExtractionError, /larger than 10 MB/);
  });

  it("a page that never finishes (body or headers) fails at the fetch deadline", async () => {
    for (const path of ["/never-ends", "/no-headers"]) {
      const m = await measure(() =>
        fetchPage(`http://site.test:${port}${path}`, { ...siteOnly, timeoutMs: 1500 }),
      );
      expectBounded(m, FetchError, /did not finish loading within 2 s/);
      expect(m.ms).toBeGreaterThanOrEqual(1400);
      expect(m.error).toMatchObject({ timedOut: true, permanent: false });
    }
  });

  it("only the deadline marks a failed fetch as timed out", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const failures = await Promise.all(
      [
        `http://site.test:${port}/unavailable`,
        `http://site.test:${port}/redirect-literal`,
        `http://site.test:${closedPort}/`,
      ].map((url) => fetchPage(url, siteOnly).catch((e: unknown) => e)),
    );
    expect(failures.map((e) => [e instanceof FetchError, (e as FetchError).timedOut])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(failures.map((e) => (e as FetchError).message)).toEqual([
      "The page answered HTTP 503.",
      expect.stringMatching(/^Redirect Blocked/),
      "Request failed: connection refused (ECONNREFUSED)",
    ]);
  });

  it("a redirect to 127.0.0.1 (literal, IPv4-mapped, or a name resolving there) is blocked", async () => {
    for (const path of ["/redirect-literal", "/redirect-mapped", "/redirect-name"]) {
      const m = await measure(() => fetchPage(`http://site.test:${port}${path}`, siteOnly));
      expectBounded(m, FetchError, /^Redirect Blocked: .*(range that cannot be called)/);
      expect((m.error as FetchError).permanent).toBe(true);
      expect((m.error as Error).message).not.toContain("127.0.0.1");
    }
    expect(secretHits).toBe(0);
    // The same page without the redirect is reachable: the block is the guard, not the server.
    const ok = await fetchPage(`http://site.test:${port}/`, siteOnly);
    expect(new TextDecoder().decode(ok.bytes)).toBe("<p>ok</p>");
  });

  it("others keep ingesting while hostile inputs are being refused", async () => {
    const [bomb, many] = await Promise.all([makeZipBombDocx(1024 * MB, false), makeManyPagePdf(10_000)]);
    const good = await makePdf("Price list", [{ lines: ["The basic plan costs 9 euros a month."] }]);
    const goodDocx = makeDocx([{ text: "Opening hours", heading: 1 }, { text: "We answer from 8 to 18." }]);
    const finished: string[] = [];
    const track = (name: string, p: Promise<unknown>) =>
      p.then(
        (v) => {
          finished.push(`${name}:ok`);
          return v;
        },
        (e: unknown) => {
          finished.push(`${name}:failed`);
          return e;
        },
      );
    const results = await Promise.all([
      track("stall", fetchPage(`http://site.test:${port}/never-ends`, { ...siteOnly, timeoutMs: 3000 })),
      track("bomb", extractDocument({ kind: "docx", bytes: bomb })),
      track("pages", extractDocument({ kind: "pdf", bytes: many })),
      track("pdf", extractDocument({ kind: "pdf", bytes: good })),
      track("docx", extractDocument({ kind: "docx", bytes: goodDocx })),
    ]);
    expect(results[0]).toBeInstanceOf(FetchError);
    expect(results[1]).toBeInstanceOf(ExtractionError);
    expect(results[2]).toBeInstanceOf(ExtractionError);
    expect(results[3]).toMatchObject({ title: "Price list" });
    expect(results[4]).toMatchObject({ title: "Opening hours" });
    // The good documents did not wait for the stalled page.
    expect(finished.indexOf("pdf:ok")).toBeLessThan(finished.indexOf("stall:failed"));
    expect(finished.indexOf("docx:ok")).toBeLessThan(finished.indexOf("stall:failed"));
  });
});
