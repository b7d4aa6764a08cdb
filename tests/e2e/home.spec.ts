import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { e2eRows } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";

// `/` for someone signed in who belongs to no organization yet (e.g. new through GitHub): it asks
// for one and the new organization's agents follow.
test("a signed-in user in no organization creates one from the home page", async ({ page }) => {
  const user = await e2eRows.createTestUser(undefined);
  await signIn(page, user.email, user.password, /:\d+\/$/);
  await expect(page.getByRole("heading", { name: "Create your organization" })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${user.email}`)).toBeVisible();
  // Checked here: once the user has an organization `/` only redirects.
  await expectAccessible(page);
  await page.getByLabel("Organization name").fill(`Home Org ${Date.now()}`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/[a-z0-9-]+\/agents$/);
});
