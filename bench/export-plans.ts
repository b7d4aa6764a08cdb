import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { EXPORT_START, type ExportKey, exportBatchQuery, parseKey } from "@/db/queries/conversation-export";
import * as schema from "@/db/schema";
import { syncPersonas } from "@/db/seed";
import { EXPORT_BATCH } from "@/lib/conversations/export";
import { replaceOrgAgent, upsertOrg } from "./seed";

// `npx tsx bench/export-plans.ts`: the export's batch statement at size, without the server.
// Seeds one org with EXPORT_PLAN_MESSAGES messages (10 per conversation, the e2e spec's shape) in
// its own embedded Postgres (.data-exportplans, reused), prints the batch's plan under the
// prepared statement's generic plan (EXPLAIN ANALYZE, BUFFERS) at the start and in the middle,
// then reads the whole export batch by batch as the route does and prints messages per second.
const MESSAGES = Number(process.env.EXPORT_PLAN_MESSAGES ?? 200_000);
const PER_CONVERSATION = 10;
const CONTENT = 'Where is my order? I paid "express", it said two days,\nand it has been a week. Thanks!';

const handle = await startEmbeddedPostgres(".data-exportplans");
try {
  await runMigrations(handle.url);
  const sql = postgres(handle.url, { max: 1, onnotice: () => {} });
  const orm = postgres(handle.url, { max: 1, onnotice: () => {} });
  await syncPersonas(drizzle(orm, { schema }));
  await orm.end();
  const orgId = await upsertOrg(sql, "export-plans", 10);
  const [{ n } = { n: "0" }] = await sql<{ n: string }[]>`
    select count(*)::text as n from conversation_messages m join conversations c on c.id = m.conversation_id
    where c.organization_id = ${orgId}`;
  if (Number(n) !== MESSAGES) {
    await sql.begin(async (tx) => {
      await tx`set local statement_timeout = 0`;
      const agentId = await replaceOrgAgent(tx, sql, orgId, "Export plans");
      await tx`
        insert into conversations (organization_id, agent_id, visitor_id, last_message_at, message_count)
        select ${orgId}, ${agentId}, 'export-visitor-' || g, now() - make_interval(secs => g), ${PER_CONVERSATION}
        from generate_series(1, ${MESSAGES / PER_CONVERSATION}) g`;
      await tx`
        insert into conversation_messages (conversation_id, role, content)
        select c.id, (case when k % 2 = 0 then 'assistant' else 'user' end)::message_role, ${CONTENT}
        from conversations c cross join generate_series(1, ${PER_CONVERSATION}) k
        where c.organization_id = ${orgId}`;
    });
    await sql`analyze`;
  }
  const [midRow] = await sql<{ cid: string; mid: string }[]>`
    select c.id::text as cid, m.id::text as mid
    from conversation_messages m join conversations c on c.id = m.conversation_id
    where c.organization_id = ${orgId} order by c.id, m.id offset ${MESSAGES / 2} limit 1`;
  const middle: ExportKey = { conversationId: Number(midRow?.cid), messageId: Number(midRow?.mid) };
  for (const format of ["jsonl", "csv"] as const) {
    for (const after of [EXPORT_START, middle]) {
      const q = exportBatchQuery(orgId, {}, format, after, EXPORT_BATCH);
      const plan = await sql.begin(async (tx) => {
        await tx`set local plan_cache_mode = force_generic_plan`;
        await tx.unsafe(`prepare p as ${q.sql}`);
        const rows = await tx.unsafe(
          `explain (analyze, buffers) execute p(${q.params.map((p: unknown) => `'${String(p)}'`).join(", ")})`,
        );
        await tx`deallocate p`;
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      process.stdout.write(`\n=== ${format} batch after ${JSON.stringify(after)} (generic plan)\n${plan}\n`);
    }
    const t0 = performance.now();
    let after = EXPORT_START;
    let count = 0;
    let bytes = 0;
    for (;;) {
      const q = exportBatchQuery(orgId, {}, format, after, EXPORT_BATCH);
      const [row] = await sql.unsafe(q.sql, q.params as never[], { prepare: true }).raw();
      const [c, rows, last, text] = row as unknown as [Buffer, Buffer, Buffer | null, Buffer];
      count += Number(c.toString());
      bytes += text.length;
      if (Number(rows.toString()) < EXPORT_BATCH) break;
      after = parseKey(last!.toString());
    }
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(
      `\n${format}: ${count} messages, ${(bytes / 2 ** 20).toFixed(0)} MB in ${s.toFixed(1)} s = ${Math.round(count / s)} messages/s\n`,
    );
  }
  await sql.end();
} finally {
  if (process.env.KEEP_DB !== "1") await handle.stop();
}
