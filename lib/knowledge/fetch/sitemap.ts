import { FetchError, type FetchLimits, fetchPage } from "./page";
import { fetchRobots, robotsAllow } from "./robots";

// The pages of a sitemap crawl: sitemap.xml (a URL given directly, those robots.txt names, or
// /sitemap.xml), following sitemap indexes, keeping only pages of the same site (scheme, host
// and port of the URL given) that robots.txt allows us, at most `maxPages` of them.

export const SITEMAP_MAX_PAGES = 200;
const MAX_SITEMAPS = 20;
const XML_TYPES = ["application/xml", "text/xml", "application/rss+xml", "text/plain"];

export type SitemapResult = {
  urls: string[];
  /** How many listed pages were left out, and why. */
  skipped: { otherSite: number; disallowed: number; overLimit: number };
};

function decodeXml(text: string): string {
  return text
    .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** The <loc> values of a sitemap, and whether it is an index (its locs are more sitemaps). */
export function parseSitemap(xml: string): { index: boolean; locs: string[] } {
  const index = /<(?:\w+:)?sitemapindex[\s>]/i.test(xml);
  const locs = [...xml.matchAll(/<(?:\w+:)?loc>\s*([\s\S]*?)\s*<\/(?:\w+:)?loc>/gi)].map((m) =>
    decodeXml(m[1]!),
  );
  return { index, locs };
}

function sameSite(candidate: string, origin: string): boolean {
  return URL.canParse(candidate) && new URL(candidate).origin === origin;
}

export async function discoverSitemapUrls(
  rawUrl: string,
  limits: Partial<FetchLimits> & { maxPages?: number } = {},
): Promise<SitemapResult> {
  if (!URL.canParse(rawUrl)) throw new FetchError("The URL is not valid.", true);
  const start = new URL(rawUrl);
  const origin = start.origin;
  const maxPages = Math.min(limits.maxPages ?? SITEMAP_MAX_PAGES, SITEMAP_MAX_PAGES);
  const robots = await fetchRobots(origin, limits);
  const queue = /\.xml$/i.test(start.pathname)
    ? [start.href]
    : robots.sitemaps
        .filter((s) => sameSite(s, origin))
        .concat(robots.sitemaps.length ? [] : [`${origin}/sitemap.xml`]);
  const seenSitemaps = new Set<string>();
  const urls = new Set<string>();
  const skipped = { otherSite: 0, disallowed: 0, overLimit: 0 };
  let fetched = 0;
  while (queue.length > 0 && fetched < MAX_SITEMAPS) {
    const next = queue.shift()!;
    if (seenSitemaps.has(next)) continue;
    seenSitemaps.add(next);
    fetched++;
    const page = await fetchPage(next, { ...limits, accept: XML_TYPES });
    const { index, locs } = parseSitemap(new TextDecoder().decode(page.bytes));
    for (const loc of locs) {
      if (!sameSite(loc, origin)) skipped.otherSite++;
      else if (index) queue.push(new URL(loc).href);
      else if (!robotsAllow(robots, loc)) skipped.disallowed++;
      else if (urls.has(new URL(loc).href)) continue;
      else if (urls.size >= maxPages) skipped.overLimit++;
      else urls.add(new URL(loc).href);
    }
  }
  if (fetched === 0) {
    throw new FetchError("The site names no sitemap on its own host.", true);
  }
  return { urls: [...urls], skipped };
}
