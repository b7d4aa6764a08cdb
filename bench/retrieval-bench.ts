import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { searchPackChunks } from "@/db/queries/knowledge-search";
import { retrieveForTurn } from "@/lib/knowledge/context";
import { PostgresFullTextRetriever, searchTerms } from "@/lib/knowledge/retrieval/postgres";
import { buildSystemInstruction } from "@/lib/llm/chat";
import type { Goal } from "./report";
import type { BenchContext } from "./scenarios";

// Retrieval at scale, in-process against the bench database: a pack of 100,000 chunks seeded in
// one statement (random words of a 20,000-word vocabulary, so a word is in a few hundred chunks,
// like a term of a real site), then the retrieval statement with its GIN index against the same
// statement forced to a sequential scan, and a chat turn's preparation with and without retrieval.
export const RETRIEVAL_CHUNKS = 100_000;
const VOCABULARY = 20_000;
const RUNS = 15;
const QUESTION = "w101 w2024 w7777";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(n: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return median(out);
}

async function seedPack(ctx: BenchContext) {
  const a = ctx.admin;
  const slug = `bench-retrieval-${ctx.runId}`;
  const [org] = await a<{ id: string }[]>`
    insert into organizations (slug, name, plan) values (${slug}, 'Bench retrieval', 'enterprise') returning id`;
  const [pack] = await a<{ id: string }[]>`
    insert into knowledge_packs (organization_id, name, language) values (${org!.id}, 'Bench', 'simple') returning id`;
  const [source] = await a<{ id: string }[]>`
    insert into knowledge_sources (organization_id, pack_id, type, title, status, generation)
    values (${org!.id}, ${pack!.id}, 'text', 'Bench', 'ready', 1) returning id`;
  await a`
    insert into knowledge_chunks (source_id, pack_id, organization_id, generation, ordinal, text, token_estimate, language)
    select ${source!.id}, ${pack!.id}, ${org!.id}, 1, g, x.t, length(x.t) / 4, 'simple'
    from generate_series(1, ${RETRIEVAL_CHUNKS}) g
    cross join lateral (
      select string_agg('w' || floor(random() * ${VOCABULARY})::int, ' ') as t
      from generate_series(1, 50) where g > 0
    ) x`;
  await a`analyze knowledge_chunks`;
  return { orgId: Number(org!.id), packId: Number(pack!.id) };
}

export async function retrievalGoals(ctx: BenchContext): Promise<Goal[]> {
  const db = ctx.orm as unknown as Db;
  const t0 = performance.now();
  const { orgId, packId } = await seedPack(ctx);
  const seedMs = performance.now() - t0;
  try {
    const terms = searchTerms(QUESTION);
    const search = { packId, terms, perSource: 3, limit: 12 };
    const indexed = await timed(RUNS, () => searchPackChunks(db, search));
    const sequential = await timed(5, () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_bitmapscan = off`);
        await tx.execute(sql`set local enable_indexscan = off`);
        return searchPackChunks(tx, search);
      }),
    );
    const agent = {
      name: "Bench",
      systemPrompt: "You answer questions.",
      optimizedSystemPrompt: null,
      useOptimizedPrompt: false,
      knowledgePack: { id: packId, name: "Bench" },
      organization: { name: "Bench" },
    };
    const retriever = new PostgresFullTextRetriever(db);
    const history = [{ role: "user" as const, content: "w42 w43" }];
    const withRetrieval = await timed(RUNS, async () =>
      buildSystemInstruction(agent, await retrieveForTurn(agent.knowledgePack, QUESTION, history, retriever)),
    );
    const without = await timed(RUNS, async () => buildSystemInstruction({ ...agent, knowledgePack: null }));
    const ratio = sequential / indexed;
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    return [
      {
        goal: `retrieval over ${RETRIEVAL_CHUNKS.toLocaleString("en-US")} chunks: GIN-indexed ≥ 20× a sequential scan`,
        value: `${ratio.toFixed(1)}× (p50 ${ms(indexed)} vs ${ms(sequential)}; seeded in ${(seedMs / 1000).toFixed(1)} s)`,
        pass: ratio >= 20,
      },
      {
        goal: "chat-turn preparation with retrieval (p50), for reference without",
        value: `${ms(withRetrieval)} with, ${ms(without)} without`,
        pass: withRetrieval < 50,
      },
    ];
  } finally {
    await ctx.admin`delete from organizations where id = ${orgId}`;
  }
}
