import { describe, expect, it } from "vitest";
import { dashboardCsp, hstsHeader, newNonce } from "@/lib/http/csp";

describe("dashboard CSP (per request)", () => {
  it("production: scripts by nonce with 'strict-dynamic', never 'unsafe-inline' or eval", () => {
    const csp = dashboardCsp({ nonce: "n0nce", dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(script).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it("next dev adds eval and its websocket, still no 'unsafe-inline' for scripts", () => {
    const csp = dashboardCsp({ nonce: "n", dev: true });
    expect(csp).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
  });

  it("a fresh 128-bit nonce each time", () => {
    const seen = new Set(Array.from({ length: 50 }, newNonce));
    expect(seen.size).toBe(50);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("HSTS only for an https APP_URL", () => {
    expect(hstsHeader("https://app.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(hstsHeader("HTTPS://APP.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(hstsHeader("http://localhost:3000")).toBeUndefined();
    expect(hstsHeader(undefined)).toBeUndefined();
  });
});
