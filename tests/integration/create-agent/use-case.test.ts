import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { countStatements } from "@/db/query-counter";
import { agents, auditEvents, knowledgePacks } from "@/db/schema";
import { actorFromUser } from "@/lib/actor";
import { createAgent, createAgentJson } from "@/lib/agents/create-agent";
import { personaByKey } from "@/lib/personas";
import { createAgentSchema } from "@/lib/validations/agent";
import { createTestApiKey, createTestOrg, createTestUser, fakeEnv } from "@/tests/fixtures";
import { postAgent } from "@/tests/fixtures/agent-api";

// The hand-off records whether the agent was already committed when it was called:
// it checks on a different pool connection, which cannot see uncommitted rows.
const dispatched = vi.hoisted(() => [] as { agentPublicId: string; visible: Promise<boolean> }[]);
vi.mock("@/lib/agents/optimization/dispatch", async () => {
  const { db: pool } = await import("@/db");
  const { agents: table } = await import("@/db/schema");
  const { eq: equals } = await import("drizzle-orm");
  return {
    scheduleOptimizationDispatch: (req: { agentPublicId: string; promptVersion: number }) => {
      const visible = pool
        .select({ id: table.id })
        .from(table)
        .where(equals(table.publicId, req.agentPublicId))
        .then((rows) => rows.length === 1);
      dispatched.push({ agentPublicId: req.agentPublicId, visible });
    },
  };
});

beforeEach(() => {
  dispatched.length = 0;
  fakeEnv({ GEMINI_API_KEY: undefined });
});

