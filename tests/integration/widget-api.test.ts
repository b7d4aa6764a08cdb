import { and, eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as embedGet } from "@/app/api/v1/agents/[id]/embed/route";
import { GET as configGet } from "@/app/api/widget/config/[agentId]/route";
import { POST as sessionPost } from "@/app/api/widget/session/route";
import { db } from "@/db";
import { agents, auditEvents } from "@/db/schema";
import { invalidateWidgetAgent } from "@/lib/widget/agent-cache";
import { DISPLAY_WIDGET_KEYS } from "@/lib/widget/display-config";
import { rotateAgentPublicId, setAgentAllowedOrigins } from "@/lib/widget/manage";
import {
  mintWidgetToken,
  verifyWidgetToken,
  WIDGET_TOKEN_TTL_SECONDS,
  widgetTokenKey,
} from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg, fakeEnv } from "@/tests/fixtures";

let org: Awaited<ReturnType<typeof createTestOrg>>;
let agent: Awaited<ReturnType<typeof createTestAgent>>;

beforeAll(async () => {
  fakeEnv({ APP_URL: "https://app.example.test" });
  org = await createTestOrg();
  agent = await createTestAgent(org, {
    name: "<img src=x onerror=alert(1)>",
    widgetConfig: {
      theme: "dark",
      welcome_message: "</script><script>window.__pwned=1</script>",
      custom_css: ".ya{color:red}",
      secret_extra: "do not show",
    },
    allowedOrigins: ["https://shop.example.com"],
  });
});

