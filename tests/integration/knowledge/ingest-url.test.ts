import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { FETCH_LIMITS } from "@/lib/knowledge/fetch";
import { fakeEnv } from "@/tests/fixtures";
import {
  chunkRows,
  createEmptyPack,
  getSource,
  ingestLikeInngest,
  knowledgeOrgForFile,
  postSource,
  searchPack,
} from "@/tests/fixtures/knowledge";

// URL sources through the real fetcher against a local site: one page, a sitemap (progress per
// page), a transient failure that a retry heals, and a redirect to a private address that fails
// the source with its reason while another source still ingests.
const file = knowledgeOrgForFile();
let site: Server;
let base = "";
let flakyCalls = 0;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;

beforeAll(async () => {
  site = createServer((req, res) => {
    const html = (s: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(s);
    };
    if (req.url === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(`User-agent: *\nDisallow: /private\nSitemap: ${base}/sitemap.xml\n`);
    }
    if (req.url === "/sitemap.xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      const locs = ["/a", "/b", "/c", "/private/x", "https://elsewhere.example/d"]
        .map((p) => `<url><loc>${p.startsWith("http") ? p : base + p}</loc></url>`)
        .join("");
      return res.end(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`,
      );
    }
    if (req.url === "/a")
      return html(page("Opening hours", "The Leipzig showroom opens at nine on weekdays."));
    if (req.url === "/b") return html(page("Parking", "Free parking for two hours behind the showroom."));
    if (req.url === "/c") return html(page("Gift cards", "Gift cards never expire and work online."));
    if (req.url === "/flaky") {
      flakyCalls++;
      if (flakyCalls === 1) {
        res.writeHead(503);
        return res.end();
      }
      return html(page("Flaky", "The warranty lasts three years on every kettle."));
    }
    if (req.url === "/never-ends") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body><p>Still loading");
      return; // and never ends
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
});

describe("URL sources", () => {
  it("a page that never finishes fails its source within 30 s, without retries", async () => {
    // The production deadline is within the promise; this run waits a shorter one of the same path.
    const deadline = envSchema.parse({}).KNOWLEDGE_FETCH_TIMEOUT_MS;
    expect(deadline).toBe(FETCH_LIMITS.timeoutMs);
    expect(deadline).toBeLessThan(30_000);
    fakeEnv({ KNOWLEDGE_FETCH_TIMEOUT_MS: "2000" });
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, {
      body: { type: "url", url: `${base}/never-ends` },
    });
    const started = Date.now();
    const run = await ingestLikeInngest(file.org.id, res.json.id);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.attempts).toBe(1);
    const s = (await getSource(file.key, pack.publicId, res.json.id)).json;
    expect(s).toMatchObject({ status: "failed" });
    expect(s.error).toMatch(/did not finish loading within 2 s/);
  }, 40_000);

  it("a sitemap crawl ingests the site's allowed pages, progress reaching its total", async () => {
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, {
      body: { type: "url", url: `${base}/sitemap.xml`, crawl: "sitemap", sync: "daily" },
    });
    expect(res.status).toBe(202);
    const run = await ingestLikeInngest(file.org.id, res.json.id);
    expect(run.error).toBeUndefined();
    const done = (await getSource(file.key, pack.publicId, res.json.id)).json;
    expect(done).toMatchObject({ status: "ready", progress: { done: 3, total: 3 }, sync: "daily" });
    const chunks = await chunkRows(res.json.id);
    expect(new Set(chunks.map((c) => c.url))).toEqual(new Set([`${base}/a`, `${base}/b`, `${base}/c`]));
    const hit = await searchPack(file.key, pack.publicId, "where can I park?");
    expect(hit.json.data[0]).toMatchObject({
      source: { id: res.json.id, url: `${base}/b`, title: "Parking" },
    });
  });

  it("a transient failure is retried and the source still becomes ready", async () => {
    const pack = await createEmptyPack(file.org);
    const res = await postSource(file.key, pack.publicId, { body: { type: "url", url: `${base}/flaky` } });
    const run = await ingestLikeInngest(file.org.id, res.json.id);
    expect(run.attempts).toBeGreaterThan(1);
    expect(run.error).toBeUndefined();
    expect((await getSource(file.key, pack.publicId, res.json.id)).json).toMatchObject({
      status: "ready",
      error: null,
    });
  });

  it("a private address fails that source at once with its reason; another still ingests", async () => {
    fakeEnv({ WEBHOOK_ALLOW_PRIVATE_URLS: "0" });
    const pack = await createEmptyPack(file.org);
    const bad = await postSource(file.key, pack.publicId, {
      body: { type: "url", url: "http://127.0.0.1:9/x" },
    });
    const good = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "Ok", content: "Kettles boil water." },
    });
    const started = Date.now();
    const run = await ingestLikeInngest(file.org.id, bad.json.id);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.attempts).toBe(1);
    const failed = (await getSource(file.key, pack.publicId, bad.json.id)).json;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/private|not allowed|blocked|loopback/i);
    await ingestLikeInngest(file.org.id, good.json.id);
    expect((await getSource(file.key, pack.publicId, good.json.id)).json.status).toBe("ready");
  });
});
