import { beforeAll, describe, expect, it } from "vitest";
import { GET as listAgents } from "@/app/api/v1/agents/route";
import { GET as listPacks } from "@/app/api/v1/knowledge-packs/route";
import { GET as listPersonas } from "@/app/api/v1/personas/route";
import { GET as widgetConfig } from "@/app/api/widget/config/[agentId]/route";
import { parseAgentsPageSearch } from "@/lib/agents/dashboard-agents";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";

// Every list/search parameter with NUL (%00) or an encoded lone surrogate: a 422 on that
// parameter (API) or an inline message (dashboard), never a 5xx from Postgres.
let key: string;
let agentId: string;
beforeAll(async () => {
  const org = await createTestOrg();
  key = (await createTestApiKey(org)).key;
  agentId = (await createTestAgent(org)).publicId;
});

const LISTS = [
  {
    path: "/api/v1/agents",
    handler: listAgents,
    params: ["q", "persona", "optimization_status", "cursor", "limit", "offset", "organization_id", "other"],
  },
  {
    path: "/api/v1/knowledge-packs",
    handler: listPacks,
    params: ["limit", "offset", "organization_id", "other"],
  },
  { path: "/api/v1/personas", handler: listPersonas, params: ["organization_id", "other"] },
];

describe("list parameters with NUL or a lone surrogate", () => {
  it("NUL in any parameter of any list: 422 validation_failed naming it", async () => {
    for (const { path, handler, params } of LISTS) {
      for (const name of params) {
        for (const value of ["%00", "support%00", "%00%00"]) {
          const res = await callRoute(handler, { path: `${path}?${name}=${value}`, key });
          expect(res.status, `${path}?${name}=${value}`).toBe(422);
          expect(res.json.code).toBe("validation_failed");
          expect(res.json.errors).toEqual([{ path: name, message: expect.stringMatching(/NUL/) }]);
        }
      }
    }
  });

  it("an encoded lone surrogate (%ED%A0%80) arrives as U+FFFD: never a 5xx", async () => {
    for (const { path, handler, params } of LISTS) {
      for (const name of params) {
        const res = await callRoute(handler, { path: `${path}?${name}=%ED%A0%80`, key });
        expect(res.status, `${path}?${name}`).toBeLessThan(500);
      }
    }
  });

  it("a NUL in a parameter name is refused too; without a key it is still 401 first", async () => {
    const res = await callRoute(listAgents, { path: "/api/v1/agents?%00=1", key });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe("(query)");
    expect((await callRoute(listAgents, { path: "/api/v1/agents?q=%00" })).status).toBe(401);
  });

  it("the widget config route refuses NUL in its query as well", async () => {
    const res = await callRoute(widgetConfig, {
      path: `/api/widget/config/${agentId}?v=%00`,
      params: { agentId },
    });
    expect(res.status).toBe(422);
    const ok = await callRoute(widgetConfig, {
      path: `/api/widget/config/${agentId}?v=1`,
      params: { agentId },
    });
    expect(ok.status).toBe(200);
  });
});

describe("dashboard agent list search", () => {
  it("NUL or a lone surrogate in ?q= is dropped with an inline message; a normal q is kept", () => {
    for (const q of ["\u0000", "sup\u0000port", "\ud800", "x\udc00"]) {
      const s = parseAgentsPageSearch({ q });
      expect(s.q).toBeUndefined();
      expect(s.qError).toMatch(/^Search ignored: Text cannot contain NUL/);
    }
    expect(parseAgentsPageSearch({ q: "support" })).toMatchObject({ q: "support" });
    expect(parseAgentsPageSearch({ q: "support" }).qError).toBeUndefined();
  });
});
