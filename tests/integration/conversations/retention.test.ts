import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { runTranscriptRetention, transcriptRetentionEphemeral } from "@/lib/conversations/retention";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { runLikeInngest } from "@/tests/fixtures/inngest";
import { seedConversations } from "./helpers";

/** Seeds `n` conversations of `per` messages, all activity `age` ago. */
async function seedAged(agent: { id: number; organizationId: number }, n: number, per: number, age: string) {
  const visitor = await seedConversations(agent, n, per);
  await db.execute(sql`update conversation_messages set created_at = now() - ${age}::interval
    where conversation_id in (select id from conversations where visitor_id like ${`${visitor}-%`})`);
  await db.execute(sql`update conversations set created_at = now() - ${age}::interval,
    last_message_at = now() - ${age}::interval where visitor_id like ${`${visitor}-%`}`);
  return visitor;
}

async function counts(organizationId: number) {
  const [row] = await db.execute<{ conversations: number; messages: number; oldest: string | null }>(sql`
    select (select count(*)::int from conversations where organization_id = ${organizationId}) as conversations,
      (select count(*)::int from conversation_messages m join conversations c on c.id = m.conversation_id
        where c.organization_id = ${organizationId}) as messages,
      (select min(m.created_at)::text from conversation_messages m join conversations c on c.id = m.conversation_id
        where c.organization_id = ${organizationId}) as oldest`);
  return row!;
}

async function retentionAudits(organizationId: number) {
  const rows = await db.execute<{ metadata: Record<string, unknown> }>(sql`select metadata from audit_events
    where organization_id = ${organizationId} and action = 'conversations.retention'`);
  return [...rows].map((r) => r.metadata);
}

describe("transcript retention (promise 37)", () => {
  it("nothing older than the org's retention remains, in batches; counters follow; audit has counts only", async () => {
    const org = await createTestOrg();
    await db.execute(sql`update organizations set transcript_retention_days = 7 where id = ${org.id}`);
    const agent = await createTestAgent(org);
    await seedAged(agent, 7, 3, "10 days");
    const kept = await seedAged(agent, 2, 4, "6 days");
    // A conversation still active today keeps its recent turns but loses the old ones.
    const mixed = await seedAged(agent, 1, 2, "9 days");
    await db.execute(sql`insert into conversation_messages (conversation_id, role, content)
      select id, 'user', 'still here' from conversations where visitor_id like ${`${mixed}-%`}`);
    await db.execute(sql`update conversations set last_message_at = now(), message_count = 3
      where visitor_id like ${`${mixed}-%`}`);

    const run = await runTranscriptRetention({ organizationId: org.id, batch: 4 });
    expect(run).toEqual({ messages: 23, conversations: 7, organizations: 1 });
    const after = await counts(org.id);
    expect(after).toMatchObject({ conversations: 3, messages: 9 });
    const [oldest] = await db.execute<{ old: boolean }>(
      sql`select ${after.oldest}::timestamptz < now() - interval '7 days' as old`,
    );
    expect(oldest!.old).toBe(false);
    const [m] = await db.execute<{ message_count: number }>(
      sql`select message_count from conversations where visitor_id like ${`${mixed}-%`}`,
    );
    expect(m!.message_count).toBe(1);
    const [k] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from conversations where visitor_id like ${`${kept}-%`}`,
    );
    expect(k!.n).toBe(2);
    expect(await retentionAudits(org.id)).toEqual([{ messages: 23, conversations: 7 }]);

    // A second run finds nothing and writes no audit row.
    expect(await runTranscriptRetention({ organizationId: org.id })).toEqual({
      messages: 0,
      conversations: 0,
      organizations: 0,
    });
    expect(await retentionAudits(org.id)).toHaveLength(1);
  });

  it("without a setting, the plan's default applies (free: 30 days)", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org);
    await seedAged(agent, 2, 2, "31 days");
    await seedAged(agent, 2, 2, "29 days");
    await runTranscriptRetention({ organizationId: org.id });
    expect(await counts(org.id)).toMatchObject({ conversations: 2, messages: 4 });
  });

  it("with storage off, the every-10-minutes job leaves no turn older than 50 minutes", async () => {
    const org = await createTestOrg();
    await db.execute(sql`update organizations set store_transcripts = false where id = ${org.id}`);
    const stores = await createTestOrg();
    const agent = await createTestAgent(org);
    const other = await createTestAgent(stores);
    await seedAged(agent, 3, 2, "55 minutes");
    await seedAged(agent, 1, 2, "5 minutes");
    await seedAged(other, 2, 2, "2 hours");
    const out = await runLikeInngest(
      transcriptRetentionEphemeral,
      { name: "inngest/scheduled.timer", data: {} },
      1,
    );
    expect(out.error).toBeUndefined();
    expect(await counts(org.id)).toMatchObject({ conversations: 1, messages: 2 });
    // An org that stores transcripts is untouched by the frequent job.
    expect(await counts(stores.id)).toMatchObject({ conversations: 2, messages: 4 });
  });
});
