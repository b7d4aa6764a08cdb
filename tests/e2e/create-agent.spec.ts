import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { PERSONAS } from "../../lib/personas";
import { expect, test } from "../fixtures/axe-pages";
import {
  addMembership,
  createOrgWithUser,
  type E2eSql,
  e2eRows,
  e2eSql,
  SCREENSHOT_DIR,
} from "../fixtures/e2e";
import { signIn } from "../fixtures/sign-in";
import { NewAgentPage } from "./pages/new-agent-page";

const shot = (name: string) => ({ path: `${SCREENSHOT_DIR}/create-${name}.png`, fullPage: true });
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const support = PERSONAS.find((p) => p.key === "support")!;

let sql: E2eSql;
test.beforeAll(() => {
  sql = e2eSql();
});
test.afterAll(async () => {
  await sql.end();
});

async function agentsOf(orgId: number) {
  return sql<
    {
      name: string;
      public_id: string;
      widget_config: Record<string, unknown>;
      system_prompt: string;
      persona: string;
      optimization_status: string;
      idempotency_key: string | null;
    }[]
  >`
    select a.name, a.public_id, a.widget_config, a.system_prompt, p.key as persona, a.optimization_status, a.idempotency_key
    from agents a join personas p on p.id = a.persona_id where a.organization_id = ${orgId} order by a.id`;
}

/** A new org's owner, signed in, on the new-agent form. */
async function openNewAgentForm(page: Page) {
  const o = await createOrgWithUser({ role: "owner" });
  await signIn(page, o.email, o.password);
  const form = new NewAgentPage(page);
  await form.goto(o.slug);
  return { o, form };
}

test("an admin creates an agent: persona fills the prompt, the preview follows the widget settings", async ({
  page,
}) => {
  const o = await createOrgWithUser({ role: "admin" });
  await e2eRows.createTestKnowledgePack({ id: o.orgId }, { name: "Returns policy", content: "30 days" });
  await signIn(page, o.email, o.password);
  await page.getByRole("link", { name: "New agent" }).first().click();
  const form = new NewAgentPage(page);
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/agents/new$`));
  await expect(form.meter).toContainText("0 of 3 agents used");
  await page.screenshot(shot("form"));

  await form.choosePersona("Customer Support");
  await expect(form.systemPrompt).toHaveValue(support.defaultSystemPrompt);
  await page.getByLabel("Name").fill("Returns helper");
  await expect(page.getByTestId("preview-title")).toHaveText("Returns helper");

  await expect(form.preview).toHaveAttribute("data-theme", "modern");
  await expect(form.preview).toHaveAttribute("data-position", "bottom-right");
  const launcher = page.getByTestId("preview-launcher");
  const before = await launcher.boundingBox();
  await form.setWidget({ theme: "dark", position: "top-left", size: "large", welcome: "Hi <b>there</b>!" });
  await expect(form.preview).toHaveAttribute("data-theme", "dark");
  await expect(form.preview).toHaveAttribute("data-position", "top-left");
  await expect(form.preview).toHaveAttribute("data-size", "large");
  await expect(page.getByTestId("preview-welcome")).toHaveText("Hi <b>there</b>!");
  const after = await launcher.boundingBox();
  // The launcher really moved to the top-left corner and grew.
  expect(after!.x).toBeLessThan(before!.x);
  expect(after!.y).toBeLessThan(before!.y);
  expect(after!.width).toBeGreaterThan(before!.width);
  await page.getByLabel("Knowledge pack").selectOption({ label: "Returns policy" });
  await page.getByLabel("Allowed origins").fill("https://shop.example.com\nhttps://www.example.com");
  await page.screenshot(shot("preview"));

  await form.submit.click();
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/agents/${UUID}$`));
  const id = page.url().split("/").at(-1);
  const rows = await agentsOf(o.orgId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    name: "Returns helper",
    public_id: id,
    persona: "support",
    system_prompt: support.defaultSystemPrompt,
    widget_config: expect.objectContaining({
      theme: "dark",
      position: "top-left",
      size: "large",
      welcome_message: "Hi <b>there</b>!",
    }),
  });
  // The agent's own page (the detail view) shows what was just created.
  await expect(page.getByRole("heading", { name: "Returns helper", level: 1 })).toBeVisible();
  await page.screenshot(shot("landed"));
});