describe("GET /api/widget/config/{id}", () => {
  it("returns display fields only, with * CORS and no credentials", async () => {
    const res = await callRoute(configGet, { params: { agentId: agent.publicId } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["agent_id", "name", "persona_name", "widget_config"]);
    expect(Object.keys(res.json.widget_config).sort()).toEqual([...DISPLAY_WIDGET_KEYS].sort());
    expect(res.json.name).toBe("<img src=x onerror=alert(1)>");
    expect(res.json.widget_config.theme).toBe("dark");
    expect(res.text).not.toContain("SECRET-PROMPT");
    expect(res.text).not.toContain("secret_extra");
    expect(res.text).not.toContain("shop.example.com");
    expect(res.text).not.toContain(`"id":${agent.id}`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("404s for unknown, malformed and disabled agents", async () => {
    const disabled = await createTestAgent(org, { status: "disabled" });
    for (const id of [crypto.randomUUID(), "not-a-uuid", disabled.publicId]) {
      const res = await callRoute(configGet, { params: { agentId: id } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("GET /api/v1/agents/{id}/embed", () => {
  it("returns the snippet built from APP_URL for the key's own agent", async () => {
    const key = await createTestApiKey(org, { scopes: ["agents:read"] });
    const res = await callRoute(embedGet, { key: key.key, params: { id: agent.publicId } });
    expect(res.status).toBe(200);
    expect(res.json.agent_id).toBe(agent.publicId);
    expect(res.json.script_url).toBe("https://app.example.test/widget.js");
    expect(res.json.snippet).toContain(agent.publicId);
    expect(res.json.snippet).not.toContain("SECRET-PROMPT");
    expect(res.json.snippet).not.toContain(key.key);
    expect(res.json.snippet).not.toContain("</script><script>window");
    expect(res.json.snippet).toContain("\\u003c/script\\u003e");
  });

  it("404s for another organization's agent and 401s without a key", async () => {
    const other = await createTestOrg();
    const otherKey = await createTestApiKey(other);
    const res = await callRoute(embedGet, { key: otherKey.key, params: { id: agent.publicId } });
    expect(res.status).toBe(404);
    const anon = await callRoute(embedGet, { params: { id: agent.publicId } });
    expect(anon.status).toBe(401);
  });
});

describe("widget session tokens", () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    vid: "v-1",
    sub: agent.publicId,
    aud: "widget",
    iss: "youragent",
    iat: now(),
    exp: now() + 600,
  });

  it("mints tokens bound to the agent that live at most 900 s", async () => {
    const minted = await mintWidgetToken(agent.publicId, undefined, 99_999);
    const session = await verifyWidgetToken(minted.token);
    expect(session.agentPublicId).toBe(agent.publicId);
    expect(session.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.expiresAt - now()).toBeLessThanOrEqual(WIDGET_TOKEN_TTL_SECONDS);
    expect(WIDGET_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(900);
  });

  it("rejects missing, expired, alg none, wrong key, wrong audience and over-long tokens", async () => {
    const sign = (payload: Record<string, unknown>, key = widgetTokenKey()) =>
      new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(key);
    const bad = {
      missing: undefined,
      garbage: "not.a.token",
      expired: await sign({ ...claims(), iat: now() - 1000, exp: now() - 100 }),
      algNone: `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`,
      wrongKey: await sign(claims(), new TextEncoder().encode("another-secret-another-secret-123")),
      wrongAudience: await sign({ ...claims(), aud: "api" }),
      wrongIssuer: await sign({ ...claims(), iss: "someone-else" }),
      tooLong: await sign({ ...claims(), exp: now() + 3600 }),
      noVisitor: await sign({ ...claims(), vid: undefined }),
    };
    for (const [name, token] of Object.entries(bad)) {
      await expect(verifyWidgetToken(token), name).rejects.toMatchObject({ code: "unauthenticated" });
    }
    // The same claims signed correctly pass: the cases above fail for their one defect.
    await expect(verifyWidgetToken(await sign(claims()))).resolves.toMatchObject({ visitorId: "v-1" });
  });

  it("refreshes a valid session with the same visitor; rejects a bad one", async () => {
    const minted = await mintWidgetToken(agent.publicId);
    const res = await callRoute(sessionPost, { method: "POST", key: minted.token });
    expect(res.status).toBe(200);
    const refreshed = await verifyWidgetToken(res.json.token);
    expect(refreshed.visitorId).toBe(minted.visitorId);
    expect(refreshed.agentPublicId).toBe(agent.publicId);
    const anon = await callRoute(sessionPost, { method: "POST" });
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toContain("Bearer");
  });
});

describe("rotating the public id", () => {
  it("makes the old id resolve nothing, the new one work, and writes an audit event", async () => {
    const a = await createTestAgent(org);
    const before = await callRoute(configGet, { params: { agentId: a.publicId } });
    expect(before.status).toBe(200); // now cached
    const oldToken = await mintWidgetToken(a.publicId);
    const { publicId } = await rotateAgentPublicId({
      organizationId: org.id,
      agentPublicId: a.publicId,
      actor: { type: "system", label: "test" },
    });
    expect(publicId).not.toBe(a.publicId);
    expect((await callRoute(configGet, { params: { agentId: a.publicId } })).status).toBe(404);
    expect((await callRoute(configGet, { params: { agentId: publicId } })).status).toBe(200);
    // A session of the old id cannot be refreshed.
    expect((await callRoute(sessionPost, { method: "POST", key: oldToken.token })).status).toBe(401);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "agent.public_id_rotated")));
    expect(
      audit.some((e) => e.targetPublicId === publicId && e.metadata.previous_public_id === a.publicId),
    ).toBe(true);
  });

  it("refuses another organization's agent", async () => {
    const other = await createTestOrg();
    await expect(
      rotateAgentPublicId({
        organizationId: other.id,
        agentPublicId: agent.publicId,
        actor: { type: "system", label: "t" },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    invalidateWidgetAgent(agent.publicId);
    expect((await callRoute(configGet, { params: { agentId: agent.publicId } })).status).toBe(200);
  });
});

describe("allowed origins from the embed page", () => {
  it("saves the list with an audit event, only in the actor's organization", async () => {
    const a = await createTestAgent(org);
    await setAgentAllowedOrigins({
      organizationId: org.id,
      agentPublicId: a.publicId,
      origins: ["https://new.example.com"],
      actor: { type: "system", label: "test" },
    });
    const [row] = await db.select().from(agents).where(eq(agents.id, a.id));
    expect(row?.allowedOrigins).toEqual(["https://new.example.com"]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetPublicId, a.publicId), eq(auditEvents.action, "agent.updated")));
    expect(event?.metadata).toMatchObject({ fields: ["allowed_origins"] });
    const other = await createTestOrg();
    await expect(
      setAgentAllowedOrigins({
        organizationId: other.id,
        agentPublicId: a.publicId,
        origins: [],
        actor: { type: "system", label: "test" },
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const [unchanged] = await db.select().from(agents).where(eq(agents.id, a.id));
    expect(unchanged?.allowedOrigins).toEqual(["https://new.example.com"]);
  });
});
