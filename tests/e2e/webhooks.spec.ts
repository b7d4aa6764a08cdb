import { Webhook } from "standardwebhooks";
import { expect, test } from "../fixtures/axe-pages";
import {
  addMembership,
  createOrgWithUser,
  E2E_DATA_DIR,
  type E2eSql,
  e2eSql,
  SCREENSHOT_DIR,
} from "../fixtures/e2e";
import { fakeEnv } from "../fixtures/env";
import { signIn } from "../fixtures/sign-in";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

// The webhooks page: add an endpoint (secret shown once), send a test event, watch the attempts.
// Deliveries run in this process (the real deliver-webhook function via @inngest/test) against
// the e2e server's database, to a receiver this test starts.
const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/webhooks-${name}.png`, fullPage: true });

let sql: E2eSql;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let restoreEnv: (() => void) | undefined;

test.beforeAll(async () => {
  sql = e2eSql();
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await sql.end();
  await receiver.close();
  const { closeDb } = await import("../../db");
  await closeDb();
  restoreEnv?.();
});

/** Runs deliver-webhook for a queued delivery, retrying like Inngest until it succeeds. */
async function runDelivery(orgId: number, deliveryPublicId: string) {
  const { findRunningEmbeddedUrl } = await import("../../db/embedded");
  restoreEnv ??= fakeEnv({
    DATABASE_URL: findRunningEmbeddedUrl(E2E_DATA_DIR),
    LOG_LEVEL: "warn",
    WEBHOOK_ALLOW_PRIVATE_URLS: "1", // the receiver is this test, on 127.0.0.1
  });
  const { runDeliveryLikeInngest } = await import("../fixtures/inngest");
  const run = await runDeliveryLikeInngest({ organization_id: orgId, delivery_public_id: deliveryPublicId });
  if (run.error) throw new Error("delivery never succeeded");
  return run.attempts;
}

test("an owner adds an endpoint, sees the secret once, sends a signed test event and its attempts", async ({
  page,
}) => {
  const o = await createOrgWithUser({ role: "owner" });
  await signIn(page, o.email, o.password);
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/webhooks$`));
  await expect(page.getByText("No endpoints yet")).toBeVisible();

  // Invalid URL: an inline error, nothing saved.
  await page.getByLabel("Endpoint URL").fill("ftp://example.com/x");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  const [none] = await sql<
    { n: number }[]
  >`select count(*)::int as n from webhook_endpoints where organization_id = ${o.orgId}`;
  expect(none!.n).toBe(0);

  await page.getByLabel("Endpoint URL").fill(receiver.url);
  await page.getByLabel("agent.created").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretBox = page.getByTestId("new-webhook-secret");
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
  const secret = (await secretBox.textContent())!;
  const endpointRow = page.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").nth(1);
  await expect(endpointRow).toContainText(receiver.url);
  await expect(endpointRow).toContainText("agent.created");
  await expect(endpointRow).toContainText("agent.optimization.succeeded");
  await page.screenshot(shot("secret-once"));

  await page.reload();
  expect(await page.content()).not.toContain(secret);

  receiver.answers.push(500); // the first attempt fails, the retry succeeds
  await endpointRow.getByRole("button", { name: /Send a test event/ }).click();
  await expect(endpointRow.getByRole("status")).toContainText(/Test event (queued|recorded)/);
  const [delivery] = await sql<{ public_id: string }[]>`
    select d.public_id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
    where e.organization_id = ${o.orgId} and d.event_type = 'webhook.test'`;
  expect(await runDelivery(o.orgId, delivery!.public_id)).toBe(2);

  expect(receiver.received).toHaveLength(2);
  const payload = new Webhook(secret).verify(
    receiver.received[1]!.body,
    receiver.received[1]!.headers as Record<string, string>,
  );
  expect(payload).toMatchObject({ type: "webhook.test" });
  expect(receiver.received[0]!.headers["webhook-id"]).toBe(receiver.received[1]!.headers["webhook-id"]);

  await page.reload();
  const deliveries = page.getByRole("table", { name: "Recent deliveries" });
  await expect(deliveries.locator("tr[data-delivery-status=succeeded]")).toContainText("200");
  await expect(deliveries.locator("tr[data-delivery-status=failed]")).toContainText("500");
  await expect(deliveries.locator("tr[data-delivery-status=failed]")).toContainText("Endpoint answered 500");
  await page.screenshot(shot("deliveries"));
});

test("a member cannot manage webhooks", async ({ page }) => {
  const owner = await createOrgWithUser({ role: "owner" });
  const member = await createOrgWithUser({ role: "owner" });
  await addMembership(sql, owner.slug, member.email, "member");
  await signIn(page, member.email, member.password);
  await page.goto(`/${owner.slug}/webhooks`);
  await expect(page.getByText("Only owners and admins can manage webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
});
