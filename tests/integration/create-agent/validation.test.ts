import { beforeAll, describe, expect, it } from "vitest";
import { createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { orgState, postAgent } from "@/tests/fixtures/agent-api";

// API.md's body rules for POST /api/v1/agents: each bad field → 422 with its path; nothing written.
let key: string;
let orgId: number;

beforeAll(async () => {
  const org = await createTestOrg({ plan: "enterprise" });
  orgId = org.id;
  key = (await createTestApiKey(org)).key;
});

const long = (n: number) => "x".repeat(n);

const invalidBodies: [string, Record<string, unknown>, string][] = [
  ["missing name", {}, "name"],
  ["blank name", { name: "   " }, "name"],
  ["name too long", { name: long(101) }, "name"],
  ["name not a string", { name: 42 }, "name"],
  ["control characters in name", { name: "a\u0007b" }, "name"],
  ["description too long", { name: "ok", description: long(501) }, "description"],
  ["unknown persona", { name: "ok", persona: "pirate" }, "persona"],
  ["industry too long", { name: "ok", industry: long(101) }, "industry"],
  ["prompt of 20,001 chars", { name: "ok", system_prompt: long(20_001) }, "system_prompt"],
  ["knowledge_pack_id not a uuid", { name: "ok", knowledge_pack_id: "pack-1" }, "knowledge_pack_id"],
  ["widget theme", { name: "ok", widget_config: { theme: "neon" } }, "widget_config.theme"],
  ["widget position", { name: "ok", widget_config: { position: "middle" } }, "widget_config.position"],
  ["widget size", { name: "ok", widget_config: { size: "huge" } }, "widget_config.size"],
  ["widget animation", { name: "ok", widget_config: { animation: "spin" } }, "widget_config.animation"],
  ["widget branding", { name: "ok", widget_config: { branding: "yes" } }, "widget_config.branding"],
  [
    "welcome message",
    { name: "ok", widget_config: { welcome_message: long(501) } },
    "widget_config.welcome_message",
  ],
  ["custom css", { name: "ok", widget_config: { custom_css: long(10_001) } }, "widget_config.custom_css"],
  ["primary color", { name: "ok", widget_config: { primary_color: "red" } }, "widget_config.primary_color"],
  ["widget_config over 16 KiB", { name: "ok", widget_config: { extra: long(17_000) } }, "widget_config"],
  ["widget_config not an object", { name: "ok", widget_config: "dark" }, "widget_config"],
  ["temperature above 2", { name: "ok", config: { temperature: 2.5 } }, "config.temperature"],
  ["temperature below 0", { name: "ok", config: { temperature: -0.1 } }, "config.temperature"],
  ["max_output_tokens 0", { name: "ok", config: { max_output_tokens: 0 } }, "config.max_output_tokens"],
  ["max_output_tokens 8193", { name: "ok", config: { max_output_tokens: 8193 } }, "config.max_output_tokens"],
  [
    "max_output_tokens fractional",
    { name: "ok", config: { max_output_tokens: 1.5 } },
    "config.max_output_tokens",
  ],
  ["language not BCP 47", { name: "ok", config: { language: "english!" } }, "config.language"],
  ["config over 16 KiB", { name: "ok", config: { notes: long(17_000) } }, "config"],
  [
    "origin with a path",
    { name: "ok", allowed_origins: ["https://shop.example.com/checkout"] },
    "allowed_origins.0",
  ],
  ["origin without scheme", { name: "ok", allowed_origins: ["shop.example.com"] }, "allowed_origins.0"],
  ["origin javascript:", { name: "ok", allowed_origins: ["javascript:alert(1)"] }, "allowed_origins.0"],
  [
    "21 origins",
    { name: "ok", allowed_origins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`) },
    "allowed_origins",
  ],
  ["auto_optimize not boolean", { name: "ok", auto_optimize: "yes" }, "auto_optimize"],
  ["idempotency_key with spaces", { name: "ok", idempotency_key: "has space" }, "idempotency_key"],
  ["idempotency_key too long", { name: "ok", idempotency_key: long(256) }, "idempotency_key"],
  ["unknown field", { name: "ok", colour: "blue" }, "colour"],
  ["mass assignment: organization_id", { name: "ok", organization_id: "other-org" }, "organization_id"],
  ["mass assignment: id", { name: "ok", id: "9b2f8a2e-3c1d-4b5e-8f6a-7c9d0e1f2a3b" }, "id"],
  [
    "mass assignment: optimized_system_prompt",
    { name: "ok", optimized_system_prompt: "x" },
    "optimized_system_prompt",
  ],
  [
    "mass assignment: optimization_status",
    { name: "ok", optimization_status: "succeeded" },
    "optimization_status",
  ],
  ["mass assignment: created_by", { name: "ok", created_by: 1 }, "created_by"],
  ["NUL character in a stored string", { name: "ok", description: "a\u0000b" }, "description"],
  [
    "lone surrogate in widget_config",
    { name: "ok", widget_config: { note: "\ud800" } },
    "widget_config.note",
  ],
];

describe("POST /api/v1/agents validation", () => {
  it.each(invalidBodies)("%s → 422 at its path", async (_label, body, path) => {
    const res = await postAgent(key, body);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.code).toBe("validation_failed");
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("a body that is not an object → 422", async () => {
    for (const body of [[], "name", 12, null]) {
      const res = await postAgent(key, body);
      expect(res.status).toBe(422);
    }
  });

  it("a knowledge pack of another organization → 422 at knowledge_pack_id", async () => {
    const res = await postAgent(key, {
      name: "kp",
      knowledge_pack_id: "9b2f8a2e-3c1d-4b5e-8f6a-7c9d0e1f2a3b",
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: "knowledge_pack_id", message: expect.any(String) }]);
  });

  it("over 64 KiB → 413, even without a Content-Length", async () => {
    const big = JSON.stringify({ name: "big", system_prompt: long(2 * 1024 * 1024) });
    const res = await postAgent(key, undefined, {
      rawBody: big,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(res.json.code).toBe("payload_too_large");
  });

  it("non-JSON → 400 invalid_json; wrong content type → 415", async () => {
    const bad = await postAgent(key, undefined, {
      rawBody: "{name: nope",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("invalid_json");
    const empty = await postAgent(key, undefined, {
      rawBody: "",
      headers: { "content-type": "application/json" },
    });
    expect(empty.status).toBe(400);
    const form = await postAgent(key, undefined, {
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.code).toBe("unsupported_media_type");
  });

  it("Idempotency-Key header: malformed → 400; differs from the body field → 400", async () => {
    for (const k of ["", "has space", "é", long(256)]) {
      const res = await postAgent(key, { name: "idem" }, { headers: { "Idempotency-Key": k } });
      expect(res.status, JSON.stringify(k)).toBe(400);
      expect(res.json.code).toBe("invalid_idempotency_key");
    }
    const res = await postAgent(
      key,
      { name: "idem", idempotency_key: "a" },
      { headers: { "Idempotency-Key": "b" } },
    );
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("invalid_idempotency_key");
  });

  it("a duplicate name (case-insensitive) → 409 name_conflict", async () => {
    expect((await postAgent(key, { name: "Front Desk" })).status).toBe(201);
    const res = await postAgent(key, { name: "  front desk " });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("name_conflict");
  });

  it("none of the rejected requests above wrote anything", async () => {
    // Only the first "Front Desk" was created in this org.
    expect(await orgState(orgId)).toEqual({ agents: 1, audits: 1, agentCount: 1 });
  });
});
