import type { Server } from "node:http";
import type { Browser, Frame, Page } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithApiKey } from "../fixtures/e2e";
import { recordIssued, serveIdentitySite } from "../fixtures/identity-host";
import { readyChat } from "../fixtures/widget-stage";

// Acceptance 3 and 5 of visitor identity: browser contexts are devices. A signed-in user's
// conversation follows them to a second device; another user never sees it; a `required` agent
// without a token shows the sign-in notice and mints no session; logout() ends the user's
// session in the widget; one user over two devices meets one per-visitor limit (5 on e2e).
const OPTIONAL_PORT = Number(process.env.E2E_IDENTITY_PORT ?? 3215);
const REQUIRED_PORT = OPTIONAL_PORT + 1;
const optionalSite = { agentId: "", secret: "" };
const requiredSite = { agentId: "", secret: "" };
let servers: Server[] = [];

test.beforeAll(async ({ request, baseURL }) => {
  const { key } = await createOrgWithApiKey();
  const auth = { Authorization: `Bearer ${key}` };
  for (const [site, port, mode] of [
    [optionalSite, OPTIONAL_PORT, "optional"],
    [requiredSite, REQUIRED_PORT, "required"],
  ] as const) {
    const created = await request.post("/api/v1/agents", {
      headers: auth,
      data: {
        name: `Members ${mode}`,
        auto_optimize: false,
        allowed_origins: [`http://127.0.0.1:${port}`],
        widget_config: { welcome_message: "Welcome back." },
      },
    });
    expect(created.status()).toBe(201);
    site.agentId = (await created.json()).id;
    const rotated = await request.post(`/api/v1/agents/${site.agentId}/identity-secret`, { headers: auth });
    expect(rotated.status()).toBe(200);
    site.secret = (await rotated.json()).secret;
    recordIssued(site.secret);
    const patched = await request.patch(`/api/v1/agents/${site.agentId}`, {
      headers: auth,
      data: { identity_verification: mode },
    });
    expect(patched.status()).toBe(200);
  }
  servers = [
    await serveIdentitySite(OPTIONAL_PORT, baseURL as string, () => optionalSite),
    await serveIdentitySite(REQUIRED_PORT, baseURL as string, () => requiredSite),
  ];
});

test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function openAs(browser: Browser, port: number, sub?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sessions: number[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/api/widget/session")) sessions.push(r.status());
  });
  await page.goto(`http://127.0.0.1:${port}/${sub ? `?sub=${sub}` : ""}`);
  await page.getByRole("button", { name: /Open chat with/ }).click();
  const frame = await readyChat(page);
  return { context, page, frame, sessions };
}

async function verified(frame: Frame) {
  await expect(frame.locator(".ya-chat[data-user=verified]")).toBeVisible();
}

async function send(page: Page, frame: Frame, text: string) {
  await frame.locator("#ya-input").fill(text);
  await frame.locator("#ya-input").press("Enter");
  await expect(frame.locator("form.ya-form")).toHaveAttribute("aria-busy", "false");
  void page;
}

test("the same user sees their conversation on a second device; another user does not; logout ends it", async ({
  browser,
}) => {
  const sub = `alice-${Date.now()}`;
  const phone = await openAs(browser, OPTIONAL_PORT, sub);
  await verified(phone.frame);
  await send(phone.page, phone.frame, "Where is order 1042?");
  await expect(phone.frame.locator(".ya-msg-assistant").nth(1)).toContainText("order 1042");
  await expectAccessible(phone.page);

  // The token never reaches the host page's DOM or the frame's URL.
  const token = await phone.page.evaluate(async (s) => (await fetch(`/token?sub=${s}`)).text(), sub);
  const hostHtml = await phone.page.content();
  expect(hostHtml).not.toContain(token.split(".")[2]);
  expect(await phone.page.locator("[data-youragent] iframe").getAttribute("src")).not.toContain("eyJ");

  const laptop = await openAs(browser, OPTIONAL_PORT, sub);
  await verified(laptop.frame);
  await expect(laptop.frame.locator(".ya-msg-user")).toHaveText(["You: Where is order 1042?"]);
  await expectAccessible(laptop.page);

  const bob = await openAs(browser, OPTIONAL_PORT, `bob-${Date.now()}`);
  await verified(bob.frame);
  await expect(bob.frame.locator(".ya-msg-assistant").first()).toContainText("Welcome back.");
  await expect(bob.frame.locator(".ya-msg-user")).toHaveCount(0);

  // logout(): the user's conversation leaves the widget; an anonymous visitor may still chat.
  await laptop.page.getByRole("button", { name: "Sign out" }).click();
  await expect(laptop.frame.locator(".ya-chat[data-user=verified]")).toHaveCount(0);
  await expect(laptop.frame.locator(".ya-msg-user")).toHaveCount(0);
  await expect(laptop.frame.locator(".ya-chat")).not.toHaveAttribute("data-session-version", "0");
  await send(laptop.page, laptop.frame, "Just browsing");
  await expect(laptop.frame.locator(".ya-msg-user")).toHaveCount(1);
  for (const d of [phone, laptop, bob]) await d.context.close();
});

test("required: without a token the widget asks to sign in and no session is minted", async ({ browser }) => {
  const guest = await openAs(browser, REQUIRED_PORT);
  await expect(guest.frame.getByText("Sign in on this site to chat.")).toBeVisible();
  await expect(guest.frame.locator("#ya-input")).toBeDisabled();
  await expectAccessible(guest.page);
  await guest.page.waitForTimeout(500);
  expect(guest.sessions.filter((s) => s === 200)).toEqual([]);
  await guest.context.close();

  const member = await openAs(browser, REQUIRED_PORT, `carol-${Date.now()}`);
  await verified(member.frame);
  await expect(member.frame.getByText("Sign in on this site to chat.")).toHaveCount(0);
  await send(member.page, member.frame, "Hello");
  await expect(member.frame.locator(".ya-msg-assistant").nth(1)).toContainText("Hello");
  await member.context.close();
});

test("one user over two devices is limited as one visitor", async ({ browser }) => {
  const sub = `dave-${Date.now()}`;
  const one = await openAs(browser, OPTIONAL_PORT, sub);
  const two = await openAs(browser, OPTIONAL_PORT, sub);
  await verified(one.frame);
  await verified(two.frame);
  let accepted = 0;
  for (let i = 0; i < 8; i++) {
    const d = i % 2 === 0 ? one : two;
    const before = await d.frame.locator(".ya-msg-user").count();
    await send(d.page, d.frame, `ping ${i}`);
    if ((await d.frame.locator(".ya-msg-user").count()) > before) accepted++;
  }
  expect(accepted).toBe(5);
  await expect(two.frame.locator(".ya-notice")).toContainText("a little quickly");
  await one.context.close();
  await two.context.close();
});
