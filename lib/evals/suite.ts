import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { type EvalSuiteRow, findEvalSuite, upsertEvalSuite } from "@/db/queries/evals";
import { findAgentIdInOrganization } from "@/db/queries/prompt-versions";
import type { EvalCase } from "@/db/schema";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";
import type { PutEvalSuiteInput } from "@/lib/validations/evals";

// An agent's evaluation suite: read, and replaced whole (each replacement is a new revision, so
// a stored score names the exact cases it was measured on).

export function toEvalSuiteResource(agentPublicId: string, row: EvalSuiteRow | undefined) {
  return {
    object: "eval_suite" as const,
    id: row?.publicId ?? null,
    agent_id: agentPublicId,
    revision: row?.revision ?? 0,
    cases: row?.cases ?? [],
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}
export type EvalSuiteResource = ReturnType<typeof toEvalSuiteResource>;

async function agentIdOrNotFound(organizationId: number, publicId: string, executor = db) {
  const id = await findAgentIdInOrganization(executor, organizationId, publicId);
  if (id === undefined) throw new AppError("not_found", MESSAGES.agentNotFound);
  return id;
}

export async function getEvalSuite(organizationId: number, agentPublicId: string) {
  const agentId = await agentIdOrNotFound(organizationId, agentPublicId);
  return toEvalSuiteResource(agentPublicId, await findEvalSuite(db, agentId));
}

/** Cases keep the ids they were given; new cases get one, so verdicts can name their case. */
export function withCaseIds(input: PutEvalSuiteInput): EvalCase[] {
  return input.cases.map((c) => ({
    id: c.id ?? randomUUID().slice(0, 8),
    input: c.input,
    expectations: c.expectations,
    must_not: c.must_not,
  }));
}

export async function putEvalSuite(
  ctx: UseCaseContext,
  target: { publicId: string; input: PutEvalSuiteInput },
): Promise<EvalSuiteResource> {
  const cases = withCaseIds(target.input);
  return unitOfWork(ctx, async ({ tx, audit }) => {
    const agentId = await agentIdOrNotFound(ctx.organizationId, target.publicId, tx);
    const row = await upsertEvalSuite(tx, { organizationId: ctx.organizationId, agentId, cases });
    await audit("agent.eval_suite_updated", target.publicId, { revision: row.revision, cases: cases.length });
    return toEvalSuiteResource(target.publicId, row);
  });
}
