import { randomUUID } from "node:crypto";
import { expect, test } from "../fixtures/axe-pages";
import { addMembership, createOrgWithUser, type E2eSql, e2eSql, SCREENSHOT_DIR } from "../fixtures/e2e";
import { demoLogin, signIn, signInAsDemoOwner } from "../fixtures/sign-in";
import { ApiKeysPage } from "./pages/api-keys-page";
import { DashboardShell } from "./pages/dashboard-shell";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });

let sql: E2eSql;
test.beforeAll(() => {
  sql = e2eSql();
});
test.afterAll(async () => {
  await sql.end();
});

test("sign up creates an org and lands on its empty Agents page; sign out; sign back in", async ({
  page,
}) => {
  const id = randomUUID().slice(0, 6);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await page.screenshot(shot("sign-up"));

  // Invalid input first: inline errors, typed values kept (except the password).
  await signUp.fill({
    name: "Lin",
    email: `lin-${id}@example.test`,
    password: "short",
    organizationName: "",
  });
  await signUp.submit();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue(`lin-${id}@example.test`);
  await expect(page.getByLabel("Organization name")).toHaveAttribute("aria-invalid", "true");

  await signUp.fill({
    name: "Lin Tester",
    email: `lin-${id}@example.test`,
    password: "a good long password",
    organizationName: `Orbit Labs ${id}`,
  });
  await signUp.submit();
  // The next step is the same whether the email was free or taken: sign in.
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-up/);
  await expect(page.getByLabel("Email")).toHaveValue(`lin-${id}@example.test`);
  await page.getByLabel("Password").fill("a good long password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/orbit-labs-${id}/agents$`));
  await expect(page.getByRole("banner")).toContainText(`Orbit Labs ${id}`);
  await expect(page.getByRole("heading", { name: "No agents yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New agent" })).toBeVisible();
  await expect(page.getByText("0 of 3 agents used")).toBeVisible();
  await page.screenshot(shot("agents-empty"));

  // Settings: plan meter and the owner in the members list.
  await new DashboardShell(page).open("Settings");
  await expect(page.getByRole("meter")).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByText("of 3 agents used")).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(`lin-${id}@example.test`);
  await page.screenshot(shot("settings"));

  await new DashboardShell(page).signOut();
  // Signed out: the dashboard sends you to sign-in.
  await page.goto(`/orbit-labs-${id}/agents`);
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(
    page,
    `lin-${id}@example.test`,
    "a good long password",
    new RegExp(`/orbit-labs-${id}/agents$`),
  );
});

test("wrong password shows a clear error and keeps the email", async ({ page }) => {
  const { email } = demoLogin();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  await page.screenshot(shot("sign-in"));
  await signInPage.submit(email, "not-the-password");
  await expect(signInPage.error).toContainText("Wrong email or password");
  await expect(signInPage.email).toHaveValue(email);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.screenshot(shot("sign-in-error"));
});

// The (account, address) tier counts failures in fixed one-minute windows aligned to the clock
// (lib/auth/sign-in-throttle.ts). Six tries that straddle a window boundary start the count again,
// so the right password would pass and this test failed by chance on a loaded machine; worse, its
// failures then filled the address tier and refused every later sign-in of the run. The tries
// start early in a window.
async function startEarlyInAWindow(windowMs = 60_000, needMs = 35_000) {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 250));
}

