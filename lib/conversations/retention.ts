import { type SQL, sql } from "drizzle-orm";
import { db } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { deleteExpiredConversations, deleteExpiredMessages } from "@/db/queries/retention";
import { inngest } from "@/lib/inngest/client";
import { log } from "@/lib/logger";
import { PLAN_KEYS, PLANS } from "@/lib/plans";

// Transcript retention (API.md "Conversations", promise 37). The daily run deletes what is past
// each org's retention; the frequent run covers orgs that do not store transcripts, whose turns
// live only while the conversation is active. The margin (50 minutes, run every 10) keeps every
// such turn under an hour. Deletes go in batches; the audit row per org carries counts only.
export const RETENTION_BATCH = 5000;
export const EPHEMERAL_MINUTES = 50;

function planDefaultDays(): SQL {
  const whens = PLAN_KEYS.map((k) => sql`when ${k} then ${PLANS[k].transcriptRetentionDays}::int`);
  return sql`(case o.plan::text ${sql.join(whens, sql` `)} end)`;
}

function cutoff(): SQL {
  return sql`(case when o.store_transcripts
    then now() - make_interval(days => coalesce(o.transcript_retention_days, ${planDefaultDays()}))
    else now() - make_interval(mins => ${EPHEMERAL_MINUTES}) end)`;
}

export type RetentionRun = { messages: number; conversations: number; organizations: number };

export async function runTranscriptRetention(
  opts: { onlyEphemeral?: boolean; batch?: number; organizationId?: number } = {},
): Promise<RetentionRun> {
  const batch = opts.batch ?? RETENTION_BATCH;
  const parts: SQL[] = [sql`true`];
  if (opts.onlyEphemeral) parts.push(sql`o.store_transcripts = false`);
  if (opts.organizationId) parts.push(sql`o.id = ${opts.organizationId}`);
  const scope = sql.join(parts, sql` and `);
  const perOrg = new Map<number, { messages: number; conversations: number }>();
  const add = (rows: { organizationId: number; count: number }[], field: "messages" | "conversations") => {
    let total = 0;
    for (const r of rows) {
      const entry = perOrg.get(r.organizationId) ?? { messages: 0, conversations: 0 };
      entry[field] += r.count;
      perOrg.set(r.organizationId, entry);
      total += r.count;
    }
    return total;
  };
  while (add(await deleteExpiredMessages(db, cutoff(), scope, batch), "messages") >= batch);
  while (add(await deleteExpiredConversations(db, cutoff(), scope, batch), "conversations") >= batch);
  for (const [organizationId, counts] of perOrg) {
    await insertAuditEvent(db, {
      organizationId,
      actorType: "system",
      actorId: null,
      actorLabel: "retention",
      action: "conversations.retention",
      targetPublicId: null,
      metadata: counts,
    });
  }
  const run = {
    messages: [...perOrg.values()].reduce((s, c) => s + c.messages, 0),
    conversations: [...perOrg.values()].reduce((s, c) => s + c.conversations, 0),
    organizations: perOrg.size,
  };
  if (run.organizations) log("info", "transcript retention", { ...run, ephemeral: !!opts.onlyEphemeral });
  return run;
}

export const transcriptRetentionDaily = inngest.createFunction(
  {
    id: "transcript-retention",
    name: "Delete transcripts past retention",
    triggers: [{ cron: "17 3 * * *" }],
  },
  async ({ step }) => step.run("retention", () => runTranscriptRetention()),
);

export const transcriptRetentionEphemeral = inngest.createFunction(
  {
    id: "transcript-retention-ephemeral",
    name: "Delete turns of orgs that do not store transcripts",
    triggers: [{ cron: "*/10 * * * *" }],
  },
  async ({ step }) => step.run("ephemeral", () => runTranscriptRetention({ onlyEphemeral: true })),
);
