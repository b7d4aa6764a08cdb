import { expect, test } from "../fixtures/axe-pages";
import { hostPage } from "../fixtures/host-page";
import {
  ALLOWED_ORIGIN,
  failOnDialog,
  NAME,
  QUICK,
  readyChat,
  WELCOME,
  widgetStage,
} from "../fixtures/widget-stage";

// The snippet on a host page: injected markup stays inert, the server's config wins over a stale
// paste, the embed page is well formed, and the loader works whenever it arrives.
const stage = widgetStage();

test("the stage.snippet runs in Chromium without executing injected markup and keeps its config", async ({
  page,
}) => {
  failOnDialog(page);
  // widget.js is blocked here so the queue stub stays inspectable.
  await page.route("**/widget.js", (r) => r.abort());
  await page.setContent(`<!doctype html><html><body>${stage.snippet}</body></html>`);
  const state = await page.evaluate(() => {
    const w = window as unknown as {
      __pwned?: unknown;
      YourAgent?: { q: { agentPublicId: string; config: Record<string, unknown> }[] };
    };
    return { pwned: w.__pwned, q: w.YourAgent?.q };
  });
  expect(state.pwned).toBeUndefined();
  expect(state.q).toHaveLength(1);
  expect(state.q?.[0]?.agentPublicId).toBe(stage.agentId);
  expect(state.q?.[0]?.config.name).toBe(NAME);
  expect(state.q?.[0]?.config.welcome_message).toBe(WELCOME);
  expect(state.q?.[0]?.config.quick_reply_options).toEqual(QUICK);
  expect(await page.locator("img").count()).toBe(0);
});

test("the server's current config wins over the pasted one, and the embed page is well formed", async ({
  page,
  request,
}) => {
  // A stale or tampered paste (see staleSnippet): the server's modern/bottom-right wins.
  expect(stage.staleSnippet()).not.toBe(stage.snippet);
  await page.goto(`${ALLOWED_ORIGIN}/stale`);
  const host = page.locator("[data-youragent]");
  await expect(host).toHaveClass(/bottom-right/);
  await expect(host).toHaveClass(/modern/);
  const res = await request.get(`/embed/${stage.agentId}`);
  expect(res.status()).toBe(200);
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`frame-ancestors 'self' ${ALLOWED_ORIGIN}`);
  expect(csp).not.toMatch(/frame-ancestors[^;]*'none'/);
  expect(res.headers()["x-frame-options"]).toBeUndefined();
  const html = await res.text();
  expect(html).not.toContain("You are a helpful support agent");
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("</style><script>window.__pwned=2");
  expect((await request.get(`/embed/${crypto.randomUUID()}`)).status()).toBe(404);
});

test("widget.js works loaded before the inline init, or long after it, and honours reduced motion", async ({
  page,
}) => {
  // Before: a blocking <script> runs first; the inline stub then finds the real loader.
  stage.extraPages.set(
    "/sync",
    hostPage("Sync load", stage.snippet.replace(" async></script>", "></script>")),
  );
  // After: the loader arrives a second later and drains the queue.
  const body = /<script>([\s\S]*)<\/script>$/.exec(stage.snippet)?.[1] ?? "";
  const src = /src="([^"]+)"/.exec(stage.snippet)?.[1] ?? "";
  stage.extraPages.set(
    "/late",
    hostPage(
      "Late load",
      `<script>${body}</script><script>setTimeout(function(){var s=document.createElement("script");s.src=${JSON.stringify(src)};document.body.appendChild(s)},1000)</script>`,
    ),
  );
  await page.emulateMedia({ reducedMotion: "reduce" });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  for (const path of ["/sync", "/late"]) {
    await page.goto(`${ALLOWED_ORIGIN}${path}`);
    const launcher = page.getByRole("button", { name: `Open chat with ${NAME}` });
    await expect(launcher).toBeVisible();
    await expect(page.locator("[data-youragent]")).toHaveCount(1);
    const state = await page.evaluate(() => {
      const ya = (window as unknown as { YourAgent: { q: unknown[]; init: { toString(): string } } })
        .YourAgent;
      return { queued: ya.q.length, stub: ya.init.toString().includes("this.q.push") };
    });
    expect(state, path).toEqual({ queued: 0, stub: false });
  }
  await page.getByRole("button", { name: `Open chat with ${NAME}` }).click();
  await readyChat(page);
  const animation = await page
    .locator("[data-youragent]")
    .evaluate((el) => getComputedStyle(el.shadowRoot?.querySelector(".panel") as Element).animationName);
  expect(animation).toBe("none");
  expect(errors).toEqual([]);
});
