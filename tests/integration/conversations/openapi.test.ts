import { describe, expect, it } from "vitest";
import { GET as messagesRoute } from "@/app/api/v1/conversations/[id]/messages/route";
import { GET as getOne } from "@/app/api/v1/conversations/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/conversations/export/route";
import { DELETE as erasePerson, GET as listRoute } from "@/app/api/v1/conversations/route";
import {
  conversationListSchema,
  conversationWithMessagesSchema,
  messageListSchema,
} from "@/lib/openapi/conversation-resources";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { problemSchema } from "@/lib/openapi/resources";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { chat, deleteConversation } from "./helpers";

fakeGeminiForEachTest();

// biome-ignore lint/suspicious/noExplicitAny: walking the generated JSON document
const doc = buildOpenApiDocument() as any;
const op = (path: string, method: string) => doc.paths[path][method];
const paramNames = (path: string, method: string, where: string) =>
  (op(path, method).parameters ?? [])
    .filter((p: { in: string }) => p.in === where)
    .map((p: { name: string }) => p.name)
    .sort();

describe("OpenAPI: conversations", () => {
  it("documents the parameters the handlers parse", () => {
    expect(paramNames("/api/v1/conversations", "get", "query")).toEqual(
      ["agent_id", "cursor", "limit", "q", "rating", "since", "until", "user_id"].sort(),
    );
    expect(paramNames("/api/v1/conversations/export", "get", "query")).toContain("format");
    expect(paramNames("/api/v1/conversations", "delete", "query")).toEqual(["user_id", "visitor_id"]);
    expect(paramNames("/api/v1/conversations/{id}/messages", "get", "path")).toEqual(["id"]);
  });

  it("real responses match the documented shapes and statuses", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    const key = (await createTestApiKey(org, { scopes: ["conversations:read", "conversations:write"] })).key;
    const v = await mintWidgetToken(agent.publicId);
    const c = await chat(v.token, "Where is my refund?");
    await chat(v.token, "Still waiting.", c.conversationId);

    const listed = await callRoute(listRoute, { path: "/api/v1/conversations?q=refund", key });
    expect(listed.status).toBe(200);
    conversationListSchema.parse(listed.json);
    expect(listed.json.data[0].search.snippet).toContain("<mark>");

    const id = c.conversationId;
    const got = await callRoute(getOne, { path: `/api/v1/conversations/${id}`, key, params: { id } });
    conversationWithMessagesSchema.parse(got.json);
    expect(got.json.messages).toHaveLength(4);
    expect(got.json.messages[1].usage).not.toBeNull();

    const msgs = await callRoute(messagesRoute, {
      path: `/api/v1/conversations/${id}/messages`,
      key,
      params: { id },
    });
    messageListSchema.parse(msgs.json);

    const exported = await callRoute(exportRoute, { path: "/api/v1/conversations/export?format=csv", key });
    expect(Object.keys(op("/api/v1/conversations/export", "get").responses["200"].content)).toContain(
      exported.headers.get("content-type")?.split(";")[0],
    );

    const bad = await callRoute(listRoute, { path: "/api/v1/conversations?rating=sideways", key });
    expect(Object.keys(op("/api/v1/conversations", "get").responses)).toContain(String(bad.status));
    problemSchema.parse(bad.json);

    const erased = await callRoute(erasePerson, {
      method: "DELETE",
      path: `/api/v1/conversations?visitor_id=nobody-${id}`,
      key,
    });
    expect(Object.keys(op("/api/v1/conversations", "delete").responses)).toContain(String(erased.status));
    const gone = await deleteConversation(key, id);
    expect(gone.status).toBe(204);
    expect(Object.keys(op("/api/v1/conversations/{id}", "delete").responses)).toContain("204");
    const after = await callRoute(getOne, { path: `/api/v1/conversations/${id}`, key, params: { id } });
    expect(Object.keys(op("/api/v1/conversations/{id}", "get").responses)).toContain(String(after.status));
    expect(after.status).toBe(404);
  });
});
