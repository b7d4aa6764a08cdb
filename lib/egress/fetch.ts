import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent, request } from "undici";
import { EgressFailed, type ResolvedAddress, type VetOptions, vetTarget } from "./target";

// The one way the server calls a URL someone else chose (webhooks now, URL sources later).
// The name is resolved once, for the check; the connection then uses exactly those vetted
// addresses (undici's connect.lookup never asks DNS again), so an answer that changes between
// check and connect (DNS rebinding) cannot move the request. No redirect is followed, at most
// `maxBytes` of the answer is read, and the whole exchange has one deadline.

export const EGRESS_TIMEOUT_MS = 10_000;
export const EGRESS_MAX_BYTES = 64 * 1024;

export type EgressRequest = { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string };
export type EgressOptions = VetOptions & { timeoutMs?: number; maxBytes?: number };
export type EgressResponse = { status: number; body: string; truncated: boolean; redirect: boolean };

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup replacement that answers only the vetted addresses, whatever is asked. */
export function pinnedLookup(vetted: ResolvedAddress[]) {
  return (_hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const list = vetted.filter((a) => wanted === undefined || a.family === wanted);
    if (list.length === 0) {
      callback(Object.assign(new Error("no vetted address"), { code: "ENOTFOUND" }), []);
      return;
    }
    if (options.all)
      callback(
        null,
        list.map((a) => ({ address: a.address, family: a.family })),
      );
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

const FAILURE_TEXT: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  UND_ERR_SOCKET: "connection closed",
};

/** A reason for a failed attempt from the error's code only: socket messages carry the IP. */
export function describeFailure(e: unknown): string {
  const code =
    (e as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (e as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code !== "string") return "Request failed";
  return `Request failed: ${FAILURE_TEXT[code] ?? "network error"} (${code.replace(/[^A-Z0-9_]/g, "")})`;
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy: () => unknown }, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      truncated = true;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  if (truncated) body.destroy();
  return { body: Buffer.concat(chunks).toString("utf8"), truncated };
}

/** One request to a vetted target; throws EgressBlocked (never reachable) or EgressFailed (this attempt). */
export async function egressFetch(
  rawUrl: string,
  init: EgressRequest = {},
  opts: EgressOptions = {},
): Promise<EgressResponse> {
  const timeoutMs = opts.timeoutMs ?? EGRESS_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? EGRESS_MAX_BYTES;
  const deadline = AbortSignal.timeout(timeoutMs);
  const target = await vetTarget(rawUrl, opts);
  const agent = new Agent({
    connect: { lookup: pinnedLookup(target.addresses), timeout: timeoutMs },
    connections: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  try {
    const res = await request(target.url, {
      method: init.method ?? "GET",
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      signal: deadline,
    });
    const redirect = res.statusCode >= 300 && res.statusCode < 400;
    const read = await readCapped(res.body, maxBytes);
    return { status: res.statusCode, redirect, ...read };
  } catch (e) {
    if (deadline.aborted) throw new EgressFailed(`No answer within ${timeoutMs / 1000} s`);
    throw new EgressFailed(describeFailure(e));
  } finally {
    agent.destroy().catch(() => undefined);
  }
}
