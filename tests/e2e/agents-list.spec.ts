import { expect, test } from "../fixtures/axe-pages";
import { createOrgWithUser, type E2eSql, e2eRows, e2eSql, SCREENSHOT_DIR } from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";
import { AgentsListPage } from "./pages/agents-list-page";

const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/list-${name}.png`, fullPage: true });

let sql: E2eSql;
let org: Awaited<ReturnType<typeof createOrgWithUser>>;
let diffAgentId: string;
const ORIGINAL = "You are the support assistant of Acme Shop. Answer all questions about orders and returns.";
const OPTIMIZED =
  "You are the friendly support assistant of Acme Shop. Answer questions about orders, shipping and returns in three sentences or fewer.";

// 120 agents seeded straight into the e2e server's database: Agent 000 (oldest) … Agent 119 (newest);
// every third is a Customer Support agent, every fifth has an optimized prompt.
test.beforeAll(async () => {
  sql = e2eSql();
  org = await createOrgWithUser({ role: "owner", plan: "enterprise" });
  const rows = e2eRows;
  const pack = await rows.createTestKnowledgePack(
    { id: org.orgId },
    { name: "Returns policy", content: "30 days" },
  );
  await sql`
    insert into agents (organization_id, name, persona_id, knowledge_pack_id, system_prompt, optimization_status,
                        widget_config, config, created_at)
    select ${org.orgId}, 'Agent ' || lpad(i::text, 3, '0'),
           (select id from personas where key = case when i % 3 = 0 then 'support' else 'assistant' end),
           case when i % 2 = 0 then ${pack.id}::bigint end,
           'You are agent ' || i || '.',
           (case when i % 5 = 0 then 'succeeded' else 'pending' end)::optimization_status,
           '{"theme":"modern","position":"bottom-right"}'::jsonb, '{"temperature":0.7}'::jsonb,
           now() - make_interval(secs => 1000 - i)
    from generate_series(0, 119) as i`;
  // The bulk insert above bypasses the counter: set it to the 120 rows, then add one more agent.
  await sql`update organizations set agent_count = 120 where id = ${org.orgId}`;
  const diff = await rows.createTestAgent(
    { id: org.orgId },
    {
      name: "Diff demo",
      personaKey: "support",
      systemPrompt: ORIGINAL,
      optimizedSystemPrompt: OPTIMIZED,
      optimizationStatus: "succeeded",
      widgetConfig: { theme: "modern", position: "bottom-right" },
      config: { temperature: 0.7 },
    },
  );
  diffAgentId = diff.publicId;
});
test.afterAll(async () => {
  await sql.end();
});

test("120 agents paginate: 25 per page, next/previous, page size 100", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, org.email, org.password);
  const list = new AgentsListPage(page);
  await expect(page.getByTestId("agents-usage")).toHaveText(
    "121 of 1000 agents used on the enterprise plan.",
  );
  await list.expectRowCount(25);
  expect((await list.names()).slice(0, 3)).toEqual(["Diff demo", "Agent 119", "Agent 118"]);
  await expect(list.summary).toHaveText("Showing 1–25 of 121");
  await page.screenshot(shot("1280"));

  await list.next();
  await expect(page).toHaveURL(/[?&]page=2/);
  await list.expectRowCount(25);
  expect((await list.names())[0]).toBe("Agent 095");
  await list.previous();
  await expect(page).not.toHaveURL(/page=/);
  expect((await list.names())[0]).toBe("Diff demo");

  await list.filter({ size: "100" });
  await expect(page).toHaveURL(/size=100/);
  await list.expectRowCount(100);
  await list.next();
  await list.expectRowCount(21);
  expect((await list.names()).at(-1)).toBe("Agent 000");
  await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);
  await expect(list.summary).toHaveText("Showing 101–121 of 121");
});

test("search and filters narrow the table and survive a reload", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, org.email, org.password);
  const list = new AgentsListPage(page);

  await list.filter({ q: "agent 11" });
  await expect(page).toHaveURL(/q=agent\+11/);
  // Agent 110–119: case-insensitive "contains".
  await list.expectRowCount(10);
  await page.reload();
  await list.expectRowCount(10);
  await expect(page.getByLabel("Search by name")).toHaveValue("agent 11");

  await list.filter({ q: "", persona: "Customer Support", status: "Optimized" });
  // i % 3 == 0 and i % 5 == 0 → multiples of 15 in 0..119 (8), plus "Diff demo".
  await list.expectRowCount(9);
  await page.reload();
  await list.expectRowCount(9);
  await expect(page.getByLabel("Persona")).toHaveValue("support");
  await expect(page.getByLabel("Optimization")).toHaveValue("succeeded");
  expect(await list.names()).toEqual([
    "Diff demo",
    "Agent 105",
    "Agent 090",
    "Agent 075",
    "Agent 060",
    "Agent 045",
    "Agent 030",
    "Agent 015",
    "Agent 000",
  ]);

  await list.filter({ q: "no such agent" });
  await expect(page.getByText("No agents match these filters")).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await list.expectRowCount(25);
});

test("detail shows both prompts with differences; edit and delete work", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, org.email, org.password);
  await page.getByRole("link", { name: "Diff demo" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${diffAgentId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diff demo");
  await expect(page.getByTestId("prompt-original")).toHaveText(ORIGINAL);
  await expect(page.getByTestId("prompt-optimized")).toHaveText(OPTIMIZED);
  await expect(page.getByTestId("prompt-optimized").locator("ins").first()).toBeVisible();
  await expect(page.getByTestId("prompt-original").locator("del").first()).toBeVisible();
  await page.screenshot(shot("detail-1280"));

  // Edit: rename and change the prompt → new prompt version, audited.
  const form = page.getByRole("form", { name: "Edit agent" });
  await form.getByLabel("Name").fill("Diff demo renamed");
  await form.getByLabel("System prompt").fill("You are a brand new prompt.\nWith two lines.");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toContainText("Saved: name, system_prompt.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diff demo renamed");
  await expect(page.getByText("prompt v2")).toBeVisible();
  await expect(page.getByTestId("prompt-original")).toHaveText(
    "You are a brand new prompt.\nWith two lines.",
  );
  await expect(page.getByRole("list", { name: "Agent activity" })).toContainText("updated agent");
  // Saving again without changes keeps the version (CRLF from the textarea is not a change).
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("status")).toContainText("Nothing changed.");
  await expect(page.getByText("prompt v2")).toBeVisible();

  // Invalid input is refused inline and nothing changes.
  await form.getByLabel("Allowed origins").fill("https://shop.example.com/path");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await expect(form.getByText(/Use an origin like/)).toBeVisible();

  // Delete with confirmation: the slot is free at once.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(new RegExp(`/${org.slug}/agents\\?deleted=`));
  await expect(page.getByText("Deleted “Diff demo renamed”.")).toBeVisible();
  await expect(page.getByTestId("agents-usage")).toHaveText(
    "120 of 1000 agents used on the enterprise plan.",
  );
  const [row] = await sql<
    { n: number }[]
  >`select count(*)::int as n from agents where public_id = ${diffAgentId}`;
  expect(row!.n).toBe(0);
  await page.goto(`/${org.slug}/agents/${diffAgentId}`);
  await expect(page.getByText(/not found/i).first()).toBeVisible();
});

test("usable at 390 px: cards instead of a table; detail stacks", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, org.email, org.password);
  const list = new AgentsListPage(page);
  await expect(list.cards).toHaveCount(25);
  await expect(list.table).toBeHidden();
  // Nothing overflows the viewport sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot(shot("390"));
  await list.cards.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.screenshot(shot("detail-390"));
});

test("the API reference renders every endpoint from the OpenAPI document", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("YourAgent API reference");
  for (const path of [
    "/api/v1/agents",
    "/api/v1/agents/{id}",
    "/api/v1/knowledge-packs",
    "/api/v1/personas",
  ]) {
    await expect(
      page.getByRole("navigation", { name: "Endpoints" }).getByText(path, { exact: true }).first(),
    ).toBeVisible();
  }
  await expect(page.locator("#listAgents")).toContainText("limit");
  const res = await page.request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toBe("3.1.0");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/list-api-docs.png`, fullPage: false });
});
