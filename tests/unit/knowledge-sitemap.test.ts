import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverSitemapUrls, FetchError, fetchPage, parseRobots, robotsAllow } from "@/lib/knowledge/fetch";

// A real local site: robots.txt, a sitemap index with two sitemaps, pages on this site and on
// others. Only the listener's own origin counts as "the same site".

let origin = "";
let robots = "";
const served: string[] = [];
let server: Server;
/** robots.txt sends its first line and then never finishes. */
const STALL = "(stall)";

const urlset = (locs: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs
    .map((l) => `<url><loc>${l}</loc></url>`)
    .join("")}</urlset>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    served.push(req.url ?? "");
    const xml = (body: string) => res.writeHead(200, { "content-type": "application/xml" }).end(body);
    if (req.url === "/robots.txt") {
      if (robots === STALL) res.writeHead(200, { "content-type": "text/plain" }).write("User-agent: *\n");
      else if (!robots) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end(robots);
    } else if (req.url === "/sitemap.xml") {
      xml(
        `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/a.xml</loc></sitemap>` +
          `<sitemap><loc>${origin}/b.xml</loc></sitemap><sitemap><loc>http://elsewhere.test/c.xml</loc></sitemap></sitemapindex>`,
      );
    } else if (req.url === "/a.xml") {
      const pages = Array.from({ length: 150 }, (_, i) => `${origin}/docs/${i}`);
      xml(urlset([...pages, "http://elsewhere.test/x", `${origin.replace("127.0.0.1", "localhost")}/y`]));
    } else if (req.url === "/b.xml") {
      const pages = Array.from({ length: 150 }, (_, i) => `${origin}/blog/${i}?a=1&amp;b=2`);
      xml(urlset([`${origin}/private/secret`, `${origin}/docs/0`, ...pages]));
    } else if (req.url === "/small.xml") {
      xml(
        urlset([
          `${origin}/private/x`,
          `${origin}/private/open-day`,
          `${origin}/docs/1`,
          `${origin}/docs/file.pdf`,
        ]),
      );
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const local = { allowPrivate: true };

describe("discoverSitemapUrls", () => {
  it("follows the index, keeps the same site only, and stops at 200 pages", async () => {
    robots = "";
    const { urls, skipped } = await discoverSitemapUrls(`${origin}/`, local);
    expect(urls).toHaveLength(200);
    expect(urls.every((u) => u.startsWith(`${origin}/`))).toBe(true);
    expect(urls.slice(0, 150)).toEqual(Array.from({ length: 150 }, (_, i) => `${origin}/docs/${i}`));
    expect(urls[151]).toBe(`${origin}/blog/0?a=1&b=2`);
    expect(skipped).toEqual({ otherSite: 3, disallowed: 0, overLimit: 101 });
    expect(served).not.toContain("/c.xml");
  });

  it("respects robots.txt: our group over *, longest rule wins, Allow wins ties", async () => {
    robots = [
      "User-agent: *",
      "Disallow: /",
      "",
      "User-agent: YourAgentBot",
      "Disallow: /private/",
      "Allow: /private/open",
      "Disallow: /*.pdf$",
      "Sitemap: " + "http://elsewhere.test/s.xml",
    ].join("\n");
    const { urls, skipped } = await discoverSitemapUrls(`${origin}/small.xml`, local);
    expect(urls).toEqual([`${origin}/private/open-day`, `${origin}/docs/1`]);
    expect(skipped.disallowed).toBe(2);
  });

  it("a robots.txt naming only other sites' sitemaps gives a clear reason", async () => {
    robots = "Sitemap: http://elsewhere.test/s.xml\n";
    await expect(discoverSitemapUrls(`${origin}/`, local)).rejects.toThrow(
      new FetchError("The site names no sitemap on its own host.", true),
    );
  });

  it("the crawl goes through the guard too: a private site is blocked by default", async () => {
    await expect(discoverSitemapUrls(`${origin}/`)).rejects.toThrow(/robots.txt could not be read: Blocked/);
  });

  it("a robots.txt that never finishes stops the crawl as timed out, not as a permanent failure", async () => {
    robots = STALL;
    const error = await discoverSitemapUrls(`${origin}/`, { ...local, timeoutMs: 800 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({
      message: "robots.txt could not be read: The page did not finish loading within 1 s.",
      timedOut: true,
      permanent: false,
    });
    robots = "";
  });

  it("fetchPage refuses content types no extractor reads", async () => {
    await expect(fetchPage(`${origin}/a.xml`, local)).rejects.toThrow(
      "The page's content type (application/xml) is not supported.",
    );
  });
});

describe("parseRobots", () => {
  it("reads the * group when ours is absent, and empty Disallow allows all", () => {
    const r = parseRobots("User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp\nDisallow:\n");
    expect(robotsAllow(r, "https://x.test/tmp/a")).toBe(false);
    expect(robotsAllow(r, "https://x.test/tmpfile")).toBe(false);
    expect(robotsAllow(r, "https://x.test/docs")).toBe(true);
    expect(robotsAllow(parseRobots("User-agent: *\nDisallow:\n"), "https://x.test/a")).toBe(true);
  });

  it("groups several agents in one group and ignores comments", () => {
    const r = parseRobots("User-agent: a\nUser-agent: youragentbot # us\nDisallow: /x # no\n");
    expect(robotsAllow(r, "https://x.test/x/1")).toBe(false);
    expect(robotsAllow(r, "https://x.test/y")).toBe(true);
  });
});
