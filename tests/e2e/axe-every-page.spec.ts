import type { Server } from "node:http";
import { expect, test } from "../fixtures/axe-every-page";
import { serveHostPage } from "../fixtures/host-page";

// The automatic axe check itself: it must see a violation on a page the test only passes
// through, inside an iframe, and on a second context, or the house rule is not enforced.
const PORT = Number(process.env.E2E_AXE_SELFTEST_PORT ?? 3207);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const doc = (body: string) =>
  `<!doctype html><html lang="en"><head><title>Axe self-test</title></head><body><main>${body}</main></body></html>`;
const PAGES: Record<string, string> = {
  "/clean": doc("<h1>Clean</h1>"),
  // An image with no text alternative: image-alt, critical.
  "/bad": doc('<h1>Bad</h1><img src="/x.png">'),
  "/framed": doc('<h1>Framed</h1><iframe title="inner" src="/bad-inner"></iframe>'),
  // A button with no accessible name: button-name, critical.
  "/bad-inner": doc("<button></button>"),
};

let server: Server;
test.beforeAll(async () => {
  server = await serveHostPage(PORT, (path) => PAGES[path] ?? doc("<p>other</p>"));
});
test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test("a page left at once still gets its check: the navigation waits for it", async ({
  page,
  axeWatcher,
}) => {
  await page.goto(`${ORIGIN}/bad`);
  await page.goto(`${ORIGIN}/clean`);
  expect([...axeWatcher.findings.keys()]).toEqual([
    expect.stringMatching(/\/bad image-alt \(critical\): img/),
  ]);
  expect([...axeWatcher.checked]).toEqual(expect.arrayContaining([`${ORIGIN}/bad`, `${ORIGIN}/clean`]));
  // The violations were planted; what would fail the test is proven, now let it pass.
  axeWatcher.findings.clear();
});

test("violations inside an iframe count, and the framed document counts as checked", async ({
  page,
  axeWatcher,
}) => {
  await page.goto(`${ORIGIN}/framed`);
  await expect(page.frameLocator("iframe").locator("button")).toBeAttached();
  await page.goto(`${ORIGIN}/clean`);
  expect([...axeWatcher.findings.keys()]).toEqual([
    expect.stringMatching(/\/framed button-name \(critical\): iframe button/),
  ]);
  expect(axeWatcher.checked).toContain(`${ORIGIN}/bad-inner`);
  axeWatcher.findings.clear();
});

test("pages of a context the test makes itself are checked when it closes them", async ({
  browser,
  axeWatcher,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/bad`);
  await context.close();
  expect([...axeWatcher.findings.keys()]).toEqual([expect.stringMatching(/\/bad image-alt/)]);
  axeWatcher.findings.clear();
});

test("a visited document with no completed check is reported", async ({ page, axeWatcher }) => {
  await page.goto(`${ORIGIN}/clean`);
  // As if every attempt had been interrupted: the teardown assertion must notice.
  axeWatcher.checked.clear();
  expect(axeWatcher.problems()).toEqual([`${ORIGIN}/clean: visited but no axe check completed on it`]);
});
