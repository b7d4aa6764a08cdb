import { describe, expect, it } from "vitest";
import { actorFromUser } from "@/lib/actor";
import { createAgent } from "@/lib/agents/create-agent";
import { updateAgent } from "@/lib/agents/update-agent";
import { apiKeyLookups } from "@/lib/api-keys/key-cache";
import { promptVersionListSchema, promptVersionResourceSchema } from "@/lib/openapi/resources-versions";
import { createAgentSchema, parseAgentPatch } from "@/lib/validations/agent";
import { createTestApiKey, createTestOrg, createTestUser } from "@/tests/fixtures";
import { agentRow, auditsFor, patchAgent, postAgent } from "@/tests/fixtures/agent-api";
import { apiTestOrg } from "@/tests/fixtures/api-org";
import { listVersions, restoreVersion, versionRows } from "@/tests/fixtures/prompt-versions";

// Every path that changes a prompt leaves exactly one immutable version, in the same transaction.
const api = apiTestOrg("enterprise");

async function newAgent(prompt = "You are the first prompt.") {
  const res = await postAgent(api.key, { name: `Versioned ${crypto.randomUUID()}`, system_prompt: prompt });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

describe("versions written with the change", () => {
  it("API create → one 'created' version by the key; PATCH of the prompt → one 'edited'; other fields → none", async () => {
    const id = await newAgent();
    expect(await versionRows(id)).toEqual([
      expect.objectContaining({
        version: 1,
        source: "created",
        systemPrompt: "You are the first prompt.",
        createdByType: "api_key",
        createdByName: api.keyName,
      }),
    ]);
    expect((await patchAgent(api.key, id, { name: `Renamed ${crypto.randomUUID()}` })).status).toBe(200);
    expect(await versionRows(id)).toHaveLength(1);
    expect((await patchAgent(api.key, id, { system_prompt: "Second prompt." })).status).toBe(200);
    expect((await patchAgent(api.key, id, { system_prompt: "Second prompt." })).status).toBe(200); // unchanged
    const rows = await versionRows(id);
    expect(rows.map((r) => [r.version, r.source, r.systemPrompt])).toEqual([
      [1, "created", "You are the first prompt."],
      [2, "edited", "Second prompt."],
    ]);
  });

  it("dashboard create/edit (the same use cases with a user actor) name the user", async () => {
    const user = await createTestUser(api.org);
    const actor = actorFromUser(user);
    const { agent } = await createAgent({
      organizationId: api.org.id,
      actor,
      input: createAgentSchema.parse({ name: `Dash ${crypto.randomUUID()}` }),
    });
    await updateAgent(
      { organizationId: api.org.id, actor },
      { publicId: agent.publicId, patch: parseAgentPatch({ system_prompt: "Typed in the dashboard." }) },
    );
    const rows = await versionRows(agent.publicId);
    expect(rows.map((r) => [r.source, r.createdByType, r.createdByName])).toEqual([
      ["created", "user", user.email],
      ["edited", "user", user.email],
    ]);
    expect(rows[0]!.systemPrompt).toBe(agent.systemPrompt); // the persona's default prompt
  });

  it("a failed change rolls its version back with it", async () => {
    const id = await newAgent();
    const res = await patchAgent(api.key, id, {
      system_prompt: "Never saved.",
      knowledge_pack_id: crypto.randomUUID(),
    });
    expect(res.status).toBe(422);
    expect(await versionRows(id)).toHaveLength(1);
    expect((await agentRow(id))!.systemPrompt).toBe("You are the first prompt.");

    const name = `Rolled back ${crypto.randomUUID()}`;
    const created = await postAgent(api.key, { name, knowledge_pack_id: crypto.randomUUID() });
    expect(created.status).toBe(422);
    const listed = await listVersions(api.key, crypto.randomUUID());
    expect(listed.status).toBe(404);
  });
});

describe("GET /api/v1/agents/{id}/prompt-versions", () => {
  it("lists newest first with who/when/source, walks pages by cursor with constant statements", async () => {
    const id = await newAgent("v1");
    for (const p of ["v2", "v3", "v4", "v5"])
      expect((await patchAgent(api.key, id, { system_prompt: p })).status).toBe(200);
    const all = await listVersions(api.key, id);
    expect(all.status).toBe(200);
    promptVersionListSchema.parse(all.json); // the documented shape
    expect(all.json.data.map((v: { version: number }) => v.version)).toEqual([5, 4, 3, 2, 1]);
    expect(all.json.data[0]).toMatchObject({
      object: "prompt_version",
      version: 5,
      source: "edited",
      system_prompt: "v5",
      created_by: { type: "api_key", name: api.keyName },
      rationale: null,
      eval: null,
    });
    expect(new Date(all.json.data[0].created_at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const seen: number[] = [];
    const counts: number[] = [];
    let cursor: string | null = null;
    do {
      const lookups = apiKeyLookups();
      const page = await listVersions(api.key, id, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      // Less the key lookup, sent only when this process has not cached the key.
      counts.push(Number(page.headers.get("x-statement-count")) - (apiKeyLookups() - lookups));
      seen.push(...page.json.data.map((v: { version: number }) => v.version));
      cursor = page.json.pagination.next_cursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    // Shared rate-limit check + agent lookup + page: the same for every page,
    // whatever its size.
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it("refuses a bad limit or cursor with 422", async () => {
    const id = await newAgent();
    for (const q of ["?limit=0", "?limit=101", "?limit=x", "?cursor=abc", "?cursor=-1"]) {
      const res = await listVersions(api.key, id, q);
      expect(res.status, q).toBe(422);
    }
  });

  it("another org's agent, an unknown id and a malformed id are 404; a key without agents:read is 403", async () => {
    const id = await newAgent();
    const other = await createTestOrg();
    const otherKey = (await createTestApiKey(other)).key;
    expect((await listVersions(otherKey, id)).status).toBe(404);
    expect((await listVersions(api.key, crypto.randomUUID())).status).toBe(404);
    expect((await listVersions(api.key, "not-a-uuid")).status).toBe(404);
    const writeOnly = (await createTestApiKey(api.org, { scopes: ["agents:write"] })).key;
    expect((await listVersions(writeOnly, id)).status).toBe(403);
    expect((await listVersions("ya_live_nonsense", id)).status).toBe(401);
  });
});

describe("POST /api/v1/agents/{id}/prompt-versions/{version}/restore", () => {
  it("makes a new 'restored' version with the old text and switches the agent to it", async () => {
    const id = await newAgent("Original text.");
    await patchAgent(api.key, id, { system_prompt: "Worse text." });
    const before = await agentRow(id);
    const res = await restoreVersion(api.key, id, 1, { body: { rationale: "The edit confused visitors." } });
    expect(res.status).toBe(201);
    promptVersionResourceSchema.parse(res.json);
    expect(res.json).toMatchObject({
      version: 3,
      source: "restored",
      system_prompt: "Original text.",
      restored_from_version: 1,
      rationale: "The edit confused visitors.",
      created_by: { type: "api_key", name: api.keyName },
    });
    const after = await agentRow(id);
    expect(after!.systemPrompt).toBe("Original text.");
    expect(after!.promptVersion).toBe(before!.promptVersion + 1);
    expect(after!.optimizedSystemPrompt).toBeNull();
    expect((await auditsFor(id)).filter((a) => a.action === "agent.prompt_restored")).toHaveLength(1);
    // Without a body too.
    expect((await restoreVersion(api.key, id, 2)).status).toBe(201);
    expect((await agentRow(id))!.systemPrompt).toBe("Worse text.");
    expect((await versionRows(id)).map((r) => r.source)).toEqual([
      "created",
      "edited",
      "restored",
      "restored",
    ]);
  });

  it("the same Idempotency-Key and body twice → one version (replayed); another body → 422, nothing written", async () => {
    const id = await newAgent("Keep me.");
    await patchAgent(api.key, id, { system_prompt: "Replace me." });
    const headers = { "Idempotency-Key": `restore-${crypto.randomUUID()}` };
    const [a, b] = await Promise.all([
      restoreVersion(api.key, id, 1, { headers, body: { rationale: "why" } }),
      restoreVersion(api.key, id, 1, { headers, body: { rationale: "why" } }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.version).toBe(b.json.version);
    const replays = [a, b].filter((r) => r.headers.get("idempotent-replayed") === "true");
    expect(replays).toHaveLength(1);
    const again = await restoreVersion(api.key, id, 1, { headers, body: { rationale: "why" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await versionRows(id)).toHaveLength(3);

    const otherVersion = await restoreVersion(api.key, id, 2, { headers, body: { rationale: "why" } });
    expect(otherVersion.status).toBe(422);
    expect(otherVersion.json.code).toBe("idempotency_key_reused");
    const otherBody = await restoreVersion(api.key, id, 1, { headers, body: { rationale: "because" } });
    expect(otherBody.status).toBe(422);
    expect(await versionRows(id)).toHaveLength(3);
    expect((await agentRow(id))!.systemPrompt).toBe("Keep me.");

    expect((await restoreVersion(api.key, id, 1, { headers: { "Idempotency-Key": "bad key" } })).status).toBe(
      400,
    );
  });

  it("tenancy, unknown versions and scopes: 404 / 404 / 403, nothing written", async () => {
    const id = await newAgent();
    const other = await createTestOrg();
    const otherKey = (await createTestApiKey(other)).key;
    expect((await restoreVersion(otherKey, id, 1)).status).toBe(404);
    for (const v of ["99", "0", "abc", "1.5", "-1", "99999999999"]) {
      expect((await restoreVersion(api.key, id, v)).status, v).toBe(404);
    }
    expect((await restoreVersion(api.key, "not-a-uuid", 1)).status).toBe(404);
    const readOnly = (await createTestApiKey(api.org, { scopes: ["agents:read"] })).key;
    expect((await restoreVersion(readOnly, id, 1)).status).toBe(403);
    expect(await versionRows(id)).toHaveLength(1);
  });

  it("garbage bodies get a clear error and write nothing", async () => {
    const id = await newAgent();
    const cases: { rawBody?: string; body?: unknown; headers?: Record<string, string>; status: number }[] = [
      { rawBody: "{not json", headers: { "content-type": "application/json" }, status: 400 },
      {
        rawBody: "rationale=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        status: 415,
      },
      { body: [], status: 422 },
      { body: "a string", status: 422 },
      { body: { rationale: 42 }, status: 422 },
      { body: { rationale: "x".repeat(1001) }, status: 422 },
      { body: { rationale: "nul\u0000" }, status: 422 },
      { body: { unknown: true }, status: 422 },
      {
        rawBody: JSON.stringify({ rationale: "x".repeat(70_000) }),
        headers: { "content-type": "application/json" },
        status: 413,
      },
    ];
    for (const c of cases) {
      const res = await restoreVersion(api.key, id, 1, c);
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
    expect(await versionRows(id)).toHaveLength(1);
  });
});