test("password guessing from one address is throttled, even with the right password after", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const u = await createOrgWithUser({ role: "owner" });
  await startEarlyInAWindow();
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  for (let i = 0; i < 5; i++) {
    await signInPage.submit(u.email, `wrong password ${i}`);
    // The button reads "Signing in…" while pending: wait for each answer before the next try.
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await expect(signInPage.error).toContainText("Wrong email or password");
  }
  await signInPage.submit(u.email, u.password);
  await expect(signInPage.error).toContainText("Too many failed sign-ins from your network");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the demo owner signs in and sees acme", async ({ page }) => {
  await signInAsDemoOwner(page);
  await expect(page.getByRole("banner")).toContainText("Acme Inc.");
  await expect(page.getByRole("link", { name: "Agents", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await page.screenshot(shot("demo-agents"));

  // next-auth is reached under /api/auth (not the /api catch-all), and the session exposes only
  // the user's public id: never the internal numeric id.
  const providers = await page.request.get("/api/auth/providers");
  expect(providers.status()).toBe(200);
  expect(Object.keys(await providers.json())).toContain("credentials");
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(demoLogin().email);
  expect(session.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test("a user of org A gets 404 on every page of org B", async ({ page }) => {
  const a = await createOrgWithUser({ role: "owner" });
  const b = await createOrgWithUser({ role: "owner" });
  await signIn(page, a.email, a.password, new RegExp(`/${a.slug}/agents$`));
  for (const path of [
    "agents",
    "settings",
    "settings/api-keys",
    "activity",
    "knowledge-packs",
    "webhooks",
    "agents/new",
  ]) {
    const res = await page.goto(`/${b.slug}/${path}`);
    expect(res?.status(), `/${b.slug}/${path}`).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(b.name);
    // Nor does the title name the org, or echo its slug as if it were one.
    await expect(page).toHaveTitle("Page not found · YourAgent");
  }
  // An org that does not exist looks exactly the same.
  expect((await page.goto("/no-such-org-xyz/agents"))?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · YourAgent");
  // A member's pages carry the org's name.
  await page.goto(`/${a.slug}/agents`);
  await expect(page).toHaveTitle(`Agents · ${a.name} · YourAgent`);
  await page.screenshot(shot("not-found"));
});

test("API keys: create shows the secret once, the key works, revoke stops it", async ({ page, request }) => {
  await signInAsDemoOwner(page);
  const keys = new ApiKeysPage(page);
  await keys.goto("acme");
  const name = `e2e ${randomUUID().slice(0, 6)}`;
  await keys.create(name, ["agents:read", "agents:write"]);
  await expect(keys.newSecret).toBeVisible();
  const secret = (await keys.newSecret.textContent())!.trim();
  expect(secret).toMatch(/^ya_live_[a-z2-7]{16}_[0-9a-f]{64}$/);
  const keyId = secret.split("_")[2]!;
  await expect(keys.row(name)).toContainText(`ya_live_${keyId}_…`);
  await expect(keys.row(name)).toContainText("active");
  await page.screenshot(shot("api-keys-created"));

  const auth = { authorization: `Bearer ${secret}` };
  expect((await request.get("/api/v1/agents", { headers: auth })).status()).toBe(200);

  // Shown once: after a reload only the prefix is on the page.
  await page.reload();
  await expect(keys.row(name)).toBeVisible();
  expect(await page.content()).not.toContain(secret.slice(-64));

  await keys.revoke(name);
  await expect(keys.row(name)).toContainText("revoked");
  expect((await request.get("/api/v1/agents", { headers: auth })).status()).toBe(401);
  await page.screenshot(shot("api-keys-revoked"));

  await page.goto("/acme/activity");
  const log = page.getByRole("list", { name: "Activity" });
  await expect(log).toContainText(`revoked API key “${name}”`);
  await expect(log).toContainText(`created API key “${name}”`);
  await expect(log).toContainText("owner@acme.test");
  await page.screenshot(shot("activity"));
});

test("a member cannot manage API keys and sees why; the org switcher lists both orgs", async ({ page }) => {
  const m = await createOrgWithUser({ role: "member" });
  await addMembership(sql, "acme", m.email, "member");
  await signIn(page, m.email, m.password);
  await page.goto(`/${m.slug}/settings/api-keys`);
  await expect(
    page.getByRole("heading", { name: "Only owners and admins can manage API keys" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await page.screenshot(shot("api-keys-member"));

  await page.goto(`/${m.slug}/agents`);
  await expect(page.getByRole("link", { name: "New agent" })).toHaveCount(0);
  await page.locator("summary").click();
  await page.getByRole("link", { name: "Acme Inc." }).click();
  await expect(page).toHaveURL(/\/acme\/agents$/);
});

test("the API key actions check the role themselves: demoted while the page is open → refused, nothing written", async ({
  page,
}) => {
  const a = await createOrgWithUser({ role: "admin" });
  await signIn(page, a.email, a.password, new RegExp(`/${a.slug}/agents$`));
  const keys = new ApiKeysPage(page);
  await keys.goto(a.slug);
  await sql`update memberships set role = 'member' where organization_id = ${a.orgId} and user_id = ${a.userId}`;
  await keys.create("sneaky", ["agents:write"]);
  await expect(page.getByRole("alert").filter({ hasText: "Ask an admin" })).toBeVisible();
  await expect(keys.newSecret).toHaveCount(0);
  const [row] = await sql<
    { n: number }[]
  >`select count(*)::int as n from api_keys where organization_id = ${a.orgId}`;
  expect(row!.n).toBe(0);
});

test("the dashboard is usable at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsDemoOwner(page);
  const nav = new DashboardShell(page).nav;
  await expect(nav).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot(shot("mobile-agents"));
  await new DashboardShell(page).open("Settings");
  await expect(page).toHaveURL(/\/acme\/settings$/);
  await expect(page.getByRole("meter")).toBeVisible();
  await page.screenshot(shot("mobile-settings"));
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});
