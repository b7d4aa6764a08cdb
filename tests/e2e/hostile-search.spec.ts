import { expect, test } from "../fixtures/axe-pages";
import { signInAsDemoOwner } from "../fixtures/sign-in";

// The dashboard's agent list with ?q=%00: an inline message, the list still shown, no error page.
test("agent list search with NUL shows an inline message, not the error page", async ({ page }) => {
  await signInAsDemoOwner(page);
  const res = await page.goto("/acme/agents?q=%00");
  expect(res?.status()).toBe(200);
  await expect(page.getByText("Search ignored: Text cannot contain NUL characters")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Agents", exact: true })).toBeVisible();
});
