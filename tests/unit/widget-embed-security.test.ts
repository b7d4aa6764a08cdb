import { describe, expect, it } from "vitest";
import {
  embedContentSecurityPolicy,
  embedFrameAncestors,
  sanitizeCustomCss,
} from "@/lib/widget/embed-security";

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

describe("embed page CSP: what may load and run", () => {
  const nonce = "AAAAAAAAAAAAAAAAAAAAAA==";
  const directives = (csp: string) =>
    Object.fromEntries(
      csp.split("; ").map((d) => {
        const [name, ...values] = d.split(" ");
        return [name, values.join(" ")];
      }),
    );

  it("denies by default and allows only the app, data: images and this response's nonce", () => {
    expect(directives(embedContentSecurityPolicy(["https://shop.example.com"], nonce))).toEqual({
      "frame-ancestors": "'self' https://shop.example.com",
      "default-src": "'none'",
      "script-src": `'self' 'nonce-${nonce}'`,
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "frame-src": "'self'",
      "base-uri": "'none'",
      "object-src": "'none'",
      "form-action": "'self'",
    });
  });

  it("without a usable nonce, scripts come from the app only", () => {
    for (const bad of [
      undefined,
      "",
      "short",
      "abc'; script-src *",
      "AAAAAAAAAAAAAAAA AAAA",
      "AAAAAAAAAAAAAAAAAAAA===",
    ]) {
      const csp = embedContentSecurityPolicy([], bad);
      expect(directives(csp)["script-src"], String(bad)).toBe("'self'");
    }
    expect(directives(embedContentSecurityPolicy([], "abcdefghijklmnop+/9"))["script-src"]).toBe(
      "'self' 'nonce-abcdefghijklmnop+/9'",
    );
  });

  it("keeps ports and plain-http origins but nothing with a path, a wildcard or whitespace", () => {
    expect(
      embedFrameAncestors([
        "http://a.example:8080",
        "https://b.example",
        "https://c.example/",
        " https://d.example",
        "https://*.e.example",
      ]),
    ).toBe("'self' http://a.example:8080 https://b.example");
    expect(embedFrameAncestors(["https://a.example:123456", "javascript://x", "https://a.example:1"])).toBe(
      "'self' https://a.example:1",
    );
  });
});

describe("custom CSS: comment markers and nesting", () => {
  it("removes comment markers and re-checks until nothing closes the element", () => {
    expect(sanitizeCustomCss("a{}<!--b-->c")).toBe("a{}bc");
    expect(sanitizeCustomCss("<<!---->/style>")).not.toMatch(/<\/?\s*style/i);
    expect(sanitizeCustomCss("</ style>x")).toBe(">x");
    expect(sanitizeCustomCss("a<b")).toBe("a\\3c b");
    expect(sanitizeCustomCss("")).toBe("");
    expect(sanitizeCustomCss(undefined)).toBe("");
  });
});
