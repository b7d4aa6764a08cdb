import { runHttpLoad } from "./load";
import type { Goal, Row } from "./report";
import type { BenchContext } from "./scenarios";
import { createKey, upsertOrg } from "./seed";

// Two production instances on the bench's database: autocannon round-robins its connections
// over both, then the invariants the database guards are checked across them (plan limit,
// idempotency), the way an operator behind a load balancer would see them.
const PLAN_LIMIT = 10;
const CONCURRENT_CREATES = 80;
const SAME_KEY_CREATES = 20;

type Create = { status: number; id?: string };

async function create(url: string, key: string, name: string, idempotencyKey?: string): Promise<Create> {
  const res = await fetch(`${url}/api/v1/agents`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: JSON.stringify({ name, persona: "support" }),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string };
  return { status: res.status, id: body.id };
}

export async function twoInstanceScenario(
  ctx: BenchContext,
  urls: [string, string],
  agentId: string,
  listKey: string,
): Promise<{ rows: Row[]; goals: Goal[] }> {
  process.stderr.write(`[bench] two-instance-get (round-robin over ${urls.join(", ")}) …\n`);
  const spec = { path: `/api/v1/agents/${agentId}`, headers: { authorization: `Bearer ${listKey}` } };
  if (ctx.warmupSeconds > 0)
    await runHttpLoad(urls, spec, { connections: ctx.connections, seconds: ctx.warmupSeconds });
  const result = await runHttpLoad(urls, spec, { connections: ctx.connections, seconds: ctx.seconds });
  const row: Row = {
    id: "two-instance-get",
    label: "GET /api/v1/agents/{id}, round-robin over two instances",
    driver: "http",
    result,
    statementsPerRequest: null,
    baseline: "raw-get",
  };

  const orgId = await upsertOrg(ctx.admin, `bench-two-${ctx.runId}`, PLAN_LIMIT);
  const key = await createKey(ctx.admin, orgId);
  const creates = await Promise.all(
    Array.from({ length: CONCURRENT_CREATES }, (_, i) =>
      create(urls[i % 2] as string, key, `Two ${ctx.runId} ${i}`),
    ),
  );
  const created = creates.filter((c) => c.status === 201).length;
  const [{ n: stored } = { n: -1 }] = await ctx.admin<{ n: number }[]>`
    select count(*)::int as n from agents where organization_id = ${orgId}`;

  const idemOrg = await upsertOrg(ctx.admin, `bench-two-idem-${ctx.runId}`, 1_000);
  const idemKey = await createKey(ctx.admin, idemOrg);
  const same = await Promise.all(
    Array.from({ length: SAME_KEY_CREATES }, (_, i) =>
      create(urls[i % 2] as string, idemKey, `Same ${ctx.runId}`, `two-${ctx.runId}`),
    ),
  );
  const [{ n: idemStored } = { n: -1 }] = await ctx.admin<{ n: number }[]>`
    select count(*)::int as n from agents where organization_id = ${idemOrg}`;
  const ids = new Set(same.map((c) => c.id));
  const sameOk = same.filter((c) => c.status < 300).length;
  const fivexx = [...creates, ...same].filter((c) => c.status >= 500).length;

  const goals: Goal[] = [
    {
      goal: "two instances: zero errors under round-robin load",
      value: `${result.errors} errors of ${result.requests} (${JSON.stringify(result.statusCodes)})`,
      pass: result.errors === 0 && result.requests > 0,
    },
    {
      goal: `two instances: ${CONCURRENT_CREATES} concurrent creates, plan limit ${PLAN_LIMIT} → ${PLAN_LIMIT}`,
      value: `${created} × 201, ${stored} stored, ${fivexx} × 5xx`,
      pass: created === PLAN_LIMIT && stored === PLAN_LIMIT && fivexx === 0,
    },
    {
      goal: `two instances: ${SAME_KEY_CREATES} same-key creates → one agent`,
      value: `${idemStored} stored, ${ids.size} distinct id, ${sameOk} × 2xx`,
      pass: idemStored === 1 && ids.size === 1 && sameOk === SAME_KEY_CREATES,
    },
  ];
  return { rows: [row], goals };
}
