import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { insertAuditEvent } from "@/db/queries/audit-events";
import { memberships, users } from "@/db/schema";
import { type Actor, auditActor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { MemberRole } from "./add-user";

// Taking a role away ends the member's sessions at once (the session version is bumped in
// the same transaction): whatever they had open stops working, wherever it is open.

async function endSessions(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], userId: number) {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function removeMember(input: { organizationId: number; userId: number; actor: Actor }) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, input.organizationId), eq(memberships.userId, input.userId)))
      .returning({ role: memberships.role });
    if (removed.length === 0) throw new AppError("not_found", "That user is not a member.");
    await endSessions(tx, input.userId);
    await insertAuditEvent(tx, {
      organizationId: input.organizationId,
      ...auditActor(input.actor),
      action: "membership.removed",
      metadata: { role: removed[0]!.role },
    });
  });
}

const RANK: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };

/** Changes a member's role; a lower role than before ends their sessions. */
export async function changeMemberRole(input: {
  organizationId: number;
  userId: number;
  role: MemberRole;
  actor: Actor;
}) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, input.organizationId), eq(memberships.userId, input.userId)))
      .for("update");
    if (!before) throw new AppError("not_found", "That user is not a member.");
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.organizationId, input.organizationId), eq(memberships.userId, input.userId)));
    if (RANK[input.role] < RANK[before.role]) await endSessions(tx, input.userId);
    await insertAuditEvent(tx, {
      organizationId: input.organizationId,
      ...auditActor(input.actor),
      action: "membership.role_changed",
      metadata: { from: before.role, to: input.role },
    });
  });
}
