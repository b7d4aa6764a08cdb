import type { Server } from "node:http";
import { expect, type Frame, type Page, test } from "@playwright/test";
import { createOrgWithApiKey } from "../fixtures/e2e";
import { hostPage, serveHostPage } from "../fixtures/host-page";

// The widget across origins: the app on E2E_PORT, an allowed host page on :3205 and a
// not-allowed one on :3206, each with the agent's real snippet from the embed API.
const ALLOWED_PORT = Number(process.env.E2E_WIDGET_ALLOWED_PORT ?? 3205);
const OTHER_PORT = Number(process.env.E2E_WIDGET_OTHER_PORT ?? 3206);
const ALLOWED_ORIGIN = `http://127.0.0.1:${ALLOWED_PORT}`;
const SHOTS = "test-results/screenshots";

const NAME = "<img src=x onerror=alert(1)>";
const WELCOME = "</script><script>window.__pwned=1</script> Hi! <b>Ask me</b> anything.";
const QUICK = ["<i>Returns</i>", "Shipping & delivery"];

let servers: Server[] = [];
/** Extra host pages on the allowed origin, by path. */
const extraPages = new Map<string, string>();
let agentId = "";
let snippet = "";
let apiKey = "";

/** The snippet as pasted long ago: classic theme, top-left. */
function staleSnippet() {
  return snippet
    .replace('"theme":"modern"', '"theme":"classic"')
    .replace('"position":"bottom-right"', '"position":"top-left"');
}

function failOnDialog(page: Page) {
  page.on("dialog", async (d) => {
    await d.dismiss();
    throw new Error(`A dialog fired: ${d.message()}`);
  });
}

async function chatFrame(page: Page): Promise<Frame> {
  await expect(page.locator("[data-youragent] iframe")).toBeAttached();
  const handle = await page.locator("[data-youragent] iframe").elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error("no chat frame");
  return frame;
}

/** The chat page has hydrated (typing before that would submit a plain form). */
async function readyChat(page: Page): Promise<Frame> {
  const frame = await chatFrame(page);
  await expect(frame.locator(".ya-chat[data-ready=true]")).toBeVisible();
  return frame;
}

