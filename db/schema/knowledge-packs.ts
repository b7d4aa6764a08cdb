import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { newestFirst, timestamps } from "./columns";
import { tenantColumns } from "./organizations";

export const knowledgePacks = pgTable(
  "knowledge_packs",
  {
    ...tenantColumns(),
    name: text("name").notNull(),
    description: text("description"),
    content: text("content").notNull().default(""),
    // A Postgres text search configuration name (lib/knowledge/languages.ts); chunks fall back to `simple`.
    language: text("language").notNull().default("english"),
    // The agent object's `knowledge_pack` member as JSON text, written by a trigger (drizzle/0018).
    apiRef: text("api_ref"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("knowledge_packs_org_name_unique").on(t.organizationId, sql`lower(${t.name})`),
    index("knowledge_packs_org_created_idx").on(t.organizationId, ...newestFirst(t)),
  ],
);
