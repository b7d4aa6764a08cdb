import { asc, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/conversations/export/route";
import { db } from "@/db";
import { conversationMessages, conversations } from "@/db/schema";
import { CSV_COLUMNS, EXPORT_BATCH } from "@/lib/conversations/export";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";
import { csvLine } from "./csv-reference";

// Postgres writes the export's lines (db/queries/conversation-export.ts). This holds them to the
// JavaScript reference: each JSONL line is the message with its conversation, nulls included, and
// each CSV record is exactly what csvLine (RFC 4180, formula prefix) makes of that line's values,
// for text full of quotes, commas, line breaks, formula starters, backslashes and emoji; batches
// join without a gap or a repeat; lines come conversation by conversation (internal id order),
// each conversation's messages oldest first, whatever order the messages were written in.
const CHARS = ["a", "Z", " ", '"', ",", "\r", "\n", "=", "+", "-", "@", "\t", "é", "😀", "\\", "\u0001", "'"];
const text = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 });

async function orgWithMessages(contents: string[], comments: (string | undefined)[]) {
  const org = await createTestOrg();
  const agent = await createTestAgent(org, { name: `Agent "=SUM", \n${org.id}` });
  const [conversation] = await db
    .insert(conversations)
    .values({ organizationId: org.id, agentId: agent.id, visitorId: "+visitor,1", userSub: null })
    .returning();
  await db.insert(conversationMessages).values(
    contents.map((content, i) => ({
      conversationId: conversation!.id,
      role: i % 2 ? ("assistant" as const) : ("user" as const),
      content,
      feedbackRating: comments[i] === undefined ? null : i % 3 ? ("up" as const) : ("down" as const),
      feedbackComment: comments[i] ?? null,
      inputTokens: i % 2 ? i : null,
      outputTokens: i % 2 ? i * 2 : null,
    })),
  );
  const key = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
  return { key, conversationId: conversation!.id };
}

const exportAs = async (key: string, format: "jsonl" | "csv") =>
  (await callRoute(exportRoute, { path: `/api/v1/conversations/export?format=${format}`, key })).text;

describe("export lines written by Postgres", () => {
  it("JSONL carries every field (nulls too); CSV is csvLine of the same values", async () => {
    const contents = fc.sample(
      text.filter((s) => s.length > 0),
      { numRuns: 120, seed: 41 },
    );
    const comments = fc.sample(fc.option(text, { nil: undefined }), { numRuns: 120, seed: 42 });
    const { key, conversationId } = await orgWithMessages(contents, comments);

    const lines = (await exportAs(key, "jsonl"))
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l) as Record<string, string | number | null>);
    const stored = await db
      .select()
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, conversationId))
      .orderBy(asc(conversationMessages.id));
    expect(lines.map((l) => [l.content, l.comment, l.input_tokens, l.output_tokens, l.user_id])).toEqual(
      stored.map((m) => [m.content, m.feedbackComment, m.inputTokens, m.outputTokens, null]),
    );
    expect(lines.map((l) => l.message_id)).toEqual(stored.map((m) => m.publicId));
    const iso = stored[0]!.createdAt.toISOString().slice(0, 23);
    expect(lines[0]!.created_at).toMatch(new RegExp(`^${iso.replaceAll(".", "\\.")}\\d{3}Z$`));
    expect(Object.keys(lines[0]!)).toEqual([...CSV_COLUMNS]);

    const csv = await exportAs(key, "csv");
    const expected =
      csvLine([...CSV_COLUMNS]) + lines.map((l) => csvLine(CSV_COLUMNS.map((c) => l[c] ?? null))).join("");
    expect(csv).toBe(expected);
  });

  it("batches join without a gap or a repeat", async () => {
    const n = EXPORT_BATCH * 2 + 7;
    const { key } = await orgWithMessages(
      Array.from({ length: n }, (_, i) => `message ${i}`),
      [],
    );
    const lines = (await exportAs(key, "jsonl"))
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.content)).toEqual(Array.from({ length: n }, (_, i) => `message ${i}`));
    const csv = (await exportAs(key, "csv")).split("\r\n").slice(1, -1);
    expect(csv).toHaveLength(n);
  });
});

