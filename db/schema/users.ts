import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { fk, internalId, publicId, timestamps } from "./columns";

export const users = pgTable(
  "users",
  {
    id: internalId(),
    publicId: publicId(),
    email: text("email").notNull(),
    name: text("name"),
    image: text("image"),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    // scrypt; null for users who only sign in through OAuth.
    passwordHash: text("password_hash"),
    // Carried in the session JWT and compared on every request: bumping it ends every session.
    sessionVersion: integer("session_version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

// OAuth identities (GitHub) linked to a user.
export const accounts = pgTable(
  "accounts",
  {
    id: internalId(),
    userId: fk("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("accounts_provider_account_unique").on(t.provider, t.providerAccountId),
    index("accounts_user_idx").on(t.userId),
  ],
);
