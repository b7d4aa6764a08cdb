import { organizations, users } from "@/db/schema";

// Column sets several queries return, written once so every reader of a user or an organization
// gets the same shape.

/** A user as the app carries it (session, sign-in, sign-up); never the password hash. */
export const userColumns = {
  id: users.id,
  publicId: users.publicId,
  email: users.email,
  name: users.name,
};

/** An organization with what plan limits are checked against. */
export const organizationColumns = {
  id: organizations.id,
  publicId: organizations.publicId,
  slug: organizations.slug,
  name: organizations.name,
  plan: organizations.plan,
  maxAgents: organizations.maxAgents,
};
