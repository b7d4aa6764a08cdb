import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithUser, e2eRows, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";

test("an admin creates and edits a knowledge pack, then attaches it to an agent", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const o = await createOrgWithUser({ role: "admin", plan: "pro" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    {
      name: "Shop helper",
      systemPrompt: "Help shoppers.",
    },
  );
  await signIn(page, o.email, o.password);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Knowledge packs" }).click();
  await expect(page.getByText("No knowledge packs yet")).toBeVisible();
  await page.getByRole("link", { name: "New knowledge pack" }).click();
  const form = page.getByRole("form", { name: "New knowledge pack" });
  await form.getByLabel("Name").fill("Returns <b>policy</b>");
  await form
    .getByLabel("Content")
    .fill("Items can be returned within 30 days.\nUnused, in original packaging.");
  await form.getByRole("button", { name: "Create knowledge pack" }).click();
  await expect(page.getByText("Knowledge pack created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returns <b>policy</b>");

  const edit = page.getByRole("form", { name: "Edit knowledge pack" });
  await edit.getByLabel("Name").fill("Returns policy");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved.");

  await page.goto(`/${o.slug}/knowledge-packs`);
  const row = page
    .getByRole("table", { name: "Knowledge packs" })
    .getByRole("row", { name: /Returns policy/ });
  await expect(row).toContainText("B");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/list-knowledge-packs.png`, fullPage: true });

  // A duplicate name is refused inline.
  await page.goto(`/${o.slug}/knowledge-packs/new`);
  await page.getByLabel("Name").fill("returns POLICY");
  await page.getByRole("button", { name: "Create knowledge pack" }).click();
  await expect(page.getByText("A knowledge pack with this name already exists.")).toBeVisible();

  // Attach it to the agent through the edit form.
  await page.goto(`/${o.slug}/agents/${agent.publicId}`);
  const agentForm = page.getByRole("form", { name: "Edit agent" });
  await agentForm.getByLabel("Knowledge pack").selectOption({ label: "Returns policy" });
  await agentForm.getByRole("button", { name: "Save changes" }).click();
  await expect(agentForm.getByRole("status")).toContainText("knowledge_pack_id");
  await page.goto(`/${o.slug}/agents`);
  await expect(
    page.getByRole("table", { name: "Agents" }).getByRole("row", { name: /Shop helper/ }),
  ).toContainText("Returns policy");
});

test("a member sees agents and packs but no edit, delete or create controls", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const o = await createOrgWithUser({ role: "member" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    { name: "Read only bot", personaKey: "assistant", systemPrompt: "Hi." },
  );
  await signIn(page, o.email, o.password);
  await expect(page.getByRole("link", { name: "New agent" })).toHaveCount(0);
  await page.getByRole("link", { name: "Read only bot" }).click();
  await expect(page).toHaveURL(new RegExp(agent.publicId));
  await expect(page.getByRole("form", { name: "Edit agent" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.goto(`/${o.slug}/knowledge-packs`);
  await expect(page.getByRole("link", { name: "New knowledge pack" })).toHaveCount(0);
});
