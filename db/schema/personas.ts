import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { fk, internalId, timestamps } from "./columns";
import { organizations } from "./organizations";

// Built-in personas are synced by key from lib/personas.ts; organization_id is null for them.
export const personas = pgTable(
  "personas",
  {
    id: internalId(),
    key: text("key").notNull(),
    organizationId: fk("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull(),
    tone: text("tone").notNull(),
    defaultSystemPrompt: text("default_system_prompt").notNull(),
    // The agent object's `persona` member as JSON text, written by a trigger (drizzle/0018).
    apiDoc: text("api_doc"),
    ...timestamps,
  },
  (t) => [uniqueIndex("personas_key_unique").on(t.key)],
);
