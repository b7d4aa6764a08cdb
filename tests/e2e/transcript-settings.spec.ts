import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { addMembership, createOrgWithUser, type E2eSql, e2eSql, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";

// Transcript retention and storage in the settings (API.md "Conversations"): owners change them
// through the real server action, audited with the values before and after; bad input writes
// nothing; members see them read-only; the action itself refuses someone who is no longer owner.
let sql: E2eSql;
test.beforeAll(() => {
  sql = e2eSql();
});
test.afterAll(async () => {
  await sql?.end();
});

const settingsOf = async (orgId: number) =>
  (await sql`select transcript_retention_days, store_transcripts from organizations where id = ${orgId}`)[0];
const auditsOf = (orgId: number) =>
  sql`select actor_label, metadata from audit_events
      where organization_id = ${orgId} and action = 'organization.transcript_settings.updated'`;

test("an owner sets retention and storage; bad input is refused and writes nothing", async ({ page }) => {
  const owner = await createOrgWithUser({ role: "owner", plan: "pro" });
  await signIn(page, owner.email, owner.password);
  await page.goto(`/${owner.slug}/settings`);
  const form = page.getByRole("form", { name: "Transcript settings" });
  const days = form.getByLabel("Keep transcripts for (days)");
  await expect(form.getByText("plan's default of 365 days")).toBeVisible();
  await expect(days).toHaveValue("");
  await expect(form.getByLabel("Store transcripts")).toBeChecked();
  await expectAccessible(page);

  for (const bad of ["0", "3651", "12.5", "ten"]) {
    await days.fill(bad);
    await form.getByRole("button", { name: "Save transcript settings" }).click();
    await expect(days).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText(/whole number of days from 1 to 3,650/)).toBeVisible();
  }
  await expectAccessible(page);
  expect(await settingsOf(owner.orgId)).toEqual({ transcript_retention_days: null, store_transcripts: true });
  expect(await auditsOf(owner.orgId)).toHaveLength(0);

  await days.fill("90");
  await form.getByLabel("Store transcripts").uncheck();
  await form.getByRole("button", { name: "Save transcript settings" }).click();
  await expect(form.getByText("Transcript settings saved.")).toBeVisible();
  expect(await settingsOf(owner.orgId)).toEqual({ transcript_retention_days: 90, store_transcripts: false });
  await page.reload();
  await expect(days).toHaveValue("90");
  await expect(form.getByLabel("Store transcripts")).not.toBeChecked();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/transcript-settings.png`, fullPage: true });
  await expectAccessible(page);

  // Empty again: back to the plan's default.
  await days.fill("");
  await form.getByLabel("Store transcripts").check();
  await form.getByRole("button", { name: "Save transcript settings" }).click();
  await expect(form.getByText("Transcript settings saved.")).toBeVisible();
  expect(await settingsOf(owner.orgId)).toEqual({ transcript_retention_days: null, store_transcripts: true });
  const audits = await auditsOf(owner.orgId);
  expect(audits.map((a) => a.metadata)).toEqual(
    expect.arrayContaining([
      {
        before: { transcript_retention_days: null, store_transcripts: true },
        after: { transcript_retention_days: 90, store_transcripts: false },
      },
      {
        before: { transcript_retention_days: 90, store_transcripts: false },
        after: { transcript_retention_days: null, store_transcripts: true },
      },
    ]),
  );
  expect(audits).toHaveLength(2);
  expect(audits[0]!.actor_label).toBe(owner.email);
});

test("members see the settings read-only; the action refuses a non-owner", async ({ page }) => {
  const owner = await createOrgWithUser({ role: "owner", plan: "free" });
  const member = await createOrgWithUser({ role: "owner" });
  await addMembership(sql, owner.slug, member.email, "admin");
  await signIn(page, member.email, member.password);
  await page.goto(`/${owner.slug}/settings`);
  const readOnly = page.getByRole("definition").filter({ hasText: "30 days (the plan's default)" });
  await expect(readOnly).toBeVisible();
  await expect(page.getByText("Only owners of the organization can change these.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save transcript settings" })).toHaveCount(0);
  await expectAccessible(page);

  // The owner opens the form, then loses the owner role: the action itself says no.
  await page.context().clearCookies();
  await signIn(page, owner.email, owner.password);
  await page.goto(`/${owner.slug}/settings`);
  const form = page.getByRole("form", { name: "Transcript settings" });
  await expect(form).toBeVisible();
  await sql`update memberships set role = 'admin'
    where organization_id = ${owner.orgId} and user_id = ${owner.userId}`;
  await form.getByLabel("Keep transcripts for (days)").fill("7");
  await form.getByRole("button", { name: "Save transcript settings" }).click();
  await expect(form.getByText(/Only owners of .* can do this/)).toBeVisible();
  await expectAccessible(page);
  expect(await settingsOf(owner.orgId)).toEqual({ transcript_retention_days: null, store_transcripts: true });
  expect(await auditsOf(owner.orgId)).toHaveLength(0);
});
