import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchAgent } from "@/app/api/v1/agents/[id]/route";
import { POST as postAgent } from "@/app/api/v1/agents/route";
import { POST as postPack } from "@/app/api/v1/knowledge-packs/route";
import { POST as postMessage } from "@/app/api/widget/messages/route";
import { db } from "@/db";
import { agents, conversations, knowledgePacks } from "@/db/schema";
import { updateAgent } from "@/lib/agents/update-agent";
import { formDataToObject } from "@/lib/auth/form-data";
import { isAppError } from "@/lib/errors";
import {
  createKnowledgePack,
  knowledgePackFormToBody,
  parseKnowledgePackCreate,
} from "@/lib/knowledge-packs/manage-knowledge-packs";
import { parseAgentPatch } from "@/lib/validations/agent";
import { agentEditFormToPatch } from "@/lib/validations/agent-edit-form";
import { agentFormSchema } from "@/lib/validations/agent-form";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";

// Promise 29: no body causes a 5xx. Hostile JSON (deep, wide, __proto__ keys, NUL and lone
// surrogates) to every write route: only 4xx, each within 1 s, and nothing written.
const ANSWER_MS = 1_000;
const actor = { type: "system" as const, label: "hostile-bodies" };

type Shape = "object" | "array" | "mixed";
/** JSON text nested `levels` deep, built as text (a value this deep cannot be stringified). */
function deepText(levels: number, shape: Shape): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < levels; i++) {
    const obj = shape === "object" || (shape === "mixed" && i % 2 === 0);
    open.push(obj ? '{"a":' : "[");
    close.push(obj ? "}" : "]");
  }
  return `${open.join("")}1${close.reverse().join("")}`;
}
const wideText = (keys: number) => `{${Array.from({ length: keys }, (_, i) => `"k${i}":0`).join(",")}}`;

const badText = fc.constantFrom("\\u0000", "a\\u0000b", "\\ud800", "x\\udfff", "\\udc00\\ud800");
const shape = fc.constantFrom<Shape>("object", "array", "mixed");
/** A hostile value as JSON text, to be put in a free-form field. */
const hostileValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(fc.integer({ min: 33, max: 2_000 }), shape).map(([n, s]) => deepText(n, s)),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 10_000, max: 100_000 }), shape).map(([n, s]) => deepText(n, s)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_001, max: 3_000 }).map(wideText) },
  { weight: 1, arbitrary: fc.constant(wideText(100_000)) },
  { weight: 2, arbitrary: badText.map((t) => `{"${t}":"ok"}`) },
  { weight: 2, arbitrary: badText.map((t) => `"${t}"`) },
  { weight: 2, arbitrary: fc.constantFrom('{"__proto__":{"admin":true}}', '{"a":{"__proto__":[1]}}') },
);
/** A body for `field` carrying a hostile value; `extra` makes the rest of it valid. */
const bodyWith = (field: string, extra: string) => hostileValue.map((v) => `{${extra}"${field}":${v}}`);

async function timedCall(call: () => Promise<{ status: number }>) {
  const t0 = performance.now();
  const res = await call();
  return { status: res.status, ms: performance.now() - t0 };
}

function expectRejected(r: { status: number; ms: number }, what: string) {
  expect(r.status, what).toBeGreaterThanOrEqual(400);
  expect(r.status, what).toBeLessThan(500);
  expect(r.ms, what).toBeLessThan(ANSWER_MS);
}

let org: Awaited<ReturnType<typeof createTestOrg>>;
let key: string;
let agent: Awaited<ReturnType<typeof createTestAgent>>;
const agentCount = async () =>
  (await db.select({ n: count() }).from(agents).where(eq(agents.organizationId, org.id)))[0]!.n;
const packCount = async () =>
  (await db.select({ n: count() }).from(knowledgePacks).where(eq(knowledgePacks.organizationId, org.id)))[0]!
    .n;
const agentRow = async () => (await db.select().from(agents).where(eq(agents.id, agent.id)))[0];

beforeAll(async () => {
  org = await createTestOrg({ plan: "enterprise", maxAgents: 100_000 });
  key = (await createTestApiKey(org)).key;
  agent = await createTestAgent(org);
});

