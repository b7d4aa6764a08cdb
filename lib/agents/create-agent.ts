import { randomUUID } from "node:crypto";
import type { Executor } from "@/db";
import { db } from "@/db";
import { findAgentDocByIdempotencyKey } from "@/db/queries/agent-api-read";
import { type AgentRow, findAgentByPublicId, findAgentRowByIdempotencyKey } from "@/db/queries/agent-read";
import {
  type CreateGuard,
  findAgentByIdempotencyKey,
  insertAgentWithCountAndAudit,
  readOrganizationForCreate,
} from "@/db/queries/agents";
import { type Actor, auditActor } from "@/lib/actor";
import { rethrowNameConflict } from "@/lib/agents/name-conflict";
import { requestedOptimizationState } from "@/lib/agents/optimization/requested-state";
import { versionAuthor } from "@/lib/agents/prompt-versions/author";
import { toAgentResource } from "@/lib/agents/serialize";
import { AppError } from "@/lib/errors";
import { isCreateRefused, isUniqueViolation } from "@/lib/http/db-errors";
import { MESSAGES } from "@/lib/messages";
import { configuredModel, modelNotAllowed } from "@/lib/models";
import { personaByKey } from "@/lib/personas";
import { agentLimit, PLAN_KEYS, PLANS } from "@/lib/plans";
import { type AfterCommit, oneStatementWork } from "@/lib/unit-of-work";
import type { CreateAgentInput } from "@/lib/validations/agent";
import { webhookMessage } from "@/lib/webhooks/queue-event";
import { requestFingerprint } from "./fingerprint";

export type CreateAgentResult = { agent: AgentRow; replayed: boolean };

/** `agent`: the row the write returned; absent for a replay (read after). */
type Outcome = { kind: "created" | "replayed"; publicId: string; agent?: AgentRow };

/**
 * The one create use case behind the dashboard action and POST /api/v1/agents.
 * A keyed request first looks its key up: a replay is answered from that one read, without
 * writing (the agent it names is committed; the limit has nothing to guard).
 * The write is ONE statement (db/queries/agents.ts): the org's agent_count bump under its guard
 * (plan limit, the plan's models, the org's pack, the key unused), the audit row, the agent,
 * its first prompt version and the `agent.created` deliveries, returning the new agent as reads
 * do. When the guard refuses, nothing is written and one read says which rule refused
 * (explainRefusal).
 * Nothing external happens before the write commits; the optimization and webhook hand-offs
 * run after it.
 */
export async function createAgent(args: CreateAgentArgs): Promise<CreateAgentResult> {
  const key = args.idempotencyKey ?? args.input.idempotency_key;
  const fingerprint = key ? requestFingerprint(args.input) : null;
  if (key && fingerprint) {
    const found = await findAgentRowByIdempotencyKey(db, args.organizationId, key);
    if (found) {
      const { requestFingerprint: stored, ...agent } = found;
      replayOrReject({ publicId: agent.publicId, requestFingerprint: stored }, fingerprint);
      return { agent, replayed: true };
    }
  }
  return writeAgent(args, key, fingerprint);
}

/** The public agent object as JSON text, and what the response says about it. */
export type CreateAgentJsonResult = { json: string; publicId: string; replayed: boolean };

/**
 * The same use case for POST /api/v1/agents, answering with the public agent object as JSON text.
 * A replay's object comes from Postgres with the key lookup (agent-api-read.ts: one statement, no
 * row mapping or serialising here), byte for byte what the first answer sent
 * (tests/integration/agent-doc.test.ts holds the two forms equal).
 */
export async function createAgentJson(args: CreateAgentArgs): Promise<CreateAgentJsonResult> {
  const key = args.idempotencyKey ?? args.input.idempotency_key;
  const fingerprint = key ? requestFingerprint(args.input) : null;
  if (key && fingerprint) {
    const found = await findAgentDocByIdempotencyKey(args.organizationId, key);
    if (found) {
      replayOrReject(found, fingerprint);
      return { json: found.doc, publicId: found.publicId, replayed: true };
    }
  }
  const { agent, replayed } = await writeAgent(args, key, fingerprint);
  return { json: JSON.stringify(toAgentResource(agent)), publicId: agent.publicId, replayed };
}

type CreateAgentArgs = {
  organizationId: number;
  actor: Actor;
  input: CreateAgentInput;
  idempotencyKey?: string;
};

/** The write, for a request whose key (if any) named no agent when it was looked up. */
async function writeAgent(
  args: CreateAgentArgs,
  key: string | undefined,
  fingerprint: string | null,
): Promise<CreateAgentResult> {
  let outcome: Outcome | undefined;
  // Twice at most: a refusal whose reason is gone by the time it is read (a delete freed a slot
  // meanwhile) earns one more try.
  for (let attempt = 1; !outcome; attempt++) {
    try {
      outcome = await oneStatementWork(args, (work) => createInOneStatement(work, args, key, fingerprint));
    } catch (e) {
      if (isCreateRefused(e)) {
        outcome = await explainRefusal(args, key, fingerprint);
        if (!outcome && attempt >= 2) {
          throw new AppError("conflict", "The organization changed while this agent was created. Retry.", {
            retryAfterSeconds: 1,
          });
        }
        continue;
      }
      // A same-key request that committed after this one's guard looked (the guard reads the
      // statement's snapshot) ends as a replay. It may trip either unique index first: the
      // key's or the name's (same body, same name).
      if (!key || !fingerprint || !mayBeConcurrentTwin(e)) throw e;
      const existing = await findAgentByIdempotencyKey(db, args.organizationId, key);
      if (!existing) throw e;
      outcome = replayOrReject(existing, fingerprint);
    }
  }
  const agent = outcome.agent ?? (await findAgentByPublicId(db, args.organizationId, outcome.publicId));
  // Deleted between commit and read: nothing sensible to return but "gone".
  if (!agent) throw new AppError("not_found", "The agent no longer exists.");
  return { agent, replayed: outcome.kind === "replayed" };
}