test("invalid input shows inline errors and keeps every value; nothing is written", async ({ page }) => {
  const { o, form } = await openNewAgentForm(page);
  await page.getByLabel("Industry").fill("retail");
  await form.choosePersona("Sales Advisor");
  await form.systemPrompt.fill("My own prompt");
  await form.setWidget({ theme: "minimal" });
  await page.getByLabel("Allowed origins").fill("https://ok.example\nshop.example.com/path");
  await form.submit.click();

  await expect(page.getByRole("alert").first()).toContainText("Please fix the highlighted fields.");
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Name is required.")).toBeVisible();
  await expect(page.getByLabel("Allowed origins")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/Use an origin like https:\/\/shop.example.com/)).toBeVisible();
  await expect(page.getByLabel("Industry")).toHaveValue("retail");
  await expect(form.systemPrompt).toHaveValue("My own prompt");
  await expect(page.getByLabel("Theme")).toHaveValue("minimal");
  await expect(page.getByLabel("Allowed origins")).toHaveValue("https://ok.example\nshop.example.com/path");
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/agents/new$`));
  await page.screenshot(shot("errors"));
  expect(await agentsOf(o.orgId)).toHaveLength(0);
});

test("a double-clicked (or resubmitted) form creates exactly one agent", async ({ page }) => {
  const { o, form } = await openNewAgentForm(page);
  await page.getByLabel("Name").fill("Double click");
  const posts: { headers: Record<string, string>; body: Buffer }[] = [];
  page.on("request", async (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) {
      posts.push({ headers: await r.allHeaders(), body: r.postDataBuffer()! });
    }
  });
  await form.submit.dblclick();
  await expect(page).toHaveURL(new RegExp(`/${o.slug}/agents/${UUID}$`));
  expect(posts.length).toBeGreaterThanOrEqual(1);
  // Resubmitting the very same form (same hidden idempotency key) is a replay, not a second agent.
  const headers = Object.fromEntries(
    Object.entries(posts[0]!.headers).filter(
      ([k]) => !["cookie", "content-length", "host"].includes(k) && !k.startsWith(":"),
    ),
  );
  const again = await page.context().request.post(`/${o.slug}/agents/new`, { headers, data: posts[0]!.body });
  expect(again.status()).toBeLessThan(500);
  const rows = await agentsOf(o.orgId);
  expect(rows).toHaveLength(1);
  expect(page.url()).toContain(rows[0]!.public_id);
  expect(rows[0]!.idempotency_key).toMatch(/^form-/);
  const [org] = await sql<
    { agent_count: number }[]
  >`select agent_count from organizations where id = ${o.orgId}`;
  expect(org!.agent_count).toBe(1);
});

test("at the plan limit the page explains the limit instead of showing the form", async ({ page }) => {
  const o = await createOrgWithUser({ role: "owner" });
  for (const name of ["One", "Two", "Three"]) {
    await e2eRows.createTestAgent({ id: o.orgId }, { name, personaKey: "assistant", systemPrompt: "p" });
  }
  await signIn(page, o.email, o.password);
  const form = new NewAgentPage(page);
  await form.goto(o.slug);
  await expect(form.meter).toContainText("3 of 3 agents used");
  const message = page.getByTestId("plan-limit-message");
  await expect(message).toContainText(`${o.name} has reached its limit of 3 agents`);
  await expect(message).toContainText("delete an agent");
  await expect(message).toContainText("upgrade");
  await expect(form.form).toHaveCount(0);
  await page.screenshot(shot("limit"));
});

test("a member sees no create button or form, and a direct POST of the action is refused", async ({
  page,
  browser,
}) => {
  const owner = await createOrgWithUser({ role: "owner" });
  const member = await createOrgWithUser({ role: "owner" });
  await addMembership(sql, owner.slug, member.email, "member");

  // Capture a real, valid action request from the owner's form, without letting it through.
  await signIn(page, owner.email, owner.password);
  const form = new NewAgentPage(page);
  await form.goto(owner.slug);
  const name = `Sneaky ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name").fill(name);
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route(`**/${owner.slug}/agents/new`, async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    captured = { headers: await req.allHeaders(), body: req.postDataBuffer()! };
    await route.abort();
  });
  await form.submit.click();
  await expect.poll(() => captured !== undefined).toBe(true);
  const replayHeaders = Object.fromEntries(
    Object.entries(captured!.headers).filter(
      ([k]) => !["cookie", "content-length", "host"].includes(k) && !k.startsWith(":"),
    ),
  );

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member.email, member.password);
  await memberPage.goto(`/${owner.slug}/agents`);
  await expect(memberPage.getByRole("heading", { name: "Agents", exact: true })).toBeVisible();
  await expect(memberPage.getByRole("link", { name: "New agent" })).toHaveCount(0);
  await memberPage.goto(`/${owner.slug}/agents/new`);
  await expect(memberPage.getByTestId("role-message")).toContainText(
    "Only owners and admins can create agents",
  );
  await expect(memberPage.getByTestId("new-agent-form")).toHaveCount(0);
  await memberPage.screenshot(shot("member"));

  const refused = await memberContext.request.post(`/${owner.slug}/agents/new`, {
    headers: replayHeaders,
    data: captured!.body,
  });
  expect(await refused.text()).toContain("Only owner or admins");
  expect(await agentsOf(owner.orgId)).toHaveLength(0);

  // The same bytes with the owner's session do create: the refusal above was the role check.
  const accepted = await page.context().request.post(`/${owner.slug}/agents/new`, {
    headers: replayHeaders,
    data: captured!.body,
  });
  expect(accepted.status()).toBeLessThan(500);
  await expect.poll(async () => (await agentsOf(owner.orgId)).map((a) => a.name)).toEqual([name]);
  await memberContext.close();
});
