import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signIn } from "./support/auth";
import { addMembership, createOrgWithUser, type E2eSql, e2eSql } from "./support/db";
import { E2E_DATA_DIR, SCREENSHOT_DIR } from "./support/env";

// The webhooks page: add an endpoint (secret shown once), send a test event, watch the attempts.
// Deliveries run in this process (the real deliver-webhook function via @inngest/test) against
// the e2e server's database, to a receiver this test starts.
const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/webhooks-${name}.png`, fullPage: true });

let sql: E2eSql;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const answers: number[] = [];

test.beforeAll(async () => {
  sql = e2eSql();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
test.afterAll(async () => {
  await sql.end();
  await new Promise<void>((r) => receiver.close(() => r()));
  const { closeDb } = await import("../../db");
  await closeDb();
});

/** Runs deliver-webhook for a queued delivery, retrying like Inngest until it succeeds. */
async function runDelivery(orgId: number, deliveryPublicId: string) {
  const { findRunningEmbeddedUrl } = await import("../../db/embedded");
  process.env.DATABASE_URL = findRunningEmbeddedUrl(E2E_DATA_DIR);
  process.env.LOG_LEVEL = "warn";
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "1"; // the receiver is this test, on 127.0.0.1
  const { resetEnvCache } = await import("../../lib/env");
  resetEnvCache();
  const { InngestTestEngine } = await import("@inngest/test");
  const { deliverWebhook } = await import("../../lib/webhooks/deliver-function");
  for (let attempt = 0; attempt < 6; attempt++) {
    const out = await new InngestTestEngine({
      function: deliverWebhook,
      events: [
        {
          name: "webhook/delivery.requested",
          data: { organization_id: Number(orgId), delivery_public_id: deliveryPublicId },
        },
      ],
    }).execute();
    if (!out.error) return attempt + 1;
  }
  throw new Error("delivery never succeeded");
}

test("an owner adds an endpoint, sees the secret once, sends a signed test event and its attempts", async ({
  page,
}) => {
  const o = await createOrgWithUser(sql, { role: "owner" });
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

  await page.getByLabel("Endpoint URL").fill(receiverUrl);
  await page.getByLabel("agent.created").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretBox = page.getByTestId("new-webhook-secret");
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9+/]{32}$/);
  const secret = (await secretBox.textContent())!;
  const endpointRow = page.getByRole("table", { name: "Webhook endpoints" }).getByRole("row").nth(1);
  await expect(endpointRow).toContainText(receiverUrl);
  await expect(endpointRow).toContainText("agent.created");
  await expect(endpointRow).toContainText("agent.optimization.succeeded");
  await page.screenshot(shot("secret-once"));

  await page.reload();
  expect(await page.content()).not.toContain(secret);

  answers.push(500); // the first attempt fails, the retry succeeds
  await endpointRow.getByRole("button", { name: /Send a test event/ }).click();
  await expect(endpointRow.getByRole("status")).toContainText(/Test event (queued|recorded)/);
  const [delivery] = await sql<{ public_id: string }[]>`
    select d.public_id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
    where e.organization_id = ${o.orgId} and d.event_type = 'webhook.test'`;
  expect(await runDelivery(o.orgId, delivery!.public_id)).toBe(2);

  expect(received).toHaveLength(2);
  const payload = new Webhook(secret).verify(
    received[1]!.body,
    received[1]!.headers as Record<string, string>,
  );
  expect(payload).toMatchObject({ type: "webhook.test" });
  expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);

  await page.reload();
  const deliveries = page.getByRole("table", { name: "Recent deliveries" });
  await expect(deliveries.locator("tr[data-delivery-status=succeeded]")).toContainText("200");
  await expect(deliveries.locator("tr[data-delivery-status=failed]")).toContainText("500");
  await expect(deliveries.locator("tr[data-delivery-status=failed]")).toContainText("Endpoint answered 500");
  await page.screenshot(shot("deliveries"));
});

test("a member cannot manage webhooks", async ({ page }) => {
  const owner = await createOrgWithUser(sql, { role: "owner" });
  const member = await createOrgWithUser(sql, { role: "owner" });
  await addMembership(sql, owner.slug, member.email, "member");
  await signIn(page, member.email, member.password);
  await page.goto(`/${owner.slug}/webhooks`);
  await expect(page.getByText("Only owners and admins can manage webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
});
