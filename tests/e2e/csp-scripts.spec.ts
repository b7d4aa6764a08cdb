import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithApiKey } from "../fixtures/e2e";
import { signInAsDemoOwner } from "../fixtures/sign-in";

// Scripts only by choice, against the production server: every dashboard page, the embed page
// and the preview render with no `securitypolicyviolation`; custom CSS cannot beacon to another
// host; the dashboard's nonce is fresh per response and script-src has no 'unsafe-inline'.
type Violation = { doc: string; directive: string; blocked: string };

async function watchViolations(page: Page): Promise<Violation[]> {
  const seen: Violation[] = [];
  await page.exposeBinding("__reportCsp", (_src, v: Violation) => void seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCsp: (v: unknown) => void }).__reportCsp({
        doc: location.pathname,
        directive: e.violatedDirective,
        blocked: e.blockedURI,
      });
    });
  });
  return seen;
}

/** Same-origin links of the signed-in dashboard, breadth first (GET only: links never mutate). */
async function crawlDashboard(page: Page, start: string, limit = 40): Promise<string[]> {
  const queue = [start];
  const visited: string[] = [];
  while (queue.length > 0 && visited.length < limit) {
    const path = queue.shift()!;
    if (visited.includes(path)) continue;
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    // "load", not "networkidle": pages that poll live state (optimization, ingestion) never go idle.
    await page.waitForLoadState("load");
    visited.push(path);
    const hrefs = await page
      .locator("a[href^='/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const clean = href.split("#")[0]!.split("?")[0]!;
      if (!clean.startsWith("/acme") && clean !== "/docs/api") continue;
      if (!visited.includes(clean) && !queue.includes(clean)) queue.push(clean);
    }
  }
  return visited;
}

test("every dashboard page loads with no CSP violation", async ({ page }) => {
  // Up to 40 pages, each waited until the network is idle: more than the default minute.
  test.setTimeout(180_000);
  const violations = await watchViolations(page);
  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await signInAsDemoOwner(page);
  const visited = await crawlDashboard(page, "/acme/agents");
  expect(visited.length).toBeGreaterThanOrEqual(8);
  for (const p of [
    "/acme/agents/new",
    "/acme/knowledge-packs",
    "/acme/webhooks",
    "/acme/settings/api-keys",
  ]) {
    expect(visited, p).toContain(p);
  }
  // Interactive under the policy: the new-agent form's live preview reacts to input.
  await page.goto("/acme/agents/new");
  await page.getByLabel("Name", { exact: true }).fill("CSP check");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("CSP check");
  expect(violations).toEqual([]);
});

test("the embed page and the preview load with no CSP violation; custom CSS cannot load other hosts", async ({
  page,
  request,
}) => {
  const { key } = await createOrgWithApiKey();
  const make = async (name: string, widget: Record<string, unknown>) => {
    const res = await request.post("/api/v1/agents", {
      headers: { authorization: `Bearer ${key}` },
      data: { name, auto_optimize: false, widget_config: widget },
    });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const plain = await make("Plain CSP bot", { welcome_message: "Hello there" });
  const hostile = await make("Hostile CSS bot", {
    custom_css: `.ya-chat{background-image:url("http://elsewhere.test/beacon.png")} @import url("http://elsewhere.test/x.css");`,
    welcome_message: `<img src="http://elsewhere.test/content.png"> hi`,
  });
  const elsewhere: string[] = [];
  await page.route("http://elsewhere.test/**", (route) => {
    elsewhere.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "image/png", body: "" });
  });
  const violations = await watchViolations(page);
  for (const path of [`/embed/${plain}`, `/embed/preview/${plain}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
  }
  // The preview's launcher opens the framed chat, which hydrates under the embed policy.
  await page.getByRole("button", { name: "Open chat with Plain CSP bot" }).click();
  const frame = page.frameLocator("[data-youragent] iframe");
  await frame.locator(".ya-chat[data-ready=true]").waitFor();
  expect(violations).toEqual([]);

  await page.goto(`/embed/${hostile}`);
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".ya-chat[data-ready=true]")).toBeVisible();
  expect(elsewhere).toEqual([]);
  expect(violations.every((v) => v.blocked.startsWith("http://elsewhere.test/"))).toBe(true);
  expect(violations.length).toBeGreaterThan(0);
});

test("production dashboard CSP: a fresh nonce per response, no 'unsafe-inline' in script-src", async ({
  request,
}) => {
  const nonces: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/sign-in");
    const csp = res.headers()["content-security-policy"] ?? "";
    const script = csp.split("; ").find((d) => d.startsWith("script-src ")) ?? "";
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    const nonce = /'nonce-([^']+)'/.exec(script)?.[1] ?? "";
    expect(nonce).not.toBe("");
    // The page's own scripts carry exactly this response's nonce.
    const html = await res.text();
    expect(html).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(new Set(nonces).size).toBe(3);
});
