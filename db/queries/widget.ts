import { and, desc, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { agents, conversationMessages, conversations } from "@/db/schema";
import type { PlanKey } from "@/lib/plans";

// The widget's reads and writes. Widget lookups are by public id only (the visitor has no
// organization); the token binds the visitor to that one agent.
export type WidgetAgent = {
  id: number;
  publicId: string;
  organizationId: number;
  name: string;
  status: "active" | "disabled";
  systemPrompt: string;
  optimizedSystemPrompt: string | null;
  useOptimizedPrompt: boolean;
  widgetConfig: Record<string, unknown>;
  config: Record<string, unknown>;
  allowedOrigins: string[];
  identityVerification: "off" | "optional" | "required";
  /** Encrypted; only lib/widget/identity decrypts it, to verify a token. */
  identitySecretCiphertext: string | null;
  persona: { name: string };
  /** Its knowledge pack; chat retrieves passages of it per turn. */
  knowledgePack: { id: number; name: string } | null;
  /** The org's name (prompt variables) and plan (which models chat may call). */
  organization: { name: string; plan: PlanKey };
};

export async function findWidgetAgentByPublicId(
  db: Executor,
  publicId: string,
): Promise<WidgetAgent | undefined> {
  return db.query.agents.findFirst({
    columns: {
      id: true,
      publicId: true,
      organizationId: true,
      name: true,
      status: true,
      systemPrompt: true,
      optimizedSystemPrompt: true,
      useOptimizedPrompt: true,
      widgetConfig: true,
      config: true,
      allowedOrigins: true,
      identityVerification: true,
      identitySecretCiphertext: true,
    },
    with: {
      persona: { columns: { name: true } },
      organization: { columns: { name: true, plan: true } },
      knowledgePack: { columns: { id: true, name: true } },
    },
    where: eq(agents.publicId, publicId),
  });
}

/** Just what the embed page's frame policy needs: read on every /embed request, uncached. */
export async function findAgentFramePolicy(db: Executor, publicId: string) {
  const [row] = await db
    .select({ status: agents.status, allowedOrigins: agents.allowedOrigins })
    .from(agents)
    .where(eq(agents.publicId, publicId))
    .limit(1);
  return row;
}

export async function findConversation(db: Executor, agentId: number, conversationPublicId: string) {
  const [row] = await db
    .select({
      id: conversations.id,
      publicId: conversations.publicId,
      visitorId: conversations.visitorId,
      userSub: conversations.userSub,
    })
    .from(conversations)
    .where(and(eq(conversations.agentId, agentId), eq(conversations.publicId, conversationPublicId)))
    .limit(1);
  return row;
}

/** The last `limit` turns, oldest first (the order the model reads them). */
export async function listRecentMessages(db: Executor, conversationId: number, limit: number) {
  const rows = await db
    .select({ role: conversationMessages.role, content: conversationMessages.content })
    .from(conversationMessages)
    .where(eq(conversationMessages.conversationId, conversationId))
    .orderBy(desc(conversationMessages.id))
    .limit(limit);
  return rows.reverse();
}

/** The organization's agent with this public id (another organization's id matches nothing). */
const orgAgent = (organizationId: number, publicId: string) =>
  and(eq(agents.organizationId, organizationId), eq(agents.publicId, publicId));

/** Sets columns of one agent of the organization: its public id after, or undefined for none. */
async function updateOrgAgent(
  db: Executor,
  organizationId: number,
  publicId: string,
  set: PgUpdateSetSource<typeof agents>,
) {
  const [row] = await db
    .update(agents)
    .set(set)
    .where(orgAgent(organizationId, publicId))
    .returning({ publicId: agents.publicId });
  return row?.publicId;
}

/** Gives the agent a fresh public id; the old one stops resolving at once. */
export function updateAgentPublicId(db: Executor, organizationId: number, publicId: string) {
  return updateOrgAgent(db, organizationId, publicId, { publicId: sql`gen_random_uuid()` });
}

export function updateAgentAllowedOrigins(
  db: Executor,
  organizationId: number,
  publicId: string,
  origins: string[],
) {
  return updateOrgAgent(db, organizationId, publicId, { allowedOrigins: origins });
}

/** Stores a new (encrypted) identity secret; the old one stops verifying with this commit. */
export async function updateAgentIdentitySecret(
  db: Executor,
  organizationId: number,
  publicId: string,
  encrypt: (agentId: number) => Promise<string>,
) {
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(orgAgent(organizationId, publicId))
    .for("update");
  if (!row) return undefined;
  await db
    .update(agents)
    .set({ identitySecretCiphertext: await encrypt(row.id), updatedAt: new Date() })
    .where(eq(agents.id, row.id));
  return row.id;
}
