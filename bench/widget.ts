import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { findRunningEmbeddedUrl } from "@/db/embedded";
import { mintWidgetToken } from "@/lib/widget/token";
import type { Goal, Row } from "./report";
import { type BenchContext, httpRow } from "./scenarios";
import { AGENT_CONFIG, upsertOrg, WIDGET_CONFIG } from "./seed";
import { BENCH_DATA_DIR, BENCH_PORT, startServer } from "./server";

// The widget chat path, POST /api/widget/messages (SSE read to its end), against the fake Gemini
// answering at once, twice in the same run: on the main instance (with the monthly message
// budget) and on a second instance of the same build and database started with
// BENCH_SKIP_MESSAGE_BUDGET=1 (without it). The difference is what the budget step costs.
export const WIDGET_WITH = "api-widget-message";
export const WIDGET_WITHOUT = "api-widget-message-no-budget";
const VISITORS = 512;
export const FAKE_GEMINI_PORT = Number(process.env.BENCH_GEMINI_PORT ?? BENCH_PORT + 10);

/** The fake Gemini in its own process (so it does not share the load driver's event loop). */
export async function startBenchGemini(): Promise<{ url: string; stop: () => void }> {
  const url = `http://127.0.0.1:${FAKE_GEMINI_PORT}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tests/fakes/gemini-server.ts", "--port", String(FAKE_GEMINI_PORT)],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`fake Gemini exited (code ${child.exitCode})`);
    const up = await fetch(url).then(
      () => true,
      () => false,
    );
    if (up) {
      const stop = () => void child.kill("SIGTERM");
      process.once("exit", stop); // also when the bench fails before its own cleanup
      return { url, stop };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGTERM");
  throw new Error("fake Gemini did not start");
}

/** A fresh org with a budget that never runs out in a bench run, and one chat agent. */
async function seedWidgetAgent(sql: postgres.Sql, slug: string): Promise<string> {
  const orgId = await upsertOrg(sql, slug, 10);
  await sql`update organizations set monthly_message_limit = 100000000 where id = ${orgId}`;
  const [row] = await sql<{ public_id: string }[]>`
    insert into agents (organization_id, name, description, industry, persona_id, system_prompt,
                        optimization_status, widget_config, config, allowed_origins)
    select ${orgId}, 'Widget bench', 'Bench chat agent', 'ecommerce', p.id,
           'You are a helpful assistant for Bench Inc. Answer briefly.', 'skipped',
           ${sql.json(WIDGET_CONFIG)}, ${sql.json(AGENT_CONFIG)}, array['https://shop.example.com']
    from personas p where p.organization_id is null order by p.id limit 1
    returning public_id`;
  if (!row) throw new Error("widget bench agent not inserted");
  await sql`update organizations set agent_count = 1 where id = ${orgId}`;
  return row.public_id;
}

export async function widgetScenarios(ctx: BenchContext): Promise<Row[]> {
  const agentId = await seedWidgetAgent(ctx.admin, `bench-widget-${ctx.runId}`);
  // Many visitors, one token each, rotated per request: no per-visitor state is shared.
  const tokens = await Promise.all(
    Array.from({ length: VISITORS }, async () => (await mintWidgetToken(agentId, randomUUID())).token),
  );
  let n = 0;
  const spec = {
    method: "POST" as const,
    path: "/api/widget/messages",
    makeHeaders: () => ({ authorization: `Bearer ${tokens[n++ % VISITORS]}` }),
    makeBody: () => JSON.stringify({ message: `Where is my order ${n}?` }),
  };
  const rows: Row[] = [];
  const withBudget = await httpRow(ctx, WIDGET_WITH, "POST /api/widget/messages (SSE), budget step", spec);
  const off = await startServer({
    port: BENCH_PORT + 3,
    env: { DATABASE_URL: findRunningEmbeddedUrl(BENCH_DATA_DIR) ?? "", BENCH_SKIP_MESSAGE_BUDGET: "1" },
    logName: "no-budget",
  });
  try {
    const offCtx = { ...ctx, baseUrl: off.url, serverPid: off.pid, memory: undefined };
    const without = await httpRow(offCtx, WIDGET_WITHOUT, "… same, budget step switched off", spec);
    rows.push(...[withBudget, without].flat().filter((r): r is Row => Boolean(r)));
  } finally {
    await off.stop();
  }
  return rows;
}

export function widgetGoals(rows: Row[]): Goal[] {
  const a = rows.find((r) => r.id === WIDGET_WITH);
  const b = rows.find((r) => r.id === WIDGET_WITHOUT);
  if (!a || !b || b.result.throughput === 0) return [];
  const extra = (a.statementsPerRequest ?? Number.NaN) - (b.statementsPerRequest ?? Number.NaN);
  const loss = 1 - a.result.throughput / b.result.throughput;
  return [
    {
      goal: "budget step ≤ 1 statement and ≤ 10 % of throughput",
      value: `+${extra} statement(s), ${(loss * 100).toFixed(1)} % throughput`,
      pass: extra <= 1 && loss <= 0.1,
    },
  ];
}
