import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { e2eRows, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signedInOwner } from "../fixtures/e2e-agent";
import { e2eJobsForFile } from "../fixtures/e2e-jobs";
import { makePdf } from "../fixtures/knowledge-files";

// The pack page's sources: upload a file, watch it ingest (the real function, run here against
// the server's database), try a question; then a visitor's answer shows its sources.
const jobs = e2eJobsForFile();

async function ingest(organizationId: number, sourcePublicId: string, requestedAt: string) {
  await jobs.pointAtServerBackends();
  const { runLikeInngest } = await import("../fixtures/inngest");
  const { ingestKnowledgeSource } = await import("../../lib/knowledge/ingest/function");
  const out = await runLikeInngest(
    ingestKnowledgeSource,
    {
      name: "knowledge/source.sync.requested",
      data: { organization_id: organizationId, source_public_id: sourcePublicId, requested_at: requestedAt },
    },
    2,
  );
  expect(out.error).toBeUndefined();
}

test("an admin uploads a file, sees it become ready, and tries a question", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const o = await signedInOwner(page);
  const pack = await e2eRows.createTestKnowledgePack(
    { id: o.orgId },
    { name: "Help center", content: "Our shop opens at nine." },
  );
  await page.goto(`/${o.slug}/knowledge-packs/${pack.publicId}`);
  const sources = page.getByRole("list", { name: "Sources" });
  await expect(sources.locator('[data-source-title="Help center"] [data-status="ready"]')).toBeVisible();
  await expect(page.locator('[data-hydrated="true"]')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Upload a file").setInputFiles({
    name: "shipping.md",
    mimeType: "text/markdown",
    buffer: Buffer.from("# Shipping\n\nParcels to Norway take five working days by courier.\n"),
  });
  await expect(page.getByText("Uploaded shipping.md.")).toHaveRole("status");
  const row = sources.locator('[data-source-title="shipping.md"]');
  await expect(row.locator('[data-status="pending"]')).toBeVisible();

  const sql = jobs.sql();
  const [source] = await sql<{ public_id: string; sync_requested_at: Date }[]>`
    select public_id, sync_requested_at from knowledge_sources where pack_id = ${pack.id} and filename = 'shipping.md'`;
  await ingest(o.orgId, source!.public_id, source!.sync_requested_at.toISOString());
  // The panel polls while a source is pending: it turns ready without a reload.
  await expect(row.locator('[data-status="ready"]')).toBeVisible({ timeout: 10_000 });

  // A generated PDF goes through the upload route and the extraction worker (unpdf).
  await page.getByLabel("Upload a file").setInputFiles({
    name: "returns.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(await makePdf("Returns", [{ lines: ["Returns are accepted within 30 days."] }])),
  });
  await expect(page.getByText("Uploaded returns.pdf.")).toHaveRole("status");
  const pdfRow = sources.locator('[data-source-title="Returns"], [data-source-title="returns.pdf"]');
  const [pdfSource] = await sql<{ public_id: string; sync_requested_at: Date }[]>`
    select public_id, sync_requested_at from knowledge_sources where pack_id = ${pack.id} and filename = 'returns.pdf'`;
  await ingest(o.orgId, pdfSource!.public_id, pdfSource!.sync_requested_at.toISOString());
  await expect(pdfRow.locator('[data-status="ready"]')).toBeVisible({ timeout: 10_000 });

  await page.getByLabel("Question").fill("How long to Norway?");
  await page.getByRole("button", { name: "Try it" }).click();
  const ranked = page.getByRole("list", { name: "Ranked passages" });
  await expect(ranked.getByRole("listitem").first()).toContainText("shipping.md");
  await expect(ranked.getByRole("listitem").first()).toContainText(/score \d\.\d{4}/);
  await expectAccessible(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/knowledge-sources.png`, fullPage: true });

  await row.getByRole("button", { name: /Delete/ }).click();
  await expect(row).toHaveCount(0);
});

test("a visitor's answer shows the sources it was given", async ({ page }) => {
  const o = await signedInOwner(page);
  const pack = await e2eRows.createTestKnowledgePack(
    { id: o.orgId },
    { name: "Delivery times", content: "Parcels to Norway take five working days by courier." },
  );
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    { name: "Shop helper", knowledgePackId: pack.id },
  );
  await page.goto(`/embed/${agent.publicId}`);
  await expect(page.locator('.ya-chat[data-ready="true"]')).toBeVisible();
  await page.locator("#ya-input").fill("How long does a parcel to Norway take?");
  await page.keyboard.press("Enter");
  const answer = page.locator(".ya-msg-assistant").last();
  const cited = answer.getByTestId("answer-sources");
  await expect(cited).toContainText("Delivery times");
  await expectAccessible(page);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-answer-sources.png` });
});
