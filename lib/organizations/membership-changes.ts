import {
  bumpUserSessionVersion,
  deleteMembership,
  lockMembership,
  type MembershipRole,
  setMembershipRole,
} from "@/db/queries/memberships";
import type { UseCaseContext } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { unitOfWork } from "@/lib/unit-of-work";

// Taking a role away ends the member's sessions at once (the session version is bumped in
// the same transaction): whatever they had open stops working, wherever it is open.

/** Removes a member of the context's organization and ends their sessions. */
export async function removeMember(ctx: UseCaseContext, input: { userId: number }) {
  await unitOfWork(ctx, async ({ tx, audit }) => {
    const member = await lockMembership(tx, ctx.organizationId, input.userId);
    if (!member) throw new AppError("not_found", MESSAGES.notAMember);
    await deleteMembership(tx, ctx.organizationId, input.userId);
    await bumpUserSessionVersion(tx, input.userId);
    await audit("membership.removed", member.userPublicId, { role: member.role });
  });
}

const RANK: Record<MembershipRole, number> = { member: 0, admin: 1, owner: 2 };

/** Changes a member's role; a lower role than before ends their sessions. */
export async function changeMemberRole(ctx: UseCaseContext, input: { userId: number; role: MembershipRole }) {
  await unitOfWork(ctx, async ({ tx, audit }) => {
    const before = await lockMembership(tx, ctx.organizationId, input.userId);
    if (!before) throw new AppError("not_found", MESSAGES.notAMember);
    await setMembershipRole(tx, ctx.organizationId, input.userId, input.role);
    if (RANK[input.role] < RANK[before.role]) await bumpUserSessionVersion(tx, input.userId);
    await audit("membership.role_changed", before.userPublicId, { from: before.role, to: input.role });
  });
}
