import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { type E2eSql, e2eSql, SCREENSHOT_DIR } from "../fixtures/e2e";
import { ownerOpensNewAgent } from "../fixtures/e2e-agent";

// The version history of an agent: every prompt change is listed, any two compare with the diff
// view, and an older one is restored (after a confirmation) as a new version.
const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/prompt-versions-${name}.png`, fullPage: true });

let sql: E2eSql;
test.beforeAll(() => {
  sql = e2eSql();
});
test.afterAll(async () => {
  await sql.end();
});

test("the admin compares two versions and restores the older one", async ({ page }) => {
  const { o, publicId } = await ownerOpensNewAgent(
    page,
    "Versioned helper",
    "You help customers with returns within 30 days.",
  );

  // As the server sends it the form cannot be typed into: until React hydrates it, typed text
  // could be merged with the stored prompt or lost.
  const serverHtml = await (await page.request.get(page.url())).text();
  expect(serverHtml).toMatch(
    /<form[^>]*aria-label="Edit agent"[^>]*>(?:(?!<\/form>)[\s\S])*<fieldset[^>]*\sdisabled/,
  );
  await expect(page.getByLabel("System prompt")).toBeEnabled();

  // An edit through the dashboard form: version 2.
  await page.getByLabel("System prompt").fill("You help customers with returns and promise refunds.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/saved|updated/i).first()).toBeVisible();

  await page.getByRole("link", { name: "Version history" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${publicId}/versions`));
  const timeline = page.getByTestId("version-timeline");
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline.getByRole("listitem").first()).toContainText("Version 2");
  await expect(timeline.getByRole("listitem").first()).toContainText("Edited");
  await expect(timeline.getByRole("listitem").first()).toContainText(o.email);
  await expect(timeline.getByRole("listitem").first()).toContainText("In use");

  // Compare: version 1 on the left, 2 on the right; the changed words are marked.
  await expect(page.getByTestId("version-a").locator("del").first()).toBeVisible();
  expect((await page.getByTestId("version-a").locator("del").allTextContents()).join("")).toContain("30");
  await expect(page.getByTestId("version-b").locator("ins").first()).toBeVisible();
  await page.getByLabel("Left").selectOption("2");
  await page.getByLabel("Right").selectOption("1");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/a=2&b=1/);
  await expect(page.getByRole("heading", { name: "Version 2" })).toBeVisible();
  await expect(page.getByTestId("version-b")).toHaveText("You help customers with returns within 30 days.");
  await expectAccessible(page);
  await page.screenshot(shot("compare"));

  // Restore version 1, with a confirmation step.
  await page.getByRole("button", { name: "Restore v1" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Switch the agent to the text of version 1?");
  await page.screenshot(shot("confirm"));
  await dialog.getByRole("button", { name: "Confirm restore" }).click();
  await expect(page.getByText("Restored version 1 as version 3.")).toBeVisible();
  await page.reload();
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  await expect(timeline.getByRole("listitem").first()).toContainText("Restored");
  await expect(timeline.getByRole("listitem").first()).toContainText("from version 1");
  await expect(timeline.getByRole("listitem").first()).toContainText("In use");
  const [row] = await sql<{ system_prompt: string }[]>`
    select system_prompt from agents where public_id = ${publicId}`;
  expect(row!.system_prompt).toBe("You help customers with returns within 30 days.");
  await expectAccessible(page);
  await page.screenshot(shot("restored"));
});
