import { FetchError, type FetchLimits, fetchPage, ROBOTS_AGENT } from "./page";

// robots.txt as crawlers read it (RFC 9309): the group naming our agent, else the `*` group;
// the longest matching rule wins and Allow wins a tie; `*` matches any run of characters and
// `$` anchors the end. A missing robots.txt (4xx) allows everything; one that cannot be read
// (5xx, timeout) stops the crawl, since its rules are unknown.

type Rule = { allow: boolean; pattern: string };
export type Robots = { rules: Rule[]; sitemaps: string[] };

export function parseRobots(text: string, agent = ROBOTS_AGENT): Robots {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    const m = /^([a-z-]+)\s*:\s*(.*)$/i.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === "sitemap") {
      if (value) sitemaps.push(value);
      continue;
    }
    if (key === "user-agent") {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || (key !== "allow" && key !== "disallow")) continue;
    // An empty Disallow allows everything: it is no rule at all.
    if (value) current.rules.push({ allow: key === "allow", pattern: value });
  }
  const name = agent.toLowerCase();
  const own = groups.filter((g) => g.agents.some((a) => a !== "*" && name.includes(a)));
  const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes("*"));
  return { rules: chosen.flatMap((g) => g.rules), sitemaps };
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split("*")
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}${anchored ? "$" : ""}`).test(path);
}

export function robotsAllow(robots: Robots, url: string): boolean {
  const u = new URL(url);
  const path = `${u.pathname}${u.search}`;
  let best: Rule | null = null;
  for (const rule of robots.rules) {
    if (!matches(rule.pattern, path)) continue;
    if (
      !best ||
      rule.pattern.length > best.pattern.length ||
      (rule.pattern.length === best.pattern.length && rule.allow)
    ) {
      best = rule;
    }
  }
  return best ? best.allow : true;
}

export async function fetchRobots(origin: string, limits: Partial<FetchLimits> = {}): Promise<Robots> {
  try {
    const page = await fetchPage(new URL("/robots.txt", origin).href, {
      ...limits,
      maxBytes: 512 * 1024,
      accept: ["text/plain", "text/html"],
    });
    if (page.contentType !== "text/plain") return { rules: [], sitemaps: [] };
    return parseRobots(new TextDecoder().decode(page.bytes));
  } catch (e) {
    if (e instanceof FetchError && e.status !== undefined && e.status >= 400 && e.status < 500) {
      return { rules: [], sitemaps: [] };
    }
    if (e instanceof FetchError)
      throw new FetchError(`robots.txt could not be read: ${e.message}`, e.permanent, {
        status: e.status,
        timedOut: e.timedOut,
      });
    throw e;
  }
}
