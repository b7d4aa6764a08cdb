import SwaggerParser from "@apidevtools/swagger-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getAgentRoute, PATCH } from "@/app/api/v1/agents/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/agents/route";
import { GET as listPacks, POST as postPack } from "@/app/api/v1/knowledge-packs/route";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as listPersonas } from "@/app/api/v1/personas/route";
import { GET as usageRoute } from "@/app/api/v1/usage/route";
import { usageResourceSchema } from "@/lib/openapi/paths-usage";
import {
  agentListSchema,
  agentResourceSchema,
  knowledgePackListSchema,
  knowledgePackResourceSchema,
  personaListSchema,
  problemSchema,
} from "@/lib/openapi/resources";
import { callRoute, createTestApiKey, createTestOrg } from "@/tests/fixtures";

type Doc = {
  openapi: string;
  // biome-ignore lint/suspicious/noExplicitAny: walking a parsed JSON document
  paths: Record<string, Record<string, any>>;
  components: { securitySchemes: Record<string, unknown> };
};

describe("GET /api/v1/openapi.json", () => {
  let doc: Doc;
  let key: string;
  beforeAll(async () => {
    const res = await openapiRoute(new Request("http://localhost/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    doc = (await res.json()) as Doc;
    key = (await createTestApiKey(await createTestOrg({ plan: "pro" }))).key;
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect(doc.components.securitySchemes.ApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("covers every /api/v1 route with problem+json errors", () => {
    const expected: Record<string, string[]> = {
      "/api/v1/agents": ["get", "post"],
      "/api/v1/agents/{id}": ["get", "patch", "delete"],
      "/api/v1/agents/{id}/optimize": ["post"],
      "/api/v1/agents/{id}/embed": ["get"],
      "/api/v1/agents/{id}/prompt-versions": ["get"],
      "/api/v1/agents/{id}/prompt-versions/{version}/restore": ["post"],
      "/api/v1/agents/{id}/eval-suite": ["get", "put"],
      "/api/v1/agents/{id}/eval-runs": ["post"],
      "/api/v1/agents/{id}/eval-runs/{run}": ["get"],
      "/api/v1/personas": ["get"],
      "/api/v1/ping": ["get"],
      "/api/v1/knowledge-packs": ["get", "post"],
      "/api/v1/knowledge-packs/{id}": ["get", "patch", "delete"],
      "/api/v1/knowledge-packs/{id}/sources": ["get", "post"],
      "/api/v1/knowledge-packs/{id}/sources/{source_id}": ["get", "delete"],
      "/api/v1/knowledge-packs/{id}/sources/{source_id}/resync": ["post"],
      "/api/v1/knowledge-packs/{id}/search": ["get"],
      "/api/v1/usage": ["get"],
      "/api/v1/openapi.json": ["get"],
      "/api/v1/conversations": ["get", "delete"],
      "/api/v1/conversations/export": ["get"],
      "/api/v1/conversations/{id}": ["get", "delete"],
      "/api/v1/conversations/{id}/messages": ["get"],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual(methods.sort());
      for (const m of methods) {
        if (path.endsWith("openapi.json")) continue;
        const r = doc.paths[path]![m].responses;
        expect(r["401"].content["application/problem+json"], `${m} ${path}`).toBeDefined();
      }
    }
  });

  it("the documented create example body creates an agent, and the response matches the schema", async () => {
    const op = doc.paths["/api/v1/agents"]!.post;
    const example = op.requestBody.content["application/json"].example;
    expect(example).toBeDefined();
    const res = await callRoute(createRoute, { method: "POST", path: "/api/v1/agents", key, body: example });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(op.responses)).toContain("201");
    agentResourceSchema.parse(res.json);
    expect(res.json).toMatchObject({ name: example.name, persona: { key: example.persona } });

    // The documented PATCH example, on that agent.
    const patchExample =
      doc.paths["/api/v1/agents/{id}"]!.patch.requestBody.content["application/json"].example;
    const patched = await callRoute(PATCH, {
      method: "PATCH",
      path: `/api/v1/agents/${res.json.id}`,
      key,
      params: { id: res.json.id },
      body: patchExample,
    });
    expect(patched.status, patched.text).toBe(200);
    agentResourceSchema.parse(patched.json);
    expect(patched.json.prompt_version).toBe(2);

    const got = await callRoute(getAgentRoute, {
      path: `/api/v1/agents/${res.json.id}`,
      key,
      params: { id: res.json.id },
    });
    agentResourceSchema.parse(got.json);

    // Documented errors happen as documented: same body again is a name conflict (409).
    const again = await callRoute(createRoute, {
      method: "POST",
      path: "/api/v1/agents",
      key,
      body: example,
    });
    expect(Object.keys(op.responses)).toContain(String(again.status));
    problemSchema.parse(again.json);
  });

  it("the documented list parameters work, and the response matches the schema", async () => {
    const op = doc.paths["/api/v1/agents"]!.get;
    const names = op.parameters.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(["cursor", "limit", "offset", "optimization_status", "persona", "q"]);
    const limit = op.parameters.find((p: { name: string }) => p.name === "limit");
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
    const res = await callRoute(listRoute, { path: "/api/v1/agents?limit=20&q=support", key });
    expect(res.status).toBe(200);
    agentListSchema.parse(res.json);
    expect(res.json.data.length).toBeGreaterThan(0);
    const bad = await callRoute(listRoute, { path: "/api/v1/agents?limit=101", key });
    expect(Object.keys(op.responses)).toContain(String(bad.status));
    problemSchema.parse(bad.json);
  });

  it("personas and knowledge packs match their documented shapes", async () => {
    personaListSchema.parse((await callRoute(listPersonas, { path: "/api/v1/personas", key })).json);
    const example =
      doc.paths["/api/v1/knowledge-packs"]!.post.requestBody.content["application/json"].example;
    const created = await callRoute(postPack, {
      method: "POST",
      path: "/api/v1/knowledge-packs",
      key,
      body: example,
    });
    expect(created.status).toBe(201);
    knowledgePackResourceSchema.parse(created.json);
    knowledgePackListSchema.parse(
      (await callRoute(listPacks, { path: "/api/v1/knowledge-packs", key })).json,
    );
  });

  it("usage matches its documented shape, and a bad month is a documented 422", async () => {
    const op = doc.paths["/api/v1/usage"]!.get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["month"]);
    const res = await callRoute(usageRoute, { path: "/api/v1/usage?month=2026-01", key });
    expect(res.status).toBe(200);
    usageResourceSchema.parse(res.json);
    const bad = await callRoute(usageRoute, { path: "/api/v1/usage?month=2026-13", key });
    expect(Object.keys(op.responses)).toContain(String(bad.status));
    problemSchema.parse(bad.json);
  });
});
