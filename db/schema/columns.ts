import { bigint, timestamp, uuid } from "drizzle-orm/pg-core";

// Internal ids are bigint identities that never leave the server; clients only see public ids.
export const internalId = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
export const publicId = () => uuid("public_id").notNull().unique().defaultRandom();
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
export const fk = (name: string) => bigint(name, { mode: "number" });
