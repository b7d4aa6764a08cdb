import { randomUUID } from "node:crypto";
import { count, desc, eq } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import * as schema from "@/db/schema";

// Raw-SQL baselines through postgres.js, no HTTP: what the database alone can do, so the
// API's numbers read as a ratio. Plus a deliberately naive per-row-relations list (N+1).
type Sql = postgres.Sql;

const AGENT_COLUMNS = `a.public_id, a.name, a.description, a.industry, a.system_prompt,
  a.optimized_system_prompt, a.use_optimized_prompt, a.prompt_version, a.optimization_status,
  a.optimization_error, a.optimization_rationale, a.optimization_updated_at, a.widget_config, a.config,
  a.allowed_origins, a.status, a.created_at, a.updated_at`;

/**
 * The create baseline (the first release's shape): a transaction — lock the org row,
 * check the limit, then the insert, the count bump and the audit row in one statement, commit.
 */
export async function rawCreateTransaction(sql: Sql, organizationId: number, name: string): Promise<void> {
  await sql.begin(async (tx) => {
    const [org] = await tx<{ agent_count: number; max_agents: number }[]>`
      select id, slug, plan, max_agents, agent_count from organizations where id = ${organizationId} for update`;
    if (!org || org.agent_count >= org.max_agents) throw new Error("limit");
    const publicId = randomUUID();
    await tx`
      with bump as (update organizations set agent_count = agent_count + 1 where id = ${organizationId} returning id),
           logged as (insert into audit_events (organization_id, actor_type, actor_id, action, target_public_id, metadata)
                      values (${organizationId}, 'api_key', 'bench', 'agent.created', ${publicId}, ${tx.json({ name })})
                      returning id)
      insert into agents (public_id, organization_id, name, persona_id, system_prompt, optimization_status,
                          widget_config, config, allowed_origins)
      values (${publicId}, ${organizationId}, ${name}, (select id from personas where key = 'assistant'),
              'You are a helpful assistant.', 'skipped', ${tx.json({ theme: "modern" })},
              ${tx.json({ temperature: 0.7 })}, '{}')
      returning id, public_id, prompt_version, knowledge_pack_id`;
  });
}

/**
 * The same write as lib/agents/create-agent.ts today: ONE statement committed on its own — the org's
 * agent_count bump under the limit, the audit row, the agent and its first prompt version — that
 * returns the new agent with its persona and pack joined.
 */
export async function rawCreateOneStatement(sql: Sql, organizationId: number, name: string): Promise<void> {
  const publicId = randomUUID();
  const rows = await sql`
    with bump as (update organizations set agent_count = agent_count + 1
                  where id = ${organizationId} and agent_count < coalesce(max_agents, 1000) returning id),
         logged as (insert into audit_events (organization_id, actor_type, actor_id, action, target_public_id, metadata)
                    select id, 'api_key', 'bench', 'agent.created', ${publicId}, ${sql.json({ name })} from bump
                    returning id),
         inserted as (insert into agents (public_id, organization_id, name, persona_id, system_prompt,
                                          optimization_status, widget_config, config, allowed_origins)
                      select ${publicId}, id, ${name}, (select id from personas where key = 'assistant'),
                             'You are a helpful assistant.', 'skipped', ${sql.json({ theme: "modern" })},
                             ${sql.json({ temperature: 0.7 })}, '{}' from bump
                      returning *),
         versioned as (insert into agent_prompt_versions (organization_id, agent_id, version, source, system_prompt,
                                                          created_by_type, created_by_name)
                       select organization_id, id, 1, 'created', system_prompt, 'api_key', 'bench' from inserted
                       returning id)
    select ${sql.unsafe(AGENT_COLUMNS)}, p.key as persona_key, p.name as persona_name,
           p.description as persona_description, k.public_id as knowledge_pack_id, k.name as knowledge_pack_name
    from inserted a join personas p on p.id = a.persona_id
    left join knowledge_packs k on k.id = a.knowledge_pack_id`;
  if (rows.length === 0) throw new Error("limit");
}

/** The replay baseline: in a transaction, lock the org row, then look the key up. */
export async function rawReplayUnderLock(sql: Sql, organizationId: number, key: string) {
  await sql.begin(async (tx) => {
    await tx`select agent_count from organizations where id = ${organizationId} for update`;
    await tx`select public_id, request_fingerprint from agents
             where organization_id = ${organizationId} and idempotency_key = ${key} limit 1`;
  });
}

/**
 * The same read as a replay in lib/agents/create-agent.ts today: one lookup of the agent the key made,
 * persona and pack joined (no lock: that agent is committed).
 */
export async function rawReplayLookup(sql: Sql, organizationId: number, key: string) {
  return sql.unsafe(
    `select ${AGENT_COLUMNS}, a.request_fingerprint, p.key as persona_key, p.name as persona_name,
            p.description as persona_description, k.public_id as knowledge_pack_id, k.name as knowledge_pack_name
     from agents a join personas p on p.id = a.persona_id
     left join knowledge_packs k on k.id = a.knowledge_pack_id
     where a.organization_id = $1 and a.idempotency_key = $2 limit 1`,
    [organizationId, key],
    { prepare: true },
  );
}

