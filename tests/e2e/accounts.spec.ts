import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithUser, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";
import { DashboardShell } from "./pages/dashboard-shell";
import { SignUpPage } from "./pages/sign-up-page";

const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });

async function secondBrowser(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("sign-up refuses a guessable password with advice, then says to sign in; sign-in lands in the new org", async ({
  page,
}) => {
  const id = randomUUID().slice(0, 6);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await expectAccessible(page);
  const values = { name: "Kim", email: `kim-${id}@example.test`, organizationName: `Kite Works ${id}` };
  for (const password of ["1234567890", "password123"]) {
    await signUp.fill({ ...values, password });
    await signUp.submit();
    await expect(page.getByText(/frequently used password|commonly used password/)).toBeVisible();
    await expect(page.getByText(/Add more words that are less common/).first()).toBeVisible();
  }
  await page.screenshot(shot("accounts-sign-up-weak"));
  await expectAccessible(page);
  await signUp.fill({ ...values, password: "saffron glacier tempo" });
  await signUp.submit();
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-up/);
  await expect(page.getByRole("status").filter({ hasText: "Next, sign in" })).toBeVisible();
  await page.screenshot(shot("accounts-sign-up-next"));
  await expectAccessible(page);
  await page.getByLabel("Password").fill("saffron glacier tempo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/kite-works-${id}/agents$`));
});

test("a session cookie copied before sign-out is refused afterwards, by the page and by a server action", async ({
  page,
  browser,
}) => {
  const u = await createOrgWithUser({ role: "owner" });
  await signIn(page, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
  const copy = await secondBrowser(browser);
  await copy.context().addCookies(await page.context().cookies());
  await copy.goto(`/${u.slug}/settings`);
  await expect(copy.getByRole("heading", { name: "Your account" })).toBeVisible();

  await new DashboardShell(page).signOut();

  // The copy still has the settings page open: its server action is refused.
  await copy.getByLabel("Current password").fill(u.password);
  await copy.getByLabel("New password").fill("juniper cobalt harbor");
  await copy.getByRole("button", { name: "Change password" }).click();
  await expect(copy.getByRole("alert").filter({ hasText: "Your session has ended" })).toBeVisible();
  // And the dashboard sends it to sign-in.
  await copy.goto(`/${u.slug}/agents`);
  await expect(copy).toHaveURL(/\/sign-in/);
  await copy.context().close();
  // The password did not change.
  await signIn(page, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
});

test("sign out everywhere ends a second browser's session", async ({ page, browser }) => {
  const u = await createOrgWithUser({ role: "member" });
  const other = await secondBrowser(browser);
  await signIn(other, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
  await signIn(page, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
  await page.goto(`/${u.slug}/settings`);
  await page.screenshot(shot("accounts-settings"));
  await expectAccessible(page);
  await page.getByRole("button", { name: "End all sessions" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-out-everywhere/);
  await expect(page.getByRole("status").filter({ hasText: "signed out on every device" })).toBeVisible();
  await page.screenshot(shot("accounts-signed-out-everywhere"));
  await expectAccessible(page);
  await other.goto(`/${u.slug}/agents`);
  await expect(other).toHaveURL(/\/sign-in/);
  await other.context().close();
});

test("password change: current password required, strength checked, other sessions end, this one stays", async ({
  page,
  browser,
}) => {
  const u = await createOrgWithUser({ role: "owner" });
  const other = await secondBrowser(browser);
  await signIn(other, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
  await signIn(page, u.email, u.password, new RegExp(`/${u.slug}/agents$`));
  await page.goto(`/${u.slug}/settings`);
  const form = page.getByRole("form", { name: "Change password" });

  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByLabel("New password").fill("juniper cobalt harbor");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("That is not your current password.")).toBeVisible();

  await form.getByLabel("Current password").fill(u.password);
  await form.getByLabel("New password").fill("password123");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText(/commonly used password/)).toBeVisible();
  await page.screenshot(shot("accounts-password-weak"));
  await expectAccessible(page);

  await form.getByLabel("Current password").fill(u.password);
  await form.getByLabel("New password").fill("juniper cobalt harbor");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(new RegExp(`/${u.slug}/settings\\?notice=password-changed`));
  await expect(page.getByText("Your password is changed")).toBeVisible();
  await page.screenshot(shot("accounts-password-changed"));

  await other.goto(`/${u.slug}/agents`);
  await expect(other).toHaveURL(/\/sign-in/);
  await signIn(other, u.email, "juniper cobalt harbor", new RegExp(`/${u.slug}/agents$`));
  await other.context().close();
});