// Each plan's agent limit, as the statement's guard reads it (an org's own override comes first).
const PLAN_LIMITS = JSON.stringify(Object.fromEntries(PLAN_KEYS.map((k) => [k, PLANS[k].maxAgents])));

function guardFor(input: CreateAgentInput): CreateGuard {
  const model = configuredModel(input.config);
  return { planLimits: PLAN_LIMITS, plans: PLAN_KEYS.filter((plan) => !modelNotAllowed(plan, model)) };
}

async function createInOneStatement(
  { db: pool, afterCommit }: { db: Executor; afterCommit: AfterCommit },
  args: { organizationId: number; actor: Actor; input: CreateAgentInput },
  key: string | undefined,
  fingerprint: string | null,
): Promise<Outcome> {
  const { organizationId, actor, input } = args;
  const optimization = requestedOptimizationState(input.auto_optimize);
  const prompt = input.system_prompt?.trim() ? input.system_prompt : undefined;
  const systemPrompt = prompt ?? personaByKey(input.persona)?.defaultSystemPrompt ?? "";
  const publicId = randomUUID();
  let inserted: Awaited<ReturnType<typeof insertAgentWithCountAndAudit>>;
  try {
    inserted = await insertAgentWithCountAndAudit(
      pool,
      {
        publicId,
        organizationId,
        createdByUserId: actor.type === "user" ? actor.userId : null,
        createdByApiKeyId: actor.type === "api_key" ? actor.apiKeyId : null,
        name: input.name,
        description: input.description || null,
        industry: input.industry || null,
        personaKey: input.persona,
        knowledgePackPublicId: input.knowledge_pack_id ?? null,
        systemPrompt,
        widgetConfig: input.widget_config,
        config: input.config,
        allowedOrigins: input.allowed_origins,
        idempotencyKey: key ?? null,
        requestFingerprint: fingerprint,
        ...optimization,
      },
      {
        ...auditActor(actor),
        action: "agent.created",
        metadata: { name: input.name, persona: input.persona, idempotency_key_used: Boolean(key) },
      },
      versionAuthor(actor),
      guardFor(input),
      {
        eventType: "agent.created",
        ...webhookMessage("agent.created", { agent_id: publicId, name: input.name }),
      },
    );
  } catch (e) {
    if (isCreateRefused(e)) throw e;
    rethrowNameConflict(e, input.name);
  }

  if (optimization.optimizationStatus === "pending") {
    afterCommit.optimize({
      organizationId,
      agentPublicId: inserted.publicId,
      promptVersion: inserted.promptVersion,
    });
  }
  afterCommit.webhookDeliveries(inserted.deliveryIds);
  const { knowledgePackId: _packId, deliveryIds: _deliveries, ...agent } = inserted;
  return { kind: "created", publicId: inserted.publicId, agent };
}

/**
 * Which rule refused the create, checked in the order a client can act on: the org, a same-key
 * twin (then this is its replay), the model, the limit, the pack. Undefined when none holds any
 * more (the caller tries again).
 */
async function explainRefusal(
  args: { organizationId: number; input: CreateAgentInput },
  key: string | undefined,
  fingerprint: string | null,
): Promise<Outcome | undefined> {
  const { organizationId, input } = args;
  const org = await readOrganizationForCreate(db, organizationId, input.knowledge_pack_id ?? null);
  if (!org) throw new AppError("not_found", "The organization does not exist.");
  if (key && fingerprint) {
    const existing = await findAgentByIdempotencyKey(db, organizationId, key);
    if (existing) return replayOrReject(existing, fingerprint);
  }
  const modelError = modelNotAllowed(org.plan, configuredModel(input.config));
  if (modelError) throw AppError.validation([{ path: "config.model", message: modelError }]);
  const limit = agentLimit(org);
  if (org.agentCount >= limit) {
    throw new AppError(
      "plan_limit_reached",
      `Organization ${org.slug} has ${org.agentCount} of ${limit} agents allowed on the ${PLANS[org.plan].name.toLowerCase()} plan.`,
      { extra: { limit, used: org.agentCount, plan: org.plan } },
    );
  }
  if (input.knowledge_pack_id && !org.packFound) {
    throw AppError.validation([
      { path: "knowledge_pack_id", message: MESSAGES.knowledgePackNotInOrganization },
    ]);
  }
  return undefined;
}

function replayOrReject(
  existing: { publicId: string; requestFingerprint: string | null },
  fingerprint: string,
): Outcome {
  if (existing.requestFingerprint !== fingerprint) {
    throw new AppError(
      "idempotency_key_reused",
      "This idempotency key was already used with a different request body. Use a new key for a new agent.",
    );
  }
  // A replay never re-dispatches: the first request did (or the outbox flusher will).
  return { kind: "replayed", publicId: existing.publicId };
}

function mayBeConcurrentTwin(e: unknown): boolean {
  return (
    isUniqueViolation(e, "agents_org_idempotency_key_unique") ||
    (e instanceof AppError && e.code === "name_conflict")
  );
}
