import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { runTranscriptRetention } from "@/lib/conversations/retention";
import { getTranscriptSettings, updateTranscriptSettings } from "@/lib/organizations/transcript-settings";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";
import { seedConversations } from "./helpers";

// The settings use case behind the owners' form (the e2e spec drives the form and its action):
// plan defaults, the audit with values before and after, and the retention job obeying it.
const actor = {
  type: "user" as const,
  userId: 1,
  publicId: "00000000-0000-4000-8000-000000000001",
  label: "owner@example.com",
};

const audits = async (organizationId: number) => [
  ...(await db.execute<{ actor_label: string; metadata: Record<string, unknown> }>(sql`
      select actor_label, metadata from audit_events
      where organization_id = ${organizationId} and action = 'organization.transcript_settings.updated'
      order by id`)),
];

describe("transcript settings", () => {
  it("defaults to the plan's retention; a change is audited with before and after, no change is not", async () => {
    const org = await createTestOrg({ plan: "free" });
    expect(await getTranscriptSettings(org.id)).toEqual({
      retentionDays: null,
      planDefaultDays: 30,
      effectiveDays: 30,
      storeTranscripts: true,
    });
    const ctx = { organizationId: org.id, actor };
    expect(await updateTranscriptSettings(ctx, { retentionDays: 3, storeTranscripts: false })).toEqual({
      changed: true,
    });
    expect(await updateTranscriptSettings(ctx, { retentionDays: 3, storeTranscripts: false })).toEqual({
      changed: false,
    });
    expect(await getTranscriptSettings(org.id)).toMatchObject({ retentionDays: 3, effectiveDays: 3 });
    expect(await audits(org.id)).toEqual([
      {
        actor_label: "owner@example.com",
        metadata: {
          before: { transcript_retention_days: null, store_transcripts: true },
          after: { transcript_retention_days: 3, store_transcripts: false },
        },
      },
    ]);
  });

  it("the retention job deletes by the saved setting", async () => {
    const org = await createTestOrg({ plan: "pro" });
    const agent = await createTestAgent(org);
    const visitor = await seedConversations(agent, 2, 2);
    await db.execute(sql`update conversation_messages set created_at = now() - interval '5 days'
      where conversation_id in (select id from conversations where visitor_id like ${`${visitor}-%`})`);
    await runTranscriptRetention({ organizationId: org.id });
    const left = async () =>
      (
        await db.execute<{ n: number }>(sql`select count(*)::int as n from conversation_messages m
          join conversations c on c.id = m.conversation_id where c.organization_id = ${org.id}`)
      )[0]!.n;
    expect(await left()).toBe(4);
    await updateTranscriptSettings(
      { organizationId: org.id, actor },
      { retentionDays: 4, storeTranscripts: true },
    );
    await runTranscriptRetention({ organizationId: org.id });
    expect(await left()).toBe(0);
  });
});
