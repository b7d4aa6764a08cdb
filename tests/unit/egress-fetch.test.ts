import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { describeFailure, egressFetch, pinnedLookup } from "@/lib/egress/fetch";
import { EgressBlocked, EgressFailed, type Resolver } from "@/lib/egress/target";

// Real sockets on 127.0.0.1: what reaches a listener is what the guard let through.
type Listener = { port: number; connections: number; requests: string[]; server: Server };
const open: Server[] = [];

async function listen(
  handler: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void,
) {
  const l: Listener = { port: 0, connections: 0, requests: [], server: createServer() };
  l.server.on("connection", () => l.connections++);
  l.server.on("request", (req, res) => {
    l.requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((r) => l.server.listen(0, "127.0.0.1", r));
  l.port = (l.server.address() as AddressInfo).port;
  open.push(l.server);
  return l;
}

afterEach(async () => {
  for (const s of open.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A resolver whose answers change from call to call, counting its calls. */
function changingResolver(...answers: string[]) {
  let calls = 0;
  const resolve: Resolver = async () => {
    const address = answers[Math.min(calls, answers.length - 1)]!;
    calls++;
    return [{ address, family: 4 }];
  };
  return { resolve, calls: () => calls };
}

describe("egressFetch: the connection uses the address that was checked", () => {
  it("a public answer for the check and 127.0.0.1 afterwards: nothing reaches 127.0.0.1", async () => {
    const l = await listen((_req, res) => res.end("reached"));
    const dns = changingResolver("93.184.216.34", "127.0.0.1");
    const err = await egressFetch(
      `http://rebind.test:${l.port}/`,
      {},
      { resolve: dns.resolve, timeoutMs: 800 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressFailed);
    expect(dns.calls()).toBe(1);
    expect(l.connections).toBe(0);
    expect((err as Error).message).not.toContain("93.184.216.34");
  });

  it("the reverse order reaches the listener: the first (checked) answer is the one used", async () => {
    const l = await listen((_req, res) => res.end("reached"));
    const dns = changingResolver("127.0.0.1", "93.184.216.34");
    const res = await egressFetch(
      `http://rebind.test:${l.port}/x`,
      { method: "POST", body: "{}", headers: { "content-type": "application/json" } },
      { resolve: dns.resolve, allowPrivate: true, timeoutMs: 2000 },
    );
    expect(res).toEqual({ status: 200, body: "reached", truncated: false, redirect: false });
    expect(l.requests).toEqual(["POST /x"]);
    expect(dns.calls()).toBe(1);
  });

  it("a name resolving to 127.0.0.1 is blocked before any connection", async () => {
    const l = await listen((_req, res) => res.end("reached"));
    const err = await egressFetch(
      `http://evil.test:${l.port}/`,
      {},
      { resolve: changingResolver("127.0.0.1").resolve },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressBlocked);
    expect((err as Error).message).not.toContain("127.0.0.1");
    expect(l.connections).toBe(0);
  });
});

describe("egressFetch: redirects, size and time", () => {
  it("does not follow a redirect to http://127.0.0.1/", async () => {
    const inner = await listen((_req, res) => res.end("inner"));
    const outer = await listen((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${inner.port}/` });
      res.end();
    });
    const res = await egressFetch(
      `http://127.0.0.1:${outer.port}/`,
      {},
      { allowPrivate: true, timeoutMs: 2000 },
    );
    expect(res.status).toBe(302);
    expect(res.redirect).toBe(true);
    expect(inner.connections).toBe(0);
  });

  it("reads at most 64 KiB of an answer and stops there", async () => {
    const l = await listen((_req, res) => {
      res.writeHead(200);
      res.end("x".repeat(1024 * 1024));
    });
    const res = await egressFetch(`http://127.0.0.1:${l.port}/`, {}, { allowPrivate: true, timeoutMs: 2000 });
    expect(res.body.length).toBe(64 * 1024);
    expect(res.truncated).toBe(true);
    const small = await egressFetch(`http://127.0.0.1:${l.port}/`, {}, { allowPrivate: true, maxBytes: 10 });
    expect(small.body).toBe("xxxxxxxxxx");
  });

  it("an answer exactly at the cap is complete, not truncated", async () => {
    const l = await listen((_req, res) => res.end("abcd"));
    const res = await egressFetch(`http://127.0.0.1:${l.port}/`, {}, { allowPrivate: true, maxBytes: 4 });
    expect(res).toMatchObject({ body: "abcd", truncated: false, status: 200 });
  });

  it("times out a server that never answers", async () => {
    const l = await listen(() => undefined);
    const t0 = performance.now();
    const err = await egressFetch(
      `http://127.0.0.1:${l.port}/`,
      {},
      { allowPrivate: true, timeoutMs: 300 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressFailed);
    expect((err as Error).message).toBe("No answer within 0.3 s");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("reports a refused connection by code, without the address", async () => {
    const l = await listen(() => undefined);
    const port = l.port;
    await new Promise((r) => l.server.close(r));
    open.splice(open.indexOf(l.server), 1);
    const err = await egressFetch(
      `http://127.0.0.1:${port}/`,
      {},
      { allowPrivate: true, timeoutMs: 2000 },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe("Request failed: connection refused (ECONNREFUSED)");
  });
});

describe("pinnedLookup and describeFailure", () => {
  const vetted = [
    { address: "93.184.216.34", family: 4 as const },
    { address: "2606:2800::1", family: 6 as const },
  ];
  const call = (options: object) =>
    new Promise<unknown[]>((resolve) => pinnedLookup(vetted)("other.test", options, (...a) => resolve(a)));

  it("answers only vetted addresses, in the shape asked for", async () => {
    expect(await call({ all: true })).toEqual([null, vetted]);
    expect(await call({})).toEqual([null, "93.184.216.34", 4]);
    expect(await call({ family: 6 })).toEqual([null, "2606:2800::1", 6]);
    expect(await call({ family: 4, all: true })).toEqual([null, [vetted[0]]]);
    const none = await new Promise<unknown[]>((resolve) =>
      pinnedLookup([vetted[0]!])("x", { family: 6 }, (...a) => resolve(a)),
    );
    expect((none[0] as { code: string }).code).toBe("ENOTFOUND");
  });

  it("describes failures by code only", () => {
    expect(describeFailure({ code: "ECONNRESET" })).toBe("Request failed: connection reset (ECONNRESET)");
    expect(describeFailure({ cause: { code: "ENETUNREACH" } })).toBe(
      "Request failed: network unreachable (ENETUNREACH)",
    );
    expect(describeFailure({ code: "EWHATEVER" })).toBe("Request failed: network error (EWHATEVER)");
    expect(describeFailure(new Error("connect ECONNREFUSED 10.0.0.1:80"))).toBe("Request failed");
    expect(describeFailure(undefined)).toBe("Request failed");
  });
});