test.beforeAll(async ({ request }) => {
  const org = await createOrgWithApiKey();
  apiKey = org.key;
  const created = await request.post("/api/v1/agents", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      name: NAME,
      persona: "support",
      system_prompt: "You are a helpful support agent for a shop.",
      auto_optimize: false,
      allowed_origins: [ALLOWED_ORIGIN],
      widget_config: {
        theme: "modern",
        position: "bottom-right",
        welcome_message: WELCOME,
        quick_replies: true,
        quick_reply_options: QUICK,
        branding: true,
        custom_css: ".ya-header{background:#0f766e}</style><script>window.__pwned=2</script>",
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  agentId = (await created.json()).id;
  const embed = await request.get(`/api/v1/agents/${agentId}/embed`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  expect(embed.status()).toBe(200);
  snippet = (await embed.json()).snippet;
  servers = [
    await serveHostPage(ALLOWED_PORT, (path) =>
      path === "/stale"
        ? hostPage("Stale paste", staleSnippet())
        : (extraPages.get(path) ?? hostPage("Allowed shop", snippet)),
    ),
    await serveHostPage(OTHER_PORT, () => hostPage("Some other site", snippet)),
  ];
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

test("the snippet runs in Chromium without executing injected markup and keeps its config", async ({
  page,
}) => {
  failOnDialog(page);
  // widget.js is blocked here so the queue stub stays inspectable.
  await page.route("**/widget.js", (r) => r.abort());
  await page.setContent(`<!doctype html><html><body>${snippet}</body></html>`);
  const state = await page.evaluate(() => {
    const w = window as unknown as {
      __pwned?: unknown;
      YourAgent?: { q: { agentPublicId: string; config: Record<string, unknown> }[] };
    };
    return { pwned: w.__pwned, q: w.YourAgent?.q };
  });
  expect(state.pwned).toBeUndefined();
  expect(state.q).toHaveLength(1);
  expect(state.q?.[0]?.agentPublicId).toBe(agentId);
  expect(state.q?.[0]?.config.name).toBe(NAME);
  expect(state.q?.[0]?.config.welcome_message).toBe(WELCOME);
  expect(state.q?.[0]?.config.quick_reply_options).toEqual(QUICK);
  expect(await page.locator("img").count()).toBe(0);
});

test("on an allowed origin the launcher opens the chat and a reply streams from Gemini", async ({ page }) => {
  failOnDialog(page);
  await page.goto(`${ALLOWED_ORIGIN}/`);
  const launcher = page.getByRole("button", { name: `Open chat with ${NAME}` });
  await expect(launcher).toBeVisible();
  // Lazy: no iframe until the visitor asks.
  await expect(page.locator("[data-youragent] iframe")).toHaveCount(0);
  await launcher.focus();
  await page.keyboard.press("Enter");
  const frame = await readyChat(page);

  // Name, welcome and quick replies render as text, and custom CSS stays in its <style>.
  await expect(frame.locator(".ya-title")).toHaveText(NAME);
  await expect(frame.locator(".ya-msg-assistant").first()).toContainText(WELCOME);
  for (const q of QUICK) await expect(frame.getByRole("button", { name: q, exact: true })).toBeVisible();
  expect(await frame.locator("img, b, i, script:not([src]):has-text('__pwned')").count()).toBe(0);
  await expect(frame.locator(".ya-header")).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expect(frame.getByText("Powered by")).toBeVisible();
  // Focus moved into the chat.
  await expect(frame.locator("#ya-input")).toBeFocused();

  await frame.locator("#ya-input").fill("Do you ship to Canada?");
  await page.keyboard.press("Enter");
  const reply = frame.locator(".ya-msg-assistant").nth(1);
  await expect(reply).toContainText('You said: "Do you ship to Canada?"');
  await expect(frame.locator(".ya-msg-user")).toHaveText(/Do you ship to Canada\?/);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await page.screenshot({ path: `${SHOTS}/widget-allowed-origin.png` });

  // Esc closes the chat and returns focus to the launcher.
  await frame.locator("#ya-input").press("Escape");
  await expect(page.locator("[data-youragent]").locator("css=.panel")).toBeHidden();
  await expect(launcher).toBeFocused();
});

test("on another origin the browser refuses to frame the chat", async ({ page }) => {
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors|Refused to frame/i.test(m.text())) refusals.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${OTHER_PORT}/`);
  const launcher = page.getByRole("button", { name: `Open chat with ${NAME}` });
  await expect(launcher).toBeVisible();
  await launcher.click();
  const frame = await chatFrame(page);
  await page.waitForTimeout(2_000);
  // The embed page never renders inside this host: no chat UI, no input, no welcome text.
  expect(await frame.locator(".ya-chat").count()).toBe(0);
  expect(await frame.locator("#ya-input").count()).toBe(0);
  await expect(frame.locator("body")).not.toContainText("Ask me");
  expect(refusals.length).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/widget-refused-origin.png` });
});

test("past the per-visitor limit the widget says so kindly", async ({ page }) => {
  await page.goto(`${ALLOWED_ORIGIN}/`);
  await page.getByRole("button", { name: `Open chat with ${NAME}` }).click();
  const frame = await readyChat(page);
  const input = frame.locator("#ya-input");
  const notice = frame.locator(".ya-notice");
  const form = frame.locator("form.ya-form");
  let sent = 0;
  for (let i = 0; i < 30 && !(await notice.isVisible()); i++) {
    await input.fill(`message ${i}`);
    await input.press("Enter");
    // The reply (or the refusal) has finished.
    await expect(form).toHaveAttribute("aria-busy", "false");
    sent = i;
  }
  // The refused message is not shown as sent: its text is back in the box to retry later.
  await expect(input).toHaveValue(`message ${sent}`);
  await expect(frame.locator(".ya-msg-user")).toHaveCount(sent);
  await expect(notice).toContainText("a little quickly");
  await expect(notice).toContainText(/try again in \d+ seconds?/);
  await page.screenshot({ path: `${SHOTS}/widget-rate-limited.png` });
});

test("the server's current config wins over the pasted one, and the embed page is well formed", async ({
  page,
  request,
}) => {
  // A stale or tampered paste (see staleSnippet): the server's modern/bottom-right wins.
  expect(staleSnippet()).not.toBe(snippet);
  await page.goto(`${ALLOWED_ORIGIN}/stale`);
  const host = page.locator("[data-youragent]");
  await expect(host).toHaveClass(/bottom-right/);
  await expect(host).toHaveClass(/modern/);
  const res = await request.get(`/embed/${agentId}`);
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

test("a dark, unbranded widget: colors and position from the config, a quick reply sends its text", async ({
  page,
  request,
}) => {
  const created = await request.post("/api/v1/agents", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: {
      name: "Night owl",
      auto_optimize: false,
      allowed_origins: [ALLOWED_ORIGIN],
      widget_config: {
        theme: "dark",
        position: "bottom-left",
        size: "large",
        animation: "fade",
        branding: false,
        sound_enabled: true,
        primary_color: "#be123c",
        welcome_message: "Good evening.",
        quick_reply_options: ["Track my order"],
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).id as string;
  const embed = await request.get(`/api/v1/agents/${id}/embed`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  extraPages.set("/dark", hostPage("Dark shop", (await embed.json()).snippet));

  await page.goto(`${ALLOWED_ORIGIN}/dark`);
  const host = page.locator("[data-youragent]");
  await expect(host).toHaveClass(/dark/);
  await expect(host).toHaveClass(/bottom-left/);
  await expect(host).toHaveClass(/large/);
  await page.getByRole("button", { name: "Open chat with Night owl" }).click();
  const frame = await readyChat(page);
  await expect(frame.locator(".ya-chat")).toHaveClass(/ya-dark/);
  await expect(frame.locator(".ya-header")).toHaveCSS("background-color", "rgb(190, 18, 60)");
  await expect(frame.getByText("Powered by")).toHaveCount(0);
  // A slow model: the typing indicator shows until the first words arrive.
  await page.route("**/api/widget/messages", async (route) => {
    await new Promise((r) => setTimeout(r, 1_000));
    await route.continue();
  });
  await frame.getByRole("button", { name: "Track my order" }).click();
  await expect(frame.getByRole("status", { name: "Night owl is typing" })).toBeVisible();
  await expect(frame.locator(".ya-msg-user")).toHaveText(/Track my order/);
  await expect(frame.locator(".ya-msg-assistant").nth(1)).toContainText('You said: "Track my order"');
  await expect(frame.locator(".ya-typing")).toHaveCount(0);
  // Quick replies are for the first question only.
  await expect(frame.getByRole("button", { name: "Track my order" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/widget-dark.png` });
});

test("widget.js works loaded before the inline init, or long after it, and honours reduced motion", async ({
  page,
}) => {
  // Before: a blocking <script> runs first; the inline stub then finds the real loader.
  extraPages.set("/sync", hostPage("Sync load", snippet.replace(" async></script>", "></script>")));
  // After: the loader arrives a second later and drains the queue.
  const body = /<script>([\s\S]*)<\/script>$/.exec(snippet)?.[1] ?? "";
  const src = /src="([^"]+)"/.exec(snippet)?.[1] ?? "";
  extraPages.set(
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

test("an expired session is re-minted by the page and the visitor can send again", async ({ page }) => {
  const tokens: string[] = [];
  let refuseFirst = true;
  await page.route("**/api/widget/messages", async (route) => {
    tokens.push(route.request().headers().authorization ?? "");
    if (refuseFirst) {
      refuseFirst = false;
      // What the server answers for an expired token.
      return route.fulfill({
        status: 401,
        contentType: "application/problem+json",
        body: JSON.stringify({
          status: 401,
          code: "unauthenticated",
          detail: "The widget session has expired.",
        }),
      });
    }
    return route.continue();
  });
  await page.goto(`${ALLOWED_ORIGIN}/`);
  await page.getByRole("button", { name: `Open chat with ${NAME}` }).click();
  const frame = await readyChat(page);
  const input = frame.locator("#ya-input");
  await input.fill("Are you there?");
  await input.press("Enter");
  await expect(frame.locator(".ya-notice")).toContainText("session was renewed");
  await expect(input).toHaveValue("Are you there?");
  // The page re-rendered on the server with a new token; sending again works.
  await expect(frame.locator(".ya-chat")).toHaveAttribute("data-session-version", "1");
  await input.press("Enter");
  await expect(frame.locator(".ya-msg-assistant").nth(1)).toContainText('You said: "Are you there?"');
  expect(tokens[1]).toMatch(/^Bearer ey/);
  expect(tokens[1]).not.toBe(tokens[0]);
});
