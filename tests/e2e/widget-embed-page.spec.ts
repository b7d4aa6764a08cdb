import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/axe-pages";
import { createApiKeyFor, createOrgWithUser } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";

// The dashboard's embed page: snippet + copy, allowed-origins editor, live preview, rotation;
// members can look but not change.
const SHOTS = "test-results/screenshots";
const NAME = "<img src=x onerror=alert(1)>";

async function createAgent(page: Page, key: string, name = NAME): Promise<string> {
  const res = await page.request.post("/api/v1/agents", {
    headers: { Authorization: `Bearer ${key}` },
    data: { name, auto_optimize: false, widget_config: { welcome_message: "Hello from the preview" } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

test("an admin copies the snippet, edits allowed origins, previews and rotates the public id", async ({
  page,
  context,
}) => {
  page.on("dialog", (d) => {
    throw new Error(`dialog fired: ${d.message()}`);
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const owner = await createOrgWithUser({ role: "owner", plan: "pro" });
  const key = await createApiKeyFor(owner.orgId);
  const agentId = await createAgent(page, key);
  await signIn(page, owner.email, owner.password);
  await page.goto(`/${owner.slug}/agents/${agentId}/embed`);

  // The snippet is shown as text: the name's markup is escaped, never rendered.
  const code = page.getByTestId("embed-snippet");
  await expect(code).toContainText(`"agentPublicId":"${agentId}"`);
  await expect(code).toContainText("\\u003cimg src=x onerror=alert(1)\\u003e");
  await expect(code).toContainText("/widget.js");
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await page.getByRole("button", { name: "Copy snippet" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(agentId);

  // Empty list → a warning; a bad origin → an inline error; a good one → saved, CSP follows.
  await expect(page.getByText("only YourAgent itself may frame the widget")).toBeVisible();
  const origins = page.getByLabel(/Allowed origins/);
  await origins.fill("https://shop.example.com/path");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText(/Line 1/)).toBeVisible();
  await origins.fill("https://shop.example.com\nhttp://127.0.0.1:3205");
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByText("Saved 2 allowed origins.")).toBeVisible();
  await expect(page.getByText("only YourAgent itself may frame the widget")).toHaveCount(0);
  const embed = await page.request.get(`/embed/${agentId}`);
  expect(embed.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'self' https://shop.example.com http://127.0.0.1:3205",
  );

  // The live preview: the real widget on a sample page, opened to the chat.
  const preview = page.frameLocator('iframe[title="Widget preview on a sample page"]');
  await page.locator('iframe[title="Widget preview on a sample page"]').scrollIntoViewIfNeeded();
  // Keyboard: the launcher is a labelled button.
  await preview.getByRole("button", { name: `Open chat with ${NAME}` }).focus();
  await page.keyboard.press("Enter");
  const chat = preview.frameLocator("[data-youragent] iframe");
  await expect(chat.locator(".ya-title")).toHaveText(NAME);
  await expect(chat.getByText("Hello from the preview")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/widget-dashboard-embed.png`, fullPage: true });

  // Rotation: confirm, land on the new id; the old embed page is gone.
  await page.getByRole("button", { name: "Rotate public id…" }).click();
  await page.getByRole("button", { name: "Rotate now" }).click();
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}\/embed\?rotated=1$/);
  const newId = /agents\/([0-9a-f-]{36})\/embed/.exec(page.url())?.[1] ?? "";
  expect(newId).not.toBe(agentId);
  await expect(page.getByText("The public id was rotated")).toBeVisible();
  await expect(code).toContainText(`"agentPublicId":"${newId}"`);
  expect((await page.request.get(`/embed/${agentId}`)).status()).toBe(404);
  expect((await page.request.get(`/embed/${newId}`)).status()).toBe(200);
  expect((await page.request.get(`/api/widget/config/${agentId}`)).status()).toBe(404);
});

test("a member sees the snippet but cannot change origins or rotate", async ({ page }) => {
  const member = await createOrgWithUser({ role: "member", plan: "pro" });
  const key = await createApiKeyFor(member.orgId);
  const agentId = await createAgent(page, key, "Member visible agent");
  await signIn(page, member.email, member.password);
  await page.goto(`/${member.slug}/agents/${agentId}/embed`);
  await expect(page.getByTestId("embed-snippet")).toContainText(agentId);
  await expect(page.getByRole("button", { name: "Save origins" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rotate public id…" })).toHaveCount(0);
  await expect(page.getByText("Only owners and admins can rotate the public id.")).toBeVisible();
});