describe("createAgent", () => {
  it("without Gemini: skipped with the reason, no dispatch", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const res = await postAgent(key, { name: "No LLM" });
    expect(res.status).toBe(201);
    expect(res.json.optimization).toMatchObject({
      status: "skipped",
      error: "GEMINI_API_KEY is not configured",
    });
    expect(res.json.optimization_pending).toBe(false);
    expect(dispatched).toHaveLength(0);
  });

  it("with Gemini: pending, dispatched once after commit; a replay does not dispatch again", async () => {
    fakeEnv({ GEMINI_API_KEY: "test-key" });
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const headers = { "Idempotency-Key": "opt-1" };
    const res = await postAgent(key, { name: "Optimize me" }, { headers });
    expect(res.json.optimization.status).toBe("pending");
    expect(res.json.optimization_pending).toBe(true);
    expect(dispatched.map((d) => d.agentPublicId)).toEqual([res.json.id]);
    expect(await dispatched[0]!.visible).toBe(true);
    const [row] = await db.select().from(agents).where(eq(agents.publicId, res.json.id));
    expect(row!.optimizationRequestedAt).toBeInstanceOf(Date);
    await postAgent(key, { name: "Optimize me" }, { headers });
    expect(dispatched).toHaveLength(1);
  });

  it("auto_optimize false: not_requested, whatever the configuration", async () => {
    fakeEnv({ GEMINI_API_KEY: "test-key" });
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const res = await postAgent(key, { name: "Manual", auto_optimize: false });
    expect(res.json.optimization).toMatchObject({ status: "not_requested", error: null });
    expect(dispatched).toHaveLength(0);
  });

  it("fills the prompt from the persona template when absent or blank, keeps it when given", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const absent = await postAgent(key, { name: "A", persona: "support" });
    const blank = await postAgent(key, { name: "B", persona: "sales", system_prompt: "  \n " });
    const given = await postAgent(key, { name: "C", system_prompt: "Talk like a pirate." });
    expect(absent.json.system_prompt).toBe(personaByKey("support")!.defaultSystemPrompt);
    expect(absent.json.persona).toEqual({
      key: "support",
      name: "Customer Support",
      description: personaByKey("support")!.description,
    });
    expect(blank.json.system_prompt).toBe(personaByKey("sales")!.defaultSystemPrompt);
    expect(given.json.system_prompt).toBe("Talk like a pirate.");
    expect(given.json.persona.key).toBe("assistant");
  });

  it("attaches a knowledge pack of this org; the same id from another org is a 422", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const [pack] = await db
      .insert(knowledgePacks)
      .values({ organizationId: org.id, name: "Returns", content: "30 days." })
      .returning();
    const mine = await postAgent((await createTestApiKey(org)).key, {
      name: "KP",
      knowledge_pack_id: pack!.publicId,
    });
    expect(mine.status).toBe(201);
    expect(mine.json.knowledge_pack).toEqual({ id: pack!.publicId, name: "Returns" });
    const theirs = await postAgent((await createTestApiKey(other)).key, {
      name: "KP",
      knowledge_pack_id: pack!.publicId,
    });
    expect(theirs.status).toBe(422);
    expect(theirs.json.errors[0].path).toBe("knowledge_pack_id");
    expect(await db.select().from(agents).where(eq(agents.organizationId, other.id))).toHaveLength(0);
  });

  it("returns the whole API agent object with widget and config defaults", async () => {
    const org = await createTestOrg();
    const res = await postAgent((await createTestApiKey(org)).key, {
      name: "  Shape  ",
      industry: "ecommerce",
      widget_config: { theme: "dark", quick_reply_options: ["Track order"], launcher_icon: "chat" },
      config: { temperature: 0.2, team: "support" },
      allowed_origins: ["https://shop.example.com/", "https://shop.example.com"],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      object: "agent",
      name: "Shape",
      industry: "ecommerce",
      description: null,
      status: "active",
      optimized_system_prompt: null,
      widget_config: {
        theme: "dark",
        position: "bottom-right",
        size: "medium",
        animation: "slide-up",
        branding: true,
        quick_replies: true,
        quick_reply_options: ["Track order"],
        launcher_icon: "chat",
        welcome_message: null,
        custom_css: null,
      },
      config: { temperature: 0.2, max_output_tokens: 1024, language: "en", team: "support" },
      allowed_origins: ["https://shop.example.com"],
    });
    expect(res.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("location")).toBe(`/api/v1/agents/${res.json.id}`);
  });

  it("writes one audit event naming the actor, and records the creating user", async () => {
    const org = await createTestOrg();
    const user = await createTestUser(org, { role: "admin" });
    const { agent, replayed } = await createAgent({
      organizationId: org.id,
      actor: actorFromUser(user),
      input: createAgentSchema.parse({ name: "From the dashboard" }),
    });
    expect(replayed).toBe(false);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetPublicId, agent.publicId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "agent.created",
      actorType: "user",
      actorId: user.publicId,
      actorLabel: user.email,
    });
    const [row] = await db.select().from(agents).where(eq(agents.publicId, agent.publicId));
    expect(row!.createdByUserId).toBe(user.id);
  });

  it("a create its guard refuses writes nothing: no agent, audit row, prompt version or count", async () => {
    const org = await createTestOrg({ plan: "free" });
    const user = await createTestUser(org);
    const other = await createTestOrg();
    const [foreignPack] = await db
      .insert(knowledgePacks)
      .values({ organizationId: other.id, name: "Theirs", content: "Not yours." })
      .returning();
    const create = (input: Record<string, unknown>) =>
      createAgent({
        organizationId: org.id,
        actor: actorFromUser(user),
        input: createAgentSchema.parse({ auto_optimize: false, ...input }),
      }).then(
        () => ({ code: "created" }),
        (e: { code?: string; fieldErrors?: unknown }) => ({ code: e.code }),
      );
    // Each refusal reason in turn, then the limit (the free plan's three agents).
    expect(await create({ name: "Pack", knowledge_pack_id: foreignPack!.publicId })).toEqual({
      code: "validation_failed",
    });
    expect(await create({ name: "Model", config: { model: "gemini-2.5-pro" } })).toEqual({
      code: "validation_failed",
    });
    for (let i = 0; i < 3; i++) expect(await create({ name: `Fits ${i}` })).toEqual({ code: "created" });
    expect(await create({ name: "Over" })).toEqual({ code: "plan_limit_reached" });
    const rows = await db.select().from(agents).where(eq(agents.organizationId, org.id));
    expect(rows.map((r) => r.name).sort()).toEqual(["Fits 0", "Fits 1", "Fits 2"]);
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(audits.filter((a) => a.action === "agent.created")).toHaveLength(3);
    const versions = await db.execute(
      sql`select count(*)::int as n from agent_prompt_versions where organization_id = ${org.id}`,
    );
    expect((versions as unknown as { n: number }[])[0]!.n).toBe(3);
    const [state] = await db.execute(sql`select agent_count from organizations where id = ${org.id}`);
    expect((state as { agent_count: number }).agent_count).toBe(3);
  });

  it("costs a small, fixed number of SQL statements", async () => {
    const org = await createTestOrg({ plan: "pro" });
    const user = await createTestUser(org);
    // Either form of the use case, counted: the dashboard's (the ORM row) or the API's (JSON text).
    const counted =
      <T>(useCase: (args: Parameters<typeof createAgent>[0]) => Promise<T>) =>
      (name: string, idempotencyKey?: string) =>
        countStatements(() =>
          useCase({
            organizationId: org.id,
            actor: actorFromUser(user),
            input: createAgentSchema.parse({ name, auto_optimize: false }),
            idempotencyKey,
          }),
        );
    const run = counted(createAgent);
    const plain = await run("Count 1");
    const keyed = await run("Count 2", "count-key");
    const replay = await run("Count 2", "count-key");
    console.info("statements per create", {
      plain: plain.statements,
      keyed: keyed.statements,
      replay: replay.statements,
    });
    // One statement: the guarded count bump, the audit row, the agent and its first prompt version,
    // returning the agent, committed on its own (no begin, no lock round trip, no commit);
    // +1 key lookup when keyed (before it: a replay writes nothing).
    // After-commit hand-offs (optimization, webhooks) run detached from the request's counter.
    expect(plain.statements).toBe(1);
    expect(keyed.statements).toBe(2);
    // The key lookup returns the agent it created: a replay writes nothing and takes no lock.
    expect(replay.statements).toBe(1);

    // The API's form (the object as JSON text; a replay's built by Postgres) costs the same.
    const runJson = counted(createAgentJson);
    expect((await runJson("Count 3")).statements).toBe(1);
    const keyedJson = await runJson("Count 4", "count-key-json");
    expect(keyedJson.statements).toBe(2);
    const replayJson = await runJson("Count 4", "count-key-json");
    expect(replayJson.statements).toBe(1);
    expect(replayJson.result.replayed).toBe(true);
    expect(JSON.parse(replayJson.result.json)).toEqual(JSON.parse(keyedJson.result.json));
  });
});