describe("hostile JSON bodies to every API and widget write route", () => {
  it("POST /api/v1/agents: 4xx within 1 s, no agent written", async () => {
    const before = await agentCount();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodyWith("widget_config", '"name":"Deep",'),
          bodyWith("config", '"name":"Deep",'),
          bodyWith("name", ""),
        ),
        async (raw) => {
          const r = await timedCall(() =>
            callRoute(postAgent, {
              method: "POST",
              path: "/api/v1/agents",
              key,
              rawBody: raw,
              headers: { "content-type": "application/json" },
            }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 40 },
    );
    expect(await agentCount()).toBe(before);
  });

  it("PATCH /api/v1/agents/{id}: 4xx within 1 s, the agent unchanged", async () => {
    const before = await agentRow();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bodyWith("widget_config", ""), bodyWith("config", ""), bodyWith("description", "")),
        async (raw) => {
          const r = await timedCall(() =>
            callRoute(patchAgent, {
              method: "PATCH",
              path: `/api/v1/agents/${agent.publicId}`,
              key,
              rawBody: raw,
              headers: { "content-type": "application/json" },
              params: { id: agent.publicId },
            }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 40 },
    );
    expect(await agentRow()).toEqual(before);
  });

  it("POST /api/v1/knowledge-packs (256 KiB bodies, so 100,000 levels are parsed): 4xx within 1 s, nothing written", async () => {
    const before = await packCount();
    for (const raw of [
      `{"name":"p","content":"x","extra":${deepText(100_000, "array")}}`,
      `{"name":${deepText(60_000, "mixed")}}`,
    ]) {
      const r = await timedCall(() =>
        callRoute(postPack, {
          method: "POST",
          path: "/api/v1/knowledge-packs",
          key,
          rawBody: raw,
          headers: { "content-type": "application/json" },
        }),
      );
      expectRejected(r, raw.slice(0, 40));
      expect(r.status).toBe(422);
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(bodyWith("content", '"name":"p",'), bodyWith("name", "")), async (raw) => {
        const r = await timedCall(() =>
          callRoute(postPack, {
            method: "POST",
            path: "/api/v1/knowledge-packs",
            key,
            rawBody: raw,
            headers: { "content-type": "application/json" },
          }),
        );
        expectRejected(r, raw.slice(0, 60));
      }),
      { numRuns: 30 },
    );
    expect(await packCount()).toBe(before);
  });

  it("POST /api/widget/messages: 4xx within 1 s, no conversation started", async () => {
    const { token } = await mintWidgetToken(agent.publicId);
    const convs = async () =>
      (await db.select({ n: count() }).from(conversations).where(eq(conversations.agentId, agent.id)))[0]!.n;
    const before = await convs();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(bodyWith("message", ""), bodyWith("extra", '"message":"hi",')),
        async (raw) => {
          const r = await timedCall(() =>
            callRoute(postMessage, {
              method: "POST",
              path: "/api/widget/messages",
              rawBody: raw,
              headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            }),
          );
          expectRejected(r, raw.slice(0, 60));
        },
      ),
      { numRuns: 30 },
    );
    expect(await convs()).toBe(before);
  });

  it("the 422 names the offending path", async () => {
    const res = await callRoute(postAgent, {
      method: "POST",
      path: "/api/v1/agents",
      key,
      rawBody: `{"name":"x","widget_config":{"theme":${deepText(40, "object")}}}`,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe("validation_failed");
    expect(res.json.errors[0].path).toMatch(/^widget_config\.theme(\.a)+$/);
  });
});

describe("hostile form fields to the dashboard actions' use cases", () => {
  // Every form reads `name`, so a hostile name reaches each use case; one more field gets it too,
  // plus __proto__/constructor fields and up to 20,000 junk fields.
  const hostileForm = fc
    .tuple(
      fc.constantFrom(
        "description",
        "system_prompt",
        "widget_config.welcome_message",
        "widget_config.custom_css",
        "content",
        "__proto__",
        "constructor",
      ),
      fc.constantFrom("\u0000", "a\u0000", "\ud800", "\udfffx"),
      fc.integer({ min: 0, max: 20_000 }),
    )
    .map(([field, bad, junk]) => {
      const fd = new FormData();
      fd.set("name", `Form ${bad}`);
      fd.set("content", "text");
      fd.set(field, `v${bad}`);
      for (let i = 0; i < junk; i++) fd.append(`junk${i}`, "x");
      const raw = formDataToObject(fd);
      // FormData (like a browser's multipart body) turns a lone surrogate into U+FFFD; put the
      // raw string back so the schemas meet it anyway.
      raw.name = `Form ${bad}`;
      if (field !== "__proto__") raw[field] = `v${bad}`;
      return raw;
    });

  it("create and edit agent, create knowledge pack: field errors within 1 s, nothing written", async () => {
    const agentsBefore = await agentCount();
    const packsBefore = await packCount();
    const rowBefore = await agentRow();
    await fc.assert(
      fc.asyncProperty(hostileForm, async (raw) => {
        const t0 = performance.now();
        // createAgentAction: orgAction parses with agentFormSchema before any work.
        expect(agentFormSchema.safeParse(raw).success).toBe(false);
        for (const run of [
          // The dashboard actions' doors: parse the mapped form, then the use case (ctx, input).
          async () =>
            updateAgent(
              { organizationId: org.id, actor },
              { publicId: agent.publicId, patch: parseAgentPatch(agentEditFormToPatch(raw)) },
            ),
          async () =>
            createKnowledgePack(
              { organizationId: org.id, actor },
              parseKnowledgePackCreate(knowledgePackFormToBody(raw)),
            ),
        ]) {
          const err = await run().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isAppError(err) && err.status >= 400 && err.status < 500, String(err)).toBe(true);
        }
        expect(performance.now() - t0).toBeLessThan(ANSWER_MS);
      }),
      { numRuns: 25 },
    );
    expect(await agentCount()).toBe(agentsBefore);
    expect(await packCount()).toBe(packsBefore);
    expect(await agentRow()).toEqual(rowBefore);
  });
});
