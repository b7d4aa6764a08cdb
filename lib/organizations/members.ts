import { db } from "@/db";
import { listMembersOfOrganization, listOrganizationsForUser } from "@/db/queries/memberships";

// Dashboard reads about who belongs where. The caller has checked the session (and, for the
// member list, the membership); ids come from that context, never from the URL.

/** The organizations a user belongs to, for the switcher and the landing redirect. */
export async function listOrganizationsOfUser(userId: number) {
  return listOrganizationsForUser(db, userId);
}

export async function listMembers(organizationId: number) {
  return listMembersOfOrganization(db, organizationId);
}
