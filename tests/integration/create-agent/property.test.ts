import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { PERSONA_KEYS } from "@/lib/personas";
import { createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { orgState, postAgent } from "@/tests/fixtures/agent-api";

// RELIABILITY promise 28: garbage in, 4xx out. Generated bodies — well-formed, subtly wrong,
// arbitrary JSON and non-JSON — never produce a 5xx, and only the 201s wrote anything.
let orgId: number;
let keys: string[] = [];
let calls = 0;

beforeAll(async () => {
  const org = await createTestOrg({ plan: "enterprise", maxAgents: 100_000 });
  orgId = org.id;
  // The per-key rate limit (600/min) would answer 429 to part of 1,000+ requests: spread them.
  keys = await Promise.all(Array.from({ length: 4 }, async () => (await createTestApiKey(org)).key));
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

const widgetConfig = fc.record(
  {
    theme: fc.oneof(fc.constantFrom("modern", "classic", "minimal", "dark"), text),
    position: fc.constantFrom("bottom-right", "top-left", "middle"),
    size: fc.constantFrom("small", "medium", "large", 3),
    animation: fc.constantFrom("slide-up", "fade", "none"),
    branding: fc.oneof(fc.boolean(), text),
    quick_reply_options: fc.array(text, { maxLength: 8 }),
    welcome_message: fc.oneof(fc.constant(null), text),
    primary_color: fc.oneof(fc.constant("#4f46e5"), text),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

const plausibleBody = fc.record(
  {
    name: fc.oneof(text, fc.integer(), fc.constant("")),
    description: fc.oneof(text, fc.constant(null)),
    persona: fc.oneof(fc.constantFrom(...PERSONA_KEYS), text),
    industry: text,
    system_prompt: fc.oneof(text, fc.constant("   ")),
    knowledge_pack_id: fc.oneof(fc.uuid(), text),
    widget_config: fc.oneof(widgetConfig, fc.jsonValue({ maxDepth: 1 })),
    config: fc.record(
      {
        temperature: fc.double({ min: -1, max: 3, noNaN: true }),
        max_output_tokens: fc.integer({ min: -5, max: 10_000 }),
        language: fc.constantFrom("en", "pt-BR", "english", ""),
        model: text,
      },
      { requiredKeys: [] },
    ),
    allowed_origins: fc.array(
      fc.oneof(fc.webUrl(), fc.constantFrom("https://a.example", "http://localhost:3000")),
      {
        maxLength: 3,
      },
    ),
    auto_optimize: fc.oneof(fc.boolean(), text),
    idempotency_key: fc.oneof(fc.stringMatching(/^[!-~]{1,20}$/), text),
    organization_id: text,
    optimization_status: fc.constant("succeeded"),
  },
  { requiredKeys: [] },
);

type Sent = { body?: unknown; raw?: string; contentType?: string; idem?: string };
const request: fc.Arbitrary<Sent> = fc.oneof(
  { weight: 4, arbitrary: plausibleBody.map((body) => ({ body })) },
  { weight: 2, arbitrary: fc.record({ name: text }).map((body) => ({ body })) },
  { weight: 1, arbitrary: fc.jsonValue().map((body) => ({ body })) },
  { weight: 1, arbitrary: fc.string().map((raw) => ({ raw })) },
  {
    weight: 1,
    arbitrary: fc.record({
      raw: fc.string(),
      contentType: fc.constantFrom("text/plain", "", "application/xml"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ body: plausibleBody, idem: fc.oneof(fc.stringMatching(/^[!-~]{1,10}$/), text) }),
  },
);

function send(s: Sent) {
  const key = keys[calls++ % keys.length];
  const headers: Record<string, string> = {};
  if (s.idem !== undefined) headers["Idempotency-Key"] = s.idem;
  if (s.raw !== undefined) {
    headers["content-type"] = s.contentType ?? "application/json";
    return postAgent(key, undefined, { rawBody: s.raw, headers });
  }
  return postAgent(key, s.body, { headers });
}

describe("POST /api/v1/agents with generated bodies", () => {
  it("answers 201 or 4xx to 1,200 bodies, and the database holds exactly the 201s", async () => {
    const created = new Set<string>();
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async (s) => {
        let res: Awaited<ReturnType<typeof send>>;
        try {
          res = await send(s);
        } catch (e) {
          // Headers that undici refuses to send (e.g. non-ByteString idempotency keys) never reach us.
          if (e instanceof TypeError) return;
          throw e;
        }
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        expect(
          res.status === 201 || (res.status >= 400 && res.status < 500),
          `${res.status} ${res.text}`,
        ).toBe(true);
        if (res.status === 201) created.add(res.json.id);
      }),
      { numRuns: 1_200, seed: Number(process.env.FC_SEED ?? Date.now() % 1_000_000) },
    );
    console.info("generated-body statuses", statuses);
    expect(statuses[201] ?? 0).toBeGreaterThan(50);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1_000);
    const state = await orgState(orgId);
    expect(state).toEqual({ agents: created.size, audits: created.size, agentCount: created.size });
  });
});