/** One statement: a page with persona and knowledge pack joined (offset mode). */
export async function rawListPage(sql: Sql, organizationId: number, limit: number, offset: number) {
  return sql.unsafe(
    `select ${AGENT_COLUMNS}, p.key as persona_key, p.name as persona_name, p.description as persona_description,
            k.public_id as knowledge_pack_id, k.name as knowledge_pack_name
     from agents a join personas p on p.id = a.persona_id
     left join knowledge_packs k on k.id = a.knowledge_pack_id
     where a.organization_id = $1 order by a.created_at desc, a.id desc limit $2 offset $3`,
    [organizationId, limit, offset],
    { prepare: true },
  );
}

/** One statement: a keyset page after (created_at, id). */
export async function rawListAfter(
  sql: Sql,
  organizationId: number,
  limit: number,
  after: { createdAt: string; id: number },
) {
  return sql.unsafe(
    `select ${AGENT_COLUMNS}, p.key as persona_key, p.name as persona_name, p.description as persona_description,
            k.public_id as knowledge_pack_id, k.name as knowledge_pack_name
     from agents a join personas p on p.id = a.persona_id
     left join knowledge_packs k on k.id = a.knowledge_pack_id
     where a.organization_id = $1 and (a.created_at, a.id) < ($2::timestamptz, $3)
     order by a.created_at desc, a.id desc limit $4`,
    [organizationId, after.createdAt, after.id, limit],
    { prepare: true },
  );
}

/** The keyset position just before the page that starts at `offset`. */
export async function keysetBefore(sql: Sql, organizationId: number, offset: number) {
  const [row] = await sql<{ created_at: string; id: string }[]>`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at, id
    from agents where organization_id = ${organizationId}
    order by created_at desc, id desc offset ${offset - 1} limit 1`;
  if (!row) throw new Error("keysetBefore: no row");
  return { createdAt: row.created_at, id: Number(row.id) };
}

export async function rawGetAgent(sql: Sql, organizationId: number, publicId: string) {
  return sql.unsafe(
    `select ${AGENT_COLUMNS}, p.key as persona_key, p.name as persona_name, p.description as persona_description,
            k.public_id as knowledge_pack_id, k.name as knowledge_pack_name
     from agents a join personas p on p.id = a.persona_id
     left join knowledge_packs k on k.id = a.knowledge_pack_id
     where a.organization_id = $1 and a.public_id = $2`,
    [organizationId, publicId],
    { prepare: true },
  );
}

export async function rawWidgetConfig(sql: Sql, publicId: string) {
  return sql`
    select a.name, p.name as persona_name, a.widget_config from agents a
    join personas p on p.id = a.persona_id where a.public_id = ${publicId} and a.status = 'active'`;
}

/** The anti-pattern the real list avoids, in raw SQL: the page, then persona and pack per row. */
export async function naiveSqlListPage(sql: Sql, organizationId: number, limit: number, offset: number) {
  const rows = await sql.unsafe(
    `select ${AGENT_COLUMNS}, a.persona_id, a.knowledge_pack_id from agents a
     where a.organization_id = $1 order by a.created_at desc, a.id desc limit $2 offset $3`,
    [organizationId, limit, offset],
  );
  const out = [];
  for (const row of rows) {
    const [persona] = await sql`select key, name, description from personas where id = ${row.persona_id}`;
    const [pack] = row.knowledge_pack_id
      ? await sql`select public_id, name from knowledge_packs where id = ${row.knowledge_pack_id}`
      : [];
    out.push({ ...row, persona, knowledge_pack: pack ?? null });
  }
  const [total] = await sql`select count(*) from agents where organization_id = ${organizationId}`;
  return { out, total };
}

/**
 * The same anti-pattern written with the app's own ORM, as lazy-loading code usually is: the page
 * of agents, then `findFirst` for each row's persona and knowledge pack, then the count.
 */
export async function naiveOrmListPage(
  db: PostgresJsDatabase<typeof schema>,
  organizationId: number,
  limit: number,
  offset: number,
) {
  const { agents, personas, knowledgePacks } = schema;
  const rows = await db
    .select()
    .from(agents)
    .where(eq(agents.organizationId, organizationId))
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(limit)
    .offset(offset);
  const out = [];
  for (const row of rows) {
    const persona = await db.query.personas.findFirst({
      columns: { key: true, name: true, description: true },
      where: eq(personas.id, row.personaId),
    });
    const pack = row.knowledgePackId
      ? await db.query.knowledgePacks.findFirst({
          columns: { publicId: true, name: true },
          where: eq(knowledgePacks.id, row.knowledgePackId),
        })
      : undefined;
    out.push({ ...row, persona, knowledgePack: pack ?? null });
  }
  const [total] = await db
    .select({ n: count() })
    .from(agents)
    .where(eq(agents.organizationId, organizationId));
  return { out, total: total?.n };
}
