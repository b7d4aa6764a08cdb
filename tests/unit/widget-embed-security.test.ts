import { describe, expect, it } from "vitest";
import { embedContentSecurityPolicy, sanitizeCustomCss } from "@/lib/widget/embed-security";

describe("embed page CSP", () => {
  it("allows only the app itself when the agent has no origins", () => {
    expect(embedContentSecurityPolicy([])).toMatch(/^frame-ancestors 'self';/);
  });

  it("lists the allowed origins and drops anything that could inject a directive", () => {
    const csp = embedContentSecurityPolicy([
      "https://shop.example.com",
      "http://127.0.0.1:3205",
      "https://evil.example; script-src *",
      "https://x.example/path",
      "*",
    ]);
    expect(csp).toContain("frame-ancestors 'self' https://shop.example.com http://127.0.0.1:3205;");
    expect(csp).not.toContain("evil");
    expect(csp).not.toContain("script-src *");
    expect(csp).not.toMatch(/ \*/);
  });
});

describe("custom CSS", () => {
  it("cannot close its <style> element or open markup", () => {
    const out = sanitizeCustomCss(".a{color:red}</style><script>alert(1)</script><</sty</stylele>");
    expect(out).not.toMatch(/<\/?\s*style/i);
    expect(out).not.toContain("<");
    expect(out).toContain(".a{color:red}");
  });

  it("keeps ordinary CSS as is and bounds its size", () => {
    expect(sanitizeCustomCss(".ya-header > .ya-title { color: #fff }")).toBe(
      ".ya-header > .ya-title { color: #fff }",
    );
    expect(sanitizeCustomCss("a".repeat(20_000))).toHaveLength(10_000);
    expect(sanitizeCustomCss(null)).toBe("");
  });
});
