import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

// House rule: the /api/v1 document stays clean under Redocly's `recommended` ruleset, errors and
// warnings alike. The document depends only on code, so no server is needed to lint it.
async function findings(doc: unknown): Promise<string[]> {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer ?? ""}`);
}

describe("OpenAPI document under Redocly recommended", () => {
  it("has no errors and no warnings", async () => {
    expect(await findings(buildOpenApiDocument())).toEqual([]);
  });

  it("reports an operation without a 4XX answer (the lint is live)", async () => {
    const doc = structuredClone(buildOpenApiDocument());
    const responses = doc.paths!["/api/v1/openapi.json"]!.get!.responses as Record<string, unknown>;
    delete responses["422"];
    expect((await findings(doc)).some((f) => f.startsWith("warn operation-4xx-response"))).toBe(true);
  });

  it("the 422 it documents is real: unstorable query text is refused as on every public route", async () => {
    const res = await GET(new Request("http://localhost/api/v1/openapi.json?q=%00"));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { code: string }).code).toBe("validation_failed");
    expect((await GET(new Request("http://localhost/api/v1/openapi.json?q=ok"))).status).toBe(200);
  });
});
