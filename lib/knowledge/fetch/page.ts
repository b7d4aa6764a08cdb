import { Agent, request } from "undici";
import { describeFailure, pinnedLookup } from "@/lib/egress/fetch";
import { EgressBlocked, EgressFailed, type Resolver, vetTarget } from "@/lib/egress/target";

// One URL source page, through the egress guard: every hop is vetted (so a redirect to
// 127.0.0.1 or to a name resolving there is refused like the first URL), the connection uses
// the vetted addresses only, one deadline covers all hops and the whole body, and the body is
// cut off at `maxBytes`. Redirects are followed here, not by undici, precisely so that each
// target passes the guard.

export const PAGE_CONTENT_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "text/markdown",
  "text/x-markdown",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
];

export const USER_AGENT = "YourAgentBot/1.0 (+https://youragent.dev/bot)";
/** The name robots.txt groups are matched against. */
export const ROBOTS_AGENT = "youragentbot";

export type FetchLimits = {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Content types accepted (media type only, no parameters). */
  accept: string[];
  /** Tests and local development only: whether a private address may be called for this URL. */
  allowPrivate?: boolean | ((url: URL) => boolean);
  resolve?: Resolver;
};

export const FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  accept: PAGE_CONTENT_TYPES,
};

export type FetchedPage = { url: string; bytes: Uint8Array; contentType: string; status: number };

/**
 * A fetch that failed; `permanent` when retrying cannot help (blocked, too large, wrong type);
 * `timedOut` when the deadline fired (a page that never finishes, which a retry would repeat).
 */
export class FetchError extends Error {
  readonly status?: number;
  readonly timedOut: boolean;
  constructor(
    message: string,
    readonly permanent: boolean,
    details: { status?: number; timedOut?: boolean } = {},
  ) {
    super(message);
    this.name = "FetchError";
    this.status = details.status;
    this.timedOut = details.timedOut ?? false;
  }
}

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

async function readBody(body: Parameters<typeof discard>[0] & AsyncIterable<Buffer>, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      discard(body);
      throw new FetchError(`The page is larger than ${mb(maxBytes)}.`, true);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const UNDICI_TIMEOUTS = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Drops an unread body; undici reports the abort as an error event, which nobody awaits here. */
function discard(body: { on: (e: "error", f: () => void) => unknown; destroy: () => unknown }) {
  body.on("error", () => undefined);
  body.destroy();
}

function header(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export async function fetchPage(rawUrl: string, overrides: Partial<FetchLimits> = {}): Promise<FetchedPage> {
  const limits = { ...FETCH_LIMITS, ...overrides };
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const seconds = Math.round(limits.timeoutMs / 1000);
  let current = rawUrl;
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    const parsed = URL.canParse(current) ? new URL(current) : null;
    const allowPrivate =
      typeof limits.allowPrivate === "function"
        ? parsed
          ? limits.allowPrivate(parsed)
          : false
        : limits.allowPrivate;
    let target: Awaited<ReturnType<typeof vetTarget>>;
    try {
      target = await vetTarget(current, { allowPrivate, resolve: limits.resolve });
    } catch (e) {
      if (e instanceof EgressBlocked)
        throw new FetchError(hop > 0 ? `Redirect ${e.message}` : e.message, true);
      if (e instanceof EgressFailed) throw new FetchError(e.message, false);
      throw e;
    }
    const agent = new Agent({
      connect: { lookup: pinnedLookup(target.addresses), timeout: limits.timeoutMs },
      connections: 1,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    });
    try {
      const res = await request(target.url, {
        method: "GET",
        headers: { "user-agent": USER_AGENT, accept: `${limits.accept.join(", ")}, */*;q=0.1` },
        dispatcher: agent,
        signal: deadline,
      });
      const location = header(res.headers.location);
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        discard(res.body);
        if (!URL.canParse(location, target.url))
          throw new FetchError("The page redirects to an invalid URL.", true);
        current = new URL(location, target.url).href;
        continue;
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        discard(res.body);
        const permanent =
          res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 429 && res.statusCode !== 408;
        throw new FetchError(`The page answered HTTP ${res.statusCode}.`, permanent, {
          status: res.statusCode,
        });
      }
      const contentType = header(res.headers["content-type"]).split(";")[0]!.trim().toLowerCase();
      if (!limits.accept.includes(contentType)) {
        discard(res.body);
        throw new FetchError(
          `The page's content type (${contentType.slice(0, 80) || "none"}) is not supported.`,
          true,
        );
      }
      const declared = Number(header(res.headers["content-length"]));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        discard(res.body);
        throw new FetchError(`The page is larger than ${mb(limits.maxBytes)}.`, true);
      }
      const bytes = await readBody(res.body, limits.maxBytes);
      return { url: target.url.href, bytes, contentType, status: res.statusCode };
    } catch (e) {
      if (e instanceof FetchError) throw e;
      // undici's own connect/headers/body timers run to the same deadline; on a busy event loop
      // one of them can fire before the deadline's signal does.
      if (deadline.aborted || UNDICI_TIMEOUTS.has((e as { code?: unknown })?.code as string))
        throw new FetchError(`The page did not finish loading within ${seconds} s.`, false, {
          timedOut: true,
        });
      throw new FetchError(describeFailure(e), false);
    } finally {
      agent.destroy().catch(() => undefined);
    }
  }
  throw new FetchError(`The page redirects more than ${limits.maxRedirects} times.`, true);
}
