import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumns, ownedBy, timestamps } from "./columns";
import { membershipRoleEnum, planEnum } from "./enums";
import { users } from "./users";

export const organizations = pgTable(
  "organizations",
  {
    ...idColumns(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    plan: planEnum("plan").notNull().default("free"),
    // Overrides the plan's limit when set.
    maxAgents: integer("max_agents"),
    // Overrides the plan's monthly chat message limit when set.
    monthlyMessageLimit: integer("monthly_message_limit"),
    // Maintained in the same transaction as every agent insert/delete; the create
    // use case locks this row, so the count is the race-free guard of the plan limit.
    agentCount: integer("agent_count").notNull().default(0),
    // Transcript privacy: null = the plan's default retention; off = turns live at most an hour.
    transcriptRetentionDays: integer("transcript_retention_days"),
    storeTranscripts: boolean("store_transcripts").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organizations_slug_unique").on(t.slug),
    check("organizations_agent_count_nonnegative", sql`${t.agentCount} >= 0`),
    check(
      "organizations_transcript_retention_range",
      sql`${t.transcriptRetentionDays} is null or ${t.transcriptRetentionDays} between 1 and 3650`,
    ),
    check("organizations_max_agents_nonnegative", sql`${t.maxAgents} is null or ${t.maxAgents} >= 0`),
    check(
      "organizations_monthly_message_limit_nonnegative",
      sql`${t.monthlyMessageLimit} is null or ${t.monthlyMessageLimit} >= 0`,
    ),
  ],
);

/** The owning organization of a tenant row: deleting the org deletes the row. */
export const organizationRef = () => ownedBy("organization_id", () => organizations.id);

/** The columns every tenant table starts with: internal id, public id, owning organization. */
export const tenantColumns = () => ({
  ...idColumns(),
  organizationId: organizationRef(),
});

export const memberships = pgTable(
  "memberships",
  {
    organizationId: organizationRef(),
    userId: ownedBy("user_id", () => users.id),
    role: membershipRoleEnum("role").notNull().default("member"),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);
