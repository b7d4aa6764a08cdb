import type postgres from "postgres";
import { generateApiKey } from "@/lib/api-keys/format";
import { WIDGET_DEFAULTS } from "@/lib/validations/widget-options";

// Seeds the bench's data straight through SQL: organizations, API keys (the real key format,
// hashed like production), and 100,000 agents for the list org in one generate_series insert.
type Sql = postgres.Sql;

export const LIST_ORG_SLUG = "bench-list";
export const LIST_AGENT_COUNT = 100_000;

export const WIDGET_CONFIG = {
  ...WIDGET_DEFAULTS,
  welcome_message: "Hi! How can I help you today?",
  custom_css: null,
};
export const AGENT_CONFIG = {
  model: "gemini-2.5-flash",
  temperature: 0.7,
  max_output_tokens: 1024,
  language: "en",
};

export type BenchOrg = { id: number; slug: string; key: string };

export async function upsertOrg(sql: Sql, slug: string, maxAgents: number): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into organizations (slug, name, plan, max_agents)
    values (${slug}, ${`Bench ${slug}`}, 'enterprise', ${maxAgents})
    on conflict (slug) do update set max_agents = excluded.max_agents
    returning id`;
  return Number(row?.id);
}

export async function createKey(sql: Sql, organizationId: number): Promise<string> {
  const k = generateApiKey();
  await sql`
    insert into api_keys (organization_id, name, key_id, secret_hash, scopes)
    values (${organizationId}, 'bench', ${k.keyId}, ${k.secretHash}, ${["agents:read", "agents:write"]})`;
  return k.key;
}

/** A fresh org per run for creates, with an enterprise-size limit override so the limit never bites. */
export async function seedCreateOrg(sql: Sql, slug: string): Promise<BenchOrg> {
  const id = await upsertOrg(sql, slug, 10_000_000);
  return { id, slug, key: await createKey(sql, id) };
}

/** The list org: 100,000 agents with persona and knowledge pack; reused across runs when complete. */
export async function seedListOrg(sql: Sql): Promise<BenchOrg & { sampleAgentId: string }> {
  const id = await upsertOrg(sql, LIST_ORG_SLUG, 1_000_000);
  const [{ n } = { n: "0" }] = await sql<{ n: string }[]>`
    select count(*)::text as n from agents where organization_id = ${id}`;
  if (Number(n) !== LIST_AGENT_COUNT) {
    const t0 = performance.now();
    await sql.begin(async (tx) => {
      await tx`delete from agents where organization_id = ${id}`;
      await tx`delete from knowledge_packs where organization_id = ${id}`;
      await tx`
        insert into knowledge_packs (organization_id, name, description, content)
        values (${id}, 'Returns policy', 'How returns work', 'Returns are accepted within 30 days.'),
               (${id}, 'Shipping', 'Shipping times', 'We ship worldwide in 3-5 days.')`;
      // One statement: personas and packs rotate; created_at spreads over time (newest = g 1).
      await tx`
        insert into agents (organization_id, name, description, industry, persona_id, knowledge_pack_id,
                            system_prompt, optimization_status, widget_config, config, allowed_origins,
                            created_at, updated_at)
        select ${id}, 'Agent ' || g, 'Bench agent number ' || g, 'ecommerce',
               p.ids[1 + g % array_length(p.ids, 1)],
               case when g % 3 = 0 then null else k.ids[1 + g % array_length(k.ids, 1)] end,
               'You are a helpful assistant for Bench Inc. Answer briefly and accurately.',
               'skipped', ${sql.json(WIDGET_CONFIG)}, ${sql.json(AGENT_CONFIG)},
               array['https://shop.example.com'],
               now() - make_interval(secs => g), now() - make_interval(secs => g)
        from generate_series(1, ${LIST_AGENT_COUNT}) g,
             (select array_agg(id order by id) ids from personas where organization_id is null) p,
             (select array_agg(id order by id) ids from knowledge_packs where organization_id = ${id}) k`;
      await tx`update organizations set agent_count = ${LIST_AGENT_COUNT} where id = ${id}`;
    });
    await sql`analyze agents`;
    process.stderr.write(
      `[bench] seeded ${LIST_AGENT_COUNT} agents in ${Math.round(performance.now() - t0)} ms\n`,
    );
  }
  const [sample] = await sql<{ public_id: string }[]>`
    select public_id from agents where organization_id = ${id} order by created_at desc, id desc
    offset 500 limit 1`;
  return { id, slug: LIST_ORG_SLUG, key: await createKey(sql, id), sampleAgentId: sample?.public_id ?? "" };
}

/** Empties an org of conversations and agents and gives it one agent (the inbox benches' seed). */
export async function replaceOrgAgent(
  tx: postgres.TransactionSql,
  sql: Sql,
  organizationId: number,
  name: string,
): Promise<string> {
  await tx`delete from conversations where organization_id = ${organizationId}`;
  await tx`delete from agents where organization_id = ${organizationId}`;
  const [agent] = await tx<{ id: string }[]>`
    insert into agents (organization_id, name, persona_id, system_prompt, optimization_status,
                        widget_config, config, allowed_origins)
    values (${organizationId}, ${name}, (select id from personas where key = 'assistant'),
            'You are a helpful assistant.', 'skipped', ${sql.json(WIDGET_CONFIG)},
            ${sql.json(AGENT_CONFIG)}, '{}')
    returning id`;
  return agent!.id;
}
