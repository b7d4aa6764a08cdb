import { expect, test } from "../fixtures/axe-pages";
import { hostPage } from "../fixtures/host-page";
import {
  ALLOWED_ORIGIN,
  chatFrame,
  embedSnippet,
  failOnDialog,
  NAME,
  OTHER_PORT,
  QUICK,
  readyChat,
  SHOTS,
  WELCOME,
  widgetStage,
} from "../fixtures/widget-stage";

// The chat across origins: the app on E2E_PORT, an allowed host page and a not-allowed one, each
// with the agent's real snippet; replies stream from the fake Gemini.
const stage = widgetStage();

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
  // Chromium logs the refusal when it blocks the frame's document; nothing renders after that.
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
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

test("a dark, unbranded widget: colors and position from the config, a quick reply sends its text", async ({
  page,
  request,
}) => {
  const created = await request.post("/api/v1/agents", {
    headers: { Authorization: `Bearer ${stage.apiKey}` },
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
  stage.extraPages.set("/dark", hostPage("Dark shop", await embedSnippet(request, stage.apiKey, id)));

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
