import { asc, eq } from "drizzle-orm";
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
// join without a gap or a repeat.
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
