import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { fk, timestamps } from "./columns";
import { tenantColumns } from "./organizations";
import { users } from "./users";

export const apiKeys = pgTable(
  "api_keys",
  {
    ...tenantColumns(),
    name: text("name").notNull(),
    // The public lookup part of the key; the secret is stored only as a sha-256 hash.
    keyId: text("key_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdByUserId: fk("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("api_keys_key_id_unique").on(t.keyId),
    index("api_keys_org_created_idx").on(t.organizationId, t.createdAt.desc().nullsFirst()),
  ],
);