/**
 * Two orgs' conversations interleaved, their messages written round-robin (message ids do not
 * follow conversations), a run of more empty conversations than a batch holds, and one
 * conversation longer than two batches; conversations of two agents.
 */
async function interleavedOrgs() {
  const [a, b] = [await createTestOrg(), await createTestOrg()];
  const [a1, a2, b1] = [await createTestAgent(a), await createTestAgent(a), await createTestAgent(b)];
  const conversationsOf = (count: number, tag: string) => sql`
    insert into conversations (organization_id, agent_id, visitor_id)
    select case when g % 3 = 0 then ${b.id}::bigint else ${a.id}::bigint end,
      case when g % 3 = 0 then ${b1.id}::bigint when g % 2 = 0 then ${a2.id}::bigint else ${a1.id}::bigint end,
      ${tag} || g
    from generate_series(1, ${count}) g`;
  await db.execute(conversationsOf(150, `early-${a.id}-`));
  await db.execute(sql`insert into conversations (organization_id, agent_id, visitor_id)
    select ${a.id}, ${a1.id}, 'empty-' || g from generate_series(1, ${EXPORT_BATCH + 100}) g`);
  const [long] = await db
    .insert(conversations)
    .values({ organizationId: a.id, agentId: a2.id, visitorId: "long" })
    .returning();
  await db.execute(conversationsOf(150, `late-${a.id}-`));
  await db.execute(sql`insert into conversation_messages (conversation_id, role, content)
    select c.id, 'user', 'turn ' || k || ' of ' || c.visitor_id
    from conversations c cross join generate_series(1, 4) k
    where c.organization_id in (${a.id}, ${b.id}) and c.visitor_id not like 'empty-%' and c.id <> ${long!.id}
    order by k, c.id desc`);
  await db.execute(sql`insert into conversation_messages (conversation_id, role, content)
    select ${long!.id}, 'assistant', 'long ' || k from generate_series(1, ${EXPORT_BATCH * 2 + 500}) k`);
  const key = (await createTestApiKey(a, { scopes: ["conversations:read"] })).key;
  return { a, a2, key };
}

/** The org's message ids in the export's order, straight from the tables. */
async function expectedOrder(orgId: number, agentId?: number) {
  const rows = await db.execute<{ id: string }>(sql`select m.public_id as id
    from conversation_messages m join conversations c on c.id = m.conversation_id
    where c.organization_id = ${orgId} ${agentId ? sql`and c.agent_id = ${agentId}` : sql``}
    order by c.id, m.id`);
  return [...rows].map((r) => r.id);
}

describe("export order", () => {
  it("conversation by conversation, messages oldest first; the org's only, across batches", async () => {
    const { a, a2, key } = await interleavedOrgs();
    const expected = await expectedOrder(a.id);
    expect(expected).toHaveLength(200 * 4 + EXPORT_BATCH * 2 + 500);
    const lines = (await exportAs(key, "jsonl"))
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { message_id: string; conversation_id: string });
    expect(lines.map((l) => l.message_id)).toEqual(expected);
    // Each conversation's lines are together: its id never comes back after another's.
    const runs = lines.map((l) => l.conversation_id).filter((id, i, all) => id !== all[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);

    const csv = (await exportAs(key, "csv")).split("\r\n").slice(1, -1);
    const messageColumn = CSV_COLUMNS.indexOf("message_id");
    expect(csv.map((r) => r.split(",")[messageColumn])).toEqual(expected);

    const filtered = await callRoute(exportRoute, {
      path: `/api/v1/conversations/export?format=jsonl&agent_id=${a2.publicId}`,
      key,
    });
    const ids = filtered.text
      .split("\n")
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as { message_id: string }).message_id);
    expect(ids).toEqual(await expectedOrder(a.id, a2.id));
  });
});
