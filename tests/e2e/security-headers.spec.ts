import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithApiKey } from "../fixtures/e2e";

// Promise 19 of RELIABILITY.md against the production server: the dashboard is never framed
// and has a CSP it actually renders under; the API sends no wildcard CORS; the embed page keeps
// its own frame-ancestors; widget.js is public, cacheable and nosniff.
const common = (h: Record<string, string>) => {
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
};

test("dashboard pages: CSP with frame-ancestors 'none', nosniff, and they still render without CSP errors", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  for (const path of ["/sign-in", "/sign-up", "/"]) {
    const res = await page.goto(path);
    expect(res, path).not.toBeNull();
    const h = await res!.allHeaders();
    common(h);
    const csp = h["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
  }
  // The sign-in form is interactive (hydrated React) under the CSP.
  await page.goto("/sign-in");
  await expect(page.getByLabel(/email/i)).toBeVisible();
  await page.getByLabel(/email/i).fill("someone@example.test");
  await expect(page.getByLabel(/email/i)).toHaveValue("someone@example.test");
  expect(violations).toEqual([]);
});

test("the dashboard refuses to be framed by another origin", async ({ page, baseURL }) => {
  await page.route("http://evil.example.test/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<iframe src="${baseURL}/sign-in"></iframe>` }),
  );
  await page.goto("http://evil.example.test/");
  await page.waitForTimeout(1_500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  // Chromium blocks the document: the frame never shows the sign-in form (which has inputs).
  const inputs = await frame!
    .locator("input")
    .count()
    .catch(() => 0);
  expect(inputs).toBe(0);
});

test("API: problem+json with nosniff and a locked-down CSP, no wildcard CORS with credentials", async ({
  request,
}) => {
  const { key } = await createOrgWithApiKey();
  for (const [path, headers, status] of [
    ["/api/v1/agents", {}, 401],
    ["/api/v1/agents", { authorization: `Bearer ${key}` }, 200],
    ["/api/v1/nope", {}, 404],
  ] as const) {
    const res = await request.get(path, { headers: { origin: "https://evil.example.test", ...headers } });
    expect(res.status(), path).toBe(status);
    const h = res.headers();
    common(h);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    const acao = h["access-control-allow-origin"];
    expect(acao === "*" && h["access-control-allow-credentials"] === "true").toBe(false);
    expect(acao).not.toBe("https://evil.example.test");
  }
  const preflight = await request.fetch("/api/v1/agents", {
    method: "OPTIONS",
    headers: {
      origin: "https://evil.example.test",
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization",
    },
  });
  expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
  expect(preflight.headers()["access-control-allow-credentials"]).toBeUndefined();
});

test("embed page: its own frame-ancestors (the agent's origins), not the dashboard's 'none'", async ({
  request,
}) => {
  const { key } = await createOrgWithApiKey();
  const created = await request.post("/api/v1/agents", {
    headers: { authorization: `Bearer ${key}` },
    data: { name: "Headers bot", allowed_origins: ["https://shop.example.com"], auto_optimize: false },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const res = await request.get(`/embed/${id}`);
  expect(res.status()).toBe(200);
  const h = res.headers();
  common(h);
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors");
  expect(csp).toContain("https://shop.example.com");
  expect(csp).not.toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"]).toBeUndefined();
});

test("widget.js: public, cacheable, JavaScript with nosniff", async ({ request }) => {
  const res = await request.get("/widget.js");
  expect(res.status()).toBe(200);
  const h = res.headers();
  common(h);
  expect(h["content-type"]).toMatch(/javascript/);
  expect(h["cache-control"]).toMatch(/public/);
  expect(h["cache-control"]).toMatch(/max-age=\d+/);
  expect(h["cache-control"]).not.toMatch(/no-store|private/);
  expect(h["content-security-policy"]).toBeUndefined();
});
