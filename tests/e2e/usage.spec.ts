import { expectAccessible } from "../fixtures/axe";
import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithUser, e2eRows, e2eSql, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";

// The usage page (meter, daily chart, per-agent rows), the meter on the agents page, the model
// select offering the plan's models only, and a visitor of an exhausted org.
const month = new Date().toISOString().slice(0, 7);

test("the usage page shows the month's meter, a daily chart and per-agent rows", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const o = await createOrgWithUser({ role: "admin", plan: "free" });
  const a = await e2eRows.createTestAgent({ id: o.orgId }, { name: "Support bot" });
  const b = await e2eRows.createTestAgent({ id: o.orgId }, { name: "Sales bot" });
  const sql = e2eSql();
  try {
    await sql`insert into org_message_usage (organization_id, month, used) values (${o.orgId}, ${`${month}-01`}, 850)`;
    const rows = [
      [a.id, 1, 300, 9000, 1200],
      [a.id, 2, 250, 7000, 900],
      [b.id, 2, 300, 8000, 1000],
    ] as const;
    for (const [agentId, day, n, input, output] of rows) {
      await sql`insert into usage_daily (organization_id, day, agent_id, messages, input_tokens, output_tokens)
        values (${o.orgId}, ${`${month}-0${day}`}, ${agentId}, ${n}, ${input}, ${output})`;
    }
  } finally {
    await sql.end();
  }
  await signIn(page, o.email, o.password);

  // The agents page: the messages meter next to "N of M agents".
  await page.goto(`/${o.slug}/agents`);
  await expect(page.getByTestId("agents-messages-meter")).toContainText("850 of 1,000 chat messages");
  await expectAccessible(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Usage");
  const meter = page.getByRole("meter");
  await expect(meter).toHaveAttribute("aria-valuenow", "850");
  await expect(meter).toHaveAttribute("aria-valuemax", "1000");
  await expect(page.getByText(/Over 80 % used/)).toBeVisible();
  await expect(page.getByTestId("daily-chart")).toContainText(`${month}-02: 550 replies`);
  const table = page.getByRole("table", { name: "Usage by agent" });
  await expect(table.getByRole("row").nth(1)).toContainText("Support bot");
  await expect(table.getByRole("row").nth(1)).toContainText("16,000");
  await expect(table.getByRole("row").nth(2)).toContainText("Sales bot");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/usage-page.png`, fullPage: true });
  await expectAccessible(page);

  // A bad month in the address says what to type instead.
  await page.goto(`/${o.slug}/usage?month=2026-13`);
  await expect(page.getByText(/not valid: use YYYY-MM/)).toBeVisible();
  await expectAccessible(page);
});

test("the agent page offers only the plan's models and says when a stored one is not used", async ({
  page,
}) => {
  const o = await createOrgWithUser({ role: "admin", plan: "free" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    { name: "Legacy pro", config: { model: "gemini-2.5-pro" } },
  );
  await signIn(page, o.email, o.password);
  await page.goto(`/${o.slug}/agents/${agent.publicId}`);
  await expect(page.getByText(/set to gemini-2.5-pro, which the Free plan does not include/)).toBeVisible();
  const options = await page.getByLabel("Model").locator("option").allTextContents();
  expect(options).toEqual(["Default (gemini-2.5-flash)", "gemini-2.5-flash", "gemini-2.5-flash-lite"]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/agent-model-fallback.png`, fullPage: true });
  await expectAccessible(page);
});

test("a visitor of an org with no messages left sees the agent's offline message", async ({ page }) => {
  const o = await createOrgWithUser({ role: "admin", plan: "free" });
  const agent = await e2eRows.createTestAgent(
    { id: o.orgId },
    {
      name: "Closed shop",
      widgetConfig: { offline_message: "We are away until the 1st. Email help@example.com." },
    },
  );
  const sql = e2eSql();
  try {
    await sql`insert into org_message_usage (organization_id, month, used) values (${o.orgId}, ${`${month}-01`}, 1000)`;
  } finally {
    await sql.end();
  }
  await page.goto(`/embed/${agent.publicId}`);
  await expect(page.locator(".ya-chat[data-ready=true]")).toBeVisible();
  await page.locator("#ya-input").fill("Hello?");
  await page.locator("#ya-input").press("Enter");
  await expect(page.getByText("We are away until the 1st. Email help@example.com.")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/widget-offline-message.png` });
  await expectAccessible(page);
});
