import { describe, expect, it } from "vitest";
import { clientIp, PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";

function h(socket: string | undefined, xff?: string, raw?: string) {
  const headers = new Headers();
  if (socket) headers.set(PEER_HEADER, peerHeaderValue(socket));
  if (raw) headers.set(PEER_HEADER, raw);
  if (xff) headers.set("x-forwarded-for", xff);
  return headers;
}

describe("clientIp", () => {
  it("is the socket address, and X-Forwarded-For is ignored when TRUST_PROXY is 0", () => {
    expect(clientIp(h("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIp(h("198.51.100.7", "1.2.3.4"), 0)).toBe("198.51.100.7");
  });

  it("folds IPv4-mapped IPv6 sockets into IPv4 and lower-cases IPv6", () => {
    expect(clientIp(h("::ffff:198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIp(h("2001:DB8::1"), 0)).toBe("2001:db8::1");
  });

  it("with N trusted proxies takes the Nth hop from the right", () => {
    // client 1.2.3.4 spoofs 9.9.9.9; proxy A (10.0.0.1) appends the client; proxy B is the socket.
    const headers = h("10.0.0.2", "9.9.9.9, 1.2.3.4, 10.0.0.1");
    expect(clientIp(headers, 1)).toBe("10.0.0.1");
    expect(clientIp(headers, 2)).toBe("1.2.3.4");
    expect(clientIp(headers, 3)).toBe("9.9.9.9");
    // More trusted hops than the chain has: its leftmost address.
    expect(clientIp(headers, 9)).toBe("9.9.9.9");
    expect(clientIp(h("10.0.0.2"), 1)).toBe("10.0.0.2");
  });

  it("stops at a malformed hop instead of believing it", () => {
    expect(clientIp(h("10.0.0.2", "1.2.3.4, not-an-ip"), 2)).toBe("10.0.0.2");
  });

  it("never trusts a peer header the server did not stamp", () => {
    expect(clientIp(h(undefined, "1.2.3.4", "forged 1.2.3.4"), 0)).toBe("unknown");
    expect(clientIp(h(undefined, "1.2.3.4"), 1)).toBe("unknown");
    const tag = peerHeaderValue("x").split(" ")[0]!;
    expect(clientIp(h(undefined, undefined, `${tag.replace(/.$/, "0")}0 1.2.3.4`), 0)).toBe("unknown");
  });
});
