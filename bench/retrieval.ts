// `npm run bench:retrieval`: the retrieval evaluation (bench/retrieval-eval.ts) on a private
// embedded Postgres (or DATABASE_URL), printing hit@5 and MRR; exits 1 below the hit@5 floor.
import { startPrivatePostgres } from "@/tests/fixtures/postgres";

const HIT_AT_5_FLOOR = 0.8;

const own = process.env.DATABASE_URL ? undefined : await startPrivatePostgres();
if (own) process.env.DATABASE_URL = own.url;
const { runRetrievalEval } = await import("./retrieval-eval");
const { closeDb } = await import("@/db");
let code = 0;
try {
  const r = await runRetrievalEval();
  process.stdout.write(
    `retrieval eval: ${r.documents} documents, ${r.questions} questions\n` +
      `hit@5 ${r.hitAt5.toFixed(3)} (floor ${HIT_AT_5_FLOOR})  MRR ${r.mrr.toFixed(3)}\n`,
  );
  for (const m of r.misses)
    process.stdout.write(`  miss: "${m.q}" → expected ${m.expected}, got ${m.got.join(", ") || "nothing"}\n`);
  if (r.hitAt5 < HIT_AT_5_FLOOR) code = 1;
} finally {
  await closeDb();
  await own?.destroy();
}
process.exit(code);
