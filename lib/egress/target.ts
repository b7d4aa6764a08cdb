import { lookup } from "node:dns/promises";
import { classifyAddress, isLocalName, parseAddress } from "./address";

// Vetting a URL before any byte is sent: the scheme, then the host as a literal address or as a
// name whose every answer must be allowed. Reasons name the range, never the address: they are
// stored and shown to the org, and an internal IP is exactly what must not leak.

/** The target may never be reached (retrying cannot help). */
export class EgressBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EgressBlocked";
  }
}

/** This attempt failed (resolution, connection, timeout); a later one may succeed. */
export class EgressFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EgressFailed";
  }
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type VettedTarget = { url: URL; addresses: ResolvedAddress[] };
export type VetOptions = { allowPrivate?: boolean; resolve?: Resolver };

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && /^[A-Z_]+$/.test(code) ? code : "unknown error";
}

/** The URL and the only addresses a connection to it may use; throws EgressBlocked / EgressFailed. */
export async function vetTarget(rawUrl: string, opts: VetOptions = {}): Promise<VettedTarget> {
  if (!URL.canParse(rawUrl)) throw new EgressBlocked("Blocked: the URL is not valid.");
  const url = new URL(rawUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EgressBlocked("Blocked: only http and https URLs can be called.");
  }
  const literal = parseAddress(url.hostname);
  if (literal) {
    const verdict = classifyAddress(url.hostname.replace(/^\[|\]$/g, ""));
    if (!verdict.allowed && !opts.allowPrivate) {
      throw new EgressBlocked(
        `Blocked: the URL's address is in a range that cannot be called (${verdict.range}).`,
      );
    }
    return { url, addresses: [{ address: literal.toString(), family: literal.kind() === "ipv6" ? 6 : 4 }] };
  }
  if (isLocalName(url.hostname) && !opts.allowPrivate) {
    throw new EgressBlocked("Blocked: the host name means this machine (localhost).");
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (opts.resolve ?? systemResolver)(url.hostname);
  } catch (e) {
    throw new EgressFailed(`The host name could not be resolved (${errorCode(e)}).`);
  }
  if (addresses.length === 0) throw new EgressFailed("The host name has no addresses.");
  if (!opts.allowPrivate) {
    for (const a of addresses) {
      const verdict = classifyAddress(a.address);
      if (!verdict.allowed) {
        throw new EgressBlocked(
          `Blocked: the host name resolves to a range that cannot be called (${verdict.range}).`,
        );
      }
    }
  }
  return { url, addresses };
}
