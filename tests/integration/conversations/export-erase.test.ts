import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/conversations/export/route";
import { DELETE as eraseRoute } from "@/app/api/v1/conversations/route";
import { db } from "@/db";
import { auditEvents, conversationMessages, conversations } from "@/db/schema";
import { mintWidgetToken } from "@/lib/widget/token";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { fakeGeminiForEachTest } from "@/tests/fixtures/gemini";
import { chat, deleteConversation, seedConversations } from "./helpers";

fakeGeminiForEachTest();

/** Parses RFC 4180 CSV (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

async function setup() {
  const org = await createTestOrg();
  const agent = await createTestAgent(org);
  const read = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
  const write = (await createTestApiKey(org, { scopes: ["conversations:write"] })).key;
  return { org, agent, read, write };
}

describe("export", () => {
  it("CSV follows RFC 4180 and neutralises formulas; JSONL has one line per message", async () => {
    const { agent, read } = await setup();
    const tricky = 'He said "hi", then\nleft';
    await seedConversations(agent, 1, 1, tricky);
    await seedConversations(agent, 1, 1, '=HYPERLINK("http://evil")');
    await seedConversations(agent, 1, 1, "+1, -2 or @sum");
    await seedConversations(agent, 1, 1, "-2+3");
    await seedConversations(agent, 1, 1, "@SUM(A1:A9)");
    const csv = await callRoute(exportRoute, { path: "/api/v1/conversations/export?format=csv", key: read });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="conversations-.*\.csv"$/);
    const rows = parseCsv(csv.text);
    const header = rows[0]!;
    const content = header.indexOf("content");
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[content])).toEqual([
      "content",
      tricky,
      '\'=HYPERLINK("http://evil")',
      "'+1, -2 or @sum",
      "'-2+3",
      "'@SUM(A1:A9)",
    ]);
    const jsonl = await callRoute(exportRoute, { path: "/api/v1/conversations/export", key: read });
    const lines = jsonl.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ content: tricky, role: "user", agent_id: agent.publicId });
    expect(
      (await callRoute(exportRoute, { path: "/api/v1/conversations/export?format=xml", key: read })).status,
    ).toBe(422);
  });
});

describe("erasure (promise 37)", () => {
  it("by conversation, user and visitor: no row remains; the audit has counts only", async () => {
    const { org, agent, write } = await setup();
    const v = await mintWidgetToken(agent.publicId);
    const c = await chat(v.token, "My secret address is 1 Main St");
    await chat(v.token, "again", c.conversationId);
    const other = await chat((await mintWidgetToken(agent.publicId)).token, "keep me");
    const visitorSeed = await seedConversations(agent, 2, 3);
    await db
      .update(conversations)
      .set({ userSub: "user-42" })
      .where(eq(conversations.publicId, other.conversationId));

    const byVisitor = await callRoute(eraseRoute, {
      method: "DELETE",
      path: `/api/v1/conversations?visitor_id=${v.visitorId}`,
      key: write,
    });
    expect(byVisitor.status).toBe(204);
    const left = await db.select().from(conversations).where(eq(conversations.visitorId, v.visitorId));
    expect(left).toHaveLength(0);
    const orphan = await db.execute(sql`select 1 from conversation_messages m
      where not exists (select 1 from conversations c where c.id = m.conversation_id)`);
    expect([...orphan]).toHaveLength(0);

    expect(
      (
        await callRoute(eraseRoute, {
          method: "DELETE",
          path: "/api/v1/conversations?user_id=user-42",
          key: write,
        })
      ).status,
    ).toBe(204);
    expect(await db.select().from(conversations).where(eq(conversations.userSub, "user-42"))).toHaveLength(0);

    const [seeded] = await db
      .select({ publicId: conversations.publicId, id: conversations.id })
      .from(conversations)
      .where(eq(conversations.visitorId, `${visitorSeed}-1`));
    const one = await deleteConversation(write, seeded!.publicId);
    expect(one.status).toBe(204);
    expect(
      await db.select().from(conversationMessages).where(eq(conversationMessages.conversationId, seeded!.id)),
    ).toHaveLength(0);
    const again = await deleteConversation(write, seeded!.publicId);
    expect(again.status).toBe(404);

    for (const q of ["", "?user_id=a&visitor_id=b", "?user_id="]) {
      const bad = await callRoute(eraseRoute, {
        method: "DELETE",
        path: `/api/v1/conversations${q}`,
        key: write,
      });
      expect(bad.status, q).toBe(422);
    }

    const audits = await db
      .select({ action: auditEvents.action, metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, org.id));
    const erased = audits.filter((a) => a.action === "conversations.erased");
    expect(erased.map((a) => a.metadata)).toEqual(
      expect.arrayContaining([
        { by: "visitor", conversations: 1, messages: 4 },
        { by: "user", conversations: 1, messages: 2 },
        { by: "conversation", conversations: 1, messages: 3 },
      ]),
    );
    expect(JSON.stringify(erased)).not.toContain("Main St");
    expect(JSON.stringify(erased)).not.toContain(v.visitorId);
  });
});
