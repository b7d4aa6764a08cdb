import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { type ConversationFilters, listConversationRows } from "@/db/queries/conversation-read";
import * as schema from "@/db/schema";
import { syncPersonas } from "@/db/seed";
import { seedConversationsOrg } from "./conversations";

// `npx tsx bench/conversations-plans.ts`: the inbox statements' real plans at bench size, without
// the server. Seeds the conversations bench org into its own embedded Postgres (.data-convplans,
// reused across runs), then runs the list code itself under auto_explain (ANALYZE, BUFFERS), so
// the plan printed is the one of the statement the API sends, not a hand-copied one.
const handle = await startEmbeddedPostgres(".data-convplans");
try {
  await runMigrations(handle.url);
  const notices: string[] = [];
  const sql = postgres(handle.url, { max: 1, onnotice: (n) => void notices.push(String(n.message)) });
  // drizzle replaces the client's json serializer: the seed's sql.json needs a plain client.
  const plain = postgres(handle.url, { max: 1, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  await syncPersonas(db);
  const org = await seedConversationsOrg(plain);
  await plain.end();
  // Some verified users (every 40th conversation, 200 distinct) for the user_id filter.
  await sql`update conversations set user_sub = 'bench-user-' || (id % 200)
    where organization_id = ${org.id} and id % 40 = 0 and user_sub is null`;
  await sql`analyze conversations`;
  const [agent] = await sql<{ public_id: string }[]>`
    select public_id from agents where organization_id = ${org.id} limit 1`;
  const [mid] = await sql<{ at: string; id: string }[]>`
    select to_char(last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id
    from conversations where organization_id = ${org.id}
    order by last_message_at desc, id desc offset 100000 limit 1`;
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const cases: [string, ConversationFilters, { at: string; id: number }?][] = [
    ["page 1", {}],
    ["keyset page (middle)", {}, { at: mid!.at, id: Number(mid!.id) }],
    ["agent_id", { agentPublicId: agent!.public_id }],
    ["rating=up", { rating: "up" }],
    ["rating=down", { rating: "down" }],
    ["rating=none", { rating: "none" }],
    ["since/until", { since: day(60), until: day(30) }],
    ["user_id", { userSub: "bench-user-40" }],
    ["search", { q: "refunds" }],
    ["search, keyset page", { q: "refunds" }, { at: mid!.at, id: Number(mid!.id) }],
  ];
  for (const [name, filters, after] of cases) {
    for (const indexes of name.startsWith("search") ? [true, false] : [true]) {
      notices.length = 0;
      const t0 = performance.now();
      await db.transaction(async (tx) => {
        await tx.execute("load 'auto_explain'");
        await tx.execute("set local auto_explain.log_min_duration = 0");
        await tx.execute("set local auto_explain.log_analyze = on");
        await tx.execute("set local auto_explain.log_buffers = on");
        await tx.execute("set local client_min_messages = log");
        // Without the GIN index (it serves bitmap scans only); primary-key lookups stay.
        if (!indexes) await tx.execute("set local enable_bitmapscan = off");
        await listConversationRows(tx, org.id, filters, { limit: 50, after });
      });
      const ms = Math.round(performance.now() - t0);
      const plan = notices.find((n) => n.includes("Query Text")) ?? notices.join("\n");
      process.stdout.write(`\n=== ${name}${indexes ? "" : " (bitmap scans off: no GIN)"}: ${ms} ms\n`);
      const lines = plan.split("\n");
      const first = lines.findIndex((l) => l.includes("(cost=") || l.includes("(actual"));
      process.stdout.write(`${lines.slice(Math.max(first, 0)).join("\n")}\n`);
    }
  }
  await sql.end();
} finally {
  if (process.env.KEEP_DB !== "1") await handle.stop();
}
