import type { Server } from "node:http";
import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { createApiKeyFor, createOrgWithUser } from "../fixtures/e2e";
import { hostPage, serveHostPage } from "../fixtures/host-page";
import { signIn } from "../fixtures/sign-in";
import { embedSnippet, failOnDialog, readyChat, SHOTS } from "../fixtures/widget-stage";

// Conversations end to end: a visitor chats on a host page, rates an answer, reloads and sees the
// chat again; the admin filters and searches the inbox and opens the transcript with that rating.
const PORT = Number(process.env.E2E_CONVERSATIONS_HOST_PORT ?? 3209);
const HOST = `http://127.0.0.1:${PORT}`;
let server: Server | undefined;

test.afterAll(async () => {
  if (server) await new Promise((r) => server!.close(r));
});

test("a visitor's chat survives a reload, and its thumbs-down shows in the dashboard", async ({ page }) => {
  test.setTimeout(120_000);
  failOnDialog(page);
  const owner = await createOrgWithUser({ role: "owner", plan: "pro" });
  const key = await createApiKeyFor(owner.orgId);
  const created = await page.request.post("/api/v1/agents", {
    headers: { Authorization: `Bearer ${key}` },
    data: { name: "Returns helper", auto_optimize: false, allowed_origins: [HOST] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const agentId = (await created.json()).id as string;
  const snippet = await embedSnippet(page.request, key, agentId);
  server = await serveHostPage(PORT, () => hostPage("Shop", snippet));

  // The visitor asks, gets a streamed reply, rates it down with a comment.
  await page.goto(`${HOST}/`);
  await page.getByRole("button", { name: "Open chat with Returns helper" }).click();
  let frame = await readyChat(page);
  await frame.locator("#ya-input").fill("Where is my refund for the kettle?");
  await frame.locator("#ya-input").press("Enter");
  const reply = frame.locator(".ya-msg-assistant").last();
  await expect(reply).toContainText("You said");
  await reply.getByRole("button", { name: "Not helpful" }).click();
  await expect(reply.getByRole("status")).toHaveText("Thanks!");
  await reply.getByLabel("Comment on this answer (optional)").fill("Too vague about dates");
  await reply.getByRole("button", { name: "Send" }).click();
  await expect(reply.getByRole("status")).toHaveText("Thanks for the comment.");
  await expectAccessible(page);

  // A reload: the iframe's kept secret reopens the same conversation, rating included. This
  // Chromium denies the cross-site iframe localStorage, so the partitioned cookie carries it.
  await page.reload();
  await page.getByRole("button", { name: "Open chat with Returns helper" }).click();
  frame = await readyChat(page);
  await expect(frame.locator(".ya-chat[data-resumed=true]")).toBeVisible();
  await expect(frame.locator(".ya-msg-user")).toContainText("Where is my refund for the kettle?");
  await expect(
    frame.locator(".ya-msg-assistant").last().getByRole("button", { name: "Not helpful" }),
  ).toHaveAttribute("aria-pressed", "true");
  // The saved comment comes back too; the thumbs are drawn (SVG), not emoji that need a font.
  const resumedReply = frame.locator(".ya-msg-assistant").last();
  await expect(resumedReply.getByLabel("Comment on this answer (optional)")).toHaveValue(
    "Too vague about dates",
  );
  for (const name of ["Helpful", "Not helpful"]) {
    const thumb = resumedReply.getByRole("button", { name, exact: true });
    await expect(thumb.locator("svg")).toBeVisible();
    expect((await thumb.textContent())?.trim()).toBe("");
  }
  await page.screenshot({ path: `${SHOTS}/widget-resumed.png` });
  await expectAccessible(page);

  // "New conversation" starts fresh.
  await frame.getByRole("button", { name: "New conversation" }).click();
  await expect(frame.locator(".ya-msg-user")).toHaveCount(0);

  // The admin: inbox, filter by rating, search, transcript.
  await signIn(page, owner.email, owner.password);
  await page.goto(`/${owner.slug}/conversations`);
  await expect(page.getByRole("heading", { name: "Conversations", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Rating").selectOption("down");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/rating=down/);
  const rows = page.getByRole("table", { name: "Conversations" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Returns helper");
  await page.getByLabel("Search messages").fill("refunds");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows.first().locator("mark").first()).toHaveText(/refund/i);
  await page.screenshot({ path: `${SHOTS}/conversations-inbox.png`, fullPage: true });
  await expectAccessible(page);

  await page.getByLabel("Search messages").fill("zebra crossing");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No conversation matches")).toBeVisible();

  await page.goto(`/${owner.slug}/conversations?rating=down`);
  await rows
    .first()
    .getByRole("link", { name: /Transcript/ })
    .click();
  await expect(page.getByRole("heading", { name: "Conversation with Returns helper" })).toBeVisible();
  await expect(page.getByText("Rated not helpful")).toBeVisible();
  await expect(page.getByText("Too vague about dates")).toBeVisible();
  await expect(page.getByText(/input \/ \d+ output tokens/).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/conversation-transcript.png`, fullPage: true });
  await expectAccessible(page);

  // The agent's page: its recent conversations and the 30-day chart, server-rendered.
  await page.goto(`/${owner.slug}/agents/${agentId}`);
  await expect(page.getByRole("img", { name: /Conversations and messages per day/ })).toBeVisible();
  await expect(page.getByText(/Last 30 days: 2 conversations/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/agent-conversations.png`, fullPage: true });
  await expectAccessible(page);
});
