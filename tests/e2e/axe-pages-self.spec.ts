import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { AxePages, expect, NOT_FOUND, readLedger, test } from "../fixtures/axe-pages";

// The automatic per-template check itself, against a stand-in "app" on a port of its own whose
// paths are the app's routes: a violation on a page the test moved on from still fails it, each
// template is checked once per ledger, a 404 counts as the not-found page, JSON is no page.
const PAGES: Record<string, { status: number; type: string; body: string }> = {
  "/sign-in": page("Sign in", `<img src="/x.png">`),
  "/docs/api": page("API", "<p>Clean.</p>"),
  "/acme/agents": page("Agents", "<p>Clean.</p>"),
  "/nope": { ...page("Not found", "<p>No such page.</p>"), status: 404 },
  "/api/health": { status: 200, type: "application/json", body: '{"ok":true}' },
};

// Marked as the app's pages are once React has hydrated them (components/hydration.tsx), so the
// check does not wait out the marker's timeout on every stand-in page.
function page(title: string, main: string) {
  return {
    status: 200,
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html lang="en" data-page-hydrated="true"><head><title>${title}</title></head><body><main><h1>${title}</h1>${main}</main></body></html>`,
  };
}

let server: Server;
let origin: URL;
let dir: string;
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const p = PAGES[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(p?.status ?? 404, { "content-type": p?.type ?? "text/plain" });
    res.end(p?.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  dir = mkdtempSync(path.join(tmpdir(), "axe-pages-"));
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

test("a violation on a page left earlier fails the test; each template is checked once", async ({
  browser,
}) => {
  const ledger = path.join(dir, "ledger.jsonl");
  const first = new AxePages(origin, ledger, "first");
  const context = await browser.newContext();
  first.watch(context);
  const tab = await context.newPage();
  for (const p of ["/sign-in", "/api/health", "/nope", "/acme/agents"])
    await tab.goto(new URL(p, origin).href);
  await tab.goto(new URL("/docs/api", origin).href);
  await context.close();

  const lines = readLedger(ledger);
  expect(lines.map((l) => l.template).sort()).toEqual([NOT_FOUND, "/[org]/agents", "/docs/api", "/sign-in"]);
  expect(lines.find((l) => l.template === "/sign-in")?.findings.join()).toContain("image-alt (critical)");
  expect(first.problems).toHaveLength(1);
  expect(first.problems[0]).toMatch(/^\/sign-in: \/sign-in image-alt \(critical\)/);

  // A later test on the same ledger opens the same templates: no second check.
  const second = new AxePages(origin, ledger, "second");
  const again = await browser.newContext();
  second.watch(again);
  const tab2 = await again.newPage();
  await tab2.goto(new URL("/sign-in", origin).href);
  await tab2.goto(new URL("/acme/agents", origin).href);
  await again.close();
  expect(readLedger(ledger)).toHaveLength(lines.length);
  expect(second.problems).toEqual([]);
});
