import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithUser, e2eRows, SCREENSHOT_DIR } from "../fixtures/e2e";
import { ownerOpensNewAgent } from "../fixtures/e2e-agent";
import { e2eJobsForFile } from "../fixtures/e2e-jobs";
import { signIn } from "../fixtures/sign-in";

// Prompt optimization on the agent page: the job runs in this process (the real Inngest function
// through @inngest/test, the fake Gemini the e2e server also uses) against the e2e server's
// database, while the browser watches the page update without a reload.
const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/optimization-${name}.png`, fullPage: true });
const jobs = e2eJobsForFile();

/** Runs the optimize-prompt function once for the agent's current request cycle. */
async function runOptimizationJob(publicId: string) {
  await jobs.pointAtServerBackends();
  const [row] = await jobs.sql()<
    { organization_id: number; prompt_version: number; optimization_requested_at: Date }[]
  >`select organization_id, prompt_version, optimization_requested_at from agents where public_id = ${publicId}`;
  const { runOptimizeLikeInngest } = await import("../fixtures/inngest");
  const out = await runOptimizeLikeInngest(
    {
      organization_id: Number(row!.organization_id),
      agent_public_id: publicId,
      prompt_version: row!.prompt_version,
      requested_at: row!.optimization_requested_at.toISOString(),
    },
    1,
  );
  expect(out.error).toBeUndefined();
  return out.result;
}

async function markPage(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}
async function expectNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

test("an agent goes from pending to optimized on its page without a reload; diff and switch work", async ({
  page,
}) => {
  // Create through the real form: with Gemini configured the agent starts `pending`.
  const { publicId } = await ownerOpensNewAgent(
    page,
    "Returns helper",
    "You help customers of Acme with returns and refunds.",
  );

  const panel = page.getByTestId("optimization-panel");
  const status = panel.getByTestId("optimization-status");
  await expect(status).toHaveAttribute("data-status", "pending");
  await expect(panel).toContainText("Updating automatically");
  await expect(page.getByTestId("prompt-optimized")).toHaveCount(0);
  await page.screenshot(shot("pending"));
  await markPage(page);

  const result = await runOptimizationJob(publicId);
  expect(result).toMatchObject({ status: "succeeded" });

  // The page polls while pending: the badge, rationale and diff appear on their own.
  await expect(status).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
  await expectNoReload(page);
  await expect(panel.getByTestId("optimization-rationale")).toContainText("clarifying questions");
  const optimized = page.getByTestId("prompt-optimized");
  await expect(optimized).toContainText("You help customers of Acme with returns and refunds.");
  await expect(optimized.locator("ins").first()).toBeVisible();
  await expect(optimized.locator("ins").filter({ hasText: "clarifying" })).toHaveCount(1);
  await expect(page.getByTestId("prompt-original").locator("del")).toHaveCount(0); // nothing removed
  await expect(page.getByText("(in use)")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: /Optimized\s*\(in use\)/ })).toBeVisible();
  await page.screenshot(shot("succeeded"));

  // The switch: back to the original prompt, persisted, and forward again.
  const toggle = panel.getByRole("switch", { name: "Answer with the optimized prompt" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(panel).toContainText("Original prompt in use");
  await expect(page.getByRole("heading", { name: /Original\s*\(in use\)/ })).toBeVisible();
  const [off] = await jobs.sql()<{ use_optimized_prompt: boolean }[]>`
    select use_optimized_prompt from agents where public_id = ${publicId}`;
  expect(off!.use_optimized_prompt).toBe(false);
  await page.screenshot(shot("original-in-use"));
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  // Re-optimize: pending again, then optimized again once the job has run, still no reload.
  await markPage(page);
  await panel.getByRole("button", { name: "Re-optimize" }).click();
  await expect(status).toHaveAttribute("data-status", "pending");
  await expect(panel.getByRole("button", { name: "Re-optimize" })).toBeDisabled();
  await runOptimizationJob(publicId);
  await expect(status).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
  await expectNoReload(page);
});

test("a failed optimization shows its reason and keeps the original prompt", async ({ page }) => {
  const o = await createOrgWithUser({ role: "owner" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    {
      name: "Failing bot",
      systemPrompt: "Original prompt text.",
      optimizationStatus: "failed",
      optimizationError: "Optimization failed: Gemini error 500: backend exploded",
    },
  );
  await signIn(page, o.email, o.password);
  await page.goto(`/${o.slug}/agents/${agent.publicId}`);
  const panel = page.getByTestId("optimization-panel");
  await expect(panel.getByTestId("optimization-status")).toHaveAttribute("data-status", "failed");
  await expect(panel.getByTestId("optimization-error")).toHaveText(
    "Optimization failed: Gemini error 500: backend exploded",
  );
  await expect(panel).toContainText("The original prompt stays in use.");
  await expect(page.getByTestId("prompt-original")).toHaveText("Original prompt text.");
  await expect(panel.getByRole("switch")).toHaveCount(0);
  await page.screenshot(shot("failed"));
});

test("the agents list updates its optimization badges while a job is pending", async ({ page }) => {
  const o = await createOrgWithUser({ role: "owner", plan: "pro" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    {
      name: "List bot",
      systemPrompt: "You answer questions about our shop.",
      optimizationStatus: "pending",
    },
  );
  await signIn(page, o.email, o.password);
  const row = page.getByRole("table", { name: "Agents" }).getByRole("row", { name: /List bot/ });
  await expect(row).toContainText("Pending");
  await markPage(page);

  await runOptimizationJob(agent.publicId);
  await expect(row).toContainText("Optimized", { timeout: 15_000 });
  await expectNoReload(page);
  await page.screenshot(shot("list"));
});
