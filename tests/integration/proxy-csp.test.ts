import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { fakeEnv } from "@/tests/fixtures";

// proxy.ts: a fresh nonce in every page's CSP, passed on to the page (Next reads the request's
// CSP header; the layout and the preview read x-nonce); HSTS on HTTPS deployments.
const run = (path: string) => proxy(new NextRequest(`http://localhost${path}`));
const scriptSrc = (csp: string | null) =>
  (csp ?? "").split("; ").find((d) => d.startsWith("script-src ")) ?? "";

describe("proxy.ts CSP", () => {
  it("dashboard pages: a fresh nonce per response, the same one forwarded to the page", async () => {
    const a = await run("/sign-in");
    const b = await run("/sign-in");
    const na = /'nonce-([^']+)'/.exec(scriptSrc(a.headers.get("content-security-policy")))?.[1];
    const nb = /'nonce-([^']+)'/.exec(scriptSrc(b.headers.get("content-security-policy")))?.[1];
    expect(na).toBeTruthy();
    expect(na).not.toBe(nb);
    expect(scriptSrc(a.headers.get("content-security-policy"))).toContain("'strict-dynamic'");
    expect(scriptSrc(a.headers.get("content-security-policy"))).not.toContain("'unsafe-inline'");
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(na);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(
      a.headers.get("content-security-policy"),
    );
  });

  it("embed and preview: the strict policy with the nonce, no dashboard policy", async () => {
    for (const path of [`/embed/${crypto.randomUUID()}`, `/embed/preview/${crypto.randomUUID()}`]) {
      const csp = (await run(path)).headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/^frame-ancestors 'self'; default-src 'none'; script-src 'self' 'nonce-/);
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain("strict-dynamic");
    }
  });

  it("HSTS when APP_URL is https, none otherwise", async () => {
    fakeEnv({ APP_URL: "https://app.example.com" });
    expect((await run("/")).headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    fakeEnv({ APP_URL: "http://localhost:3000" });
    expect((await run("/")).headers.get("strict-transport-security")).toBeNull();
  });
});
