import { bigint, type ExtraConfigColumn, type PgColumn, timestamp, uuid } from "drizzle-orm/pg-core";

// Internal ids are bigint identities that never leave the server; clients only see public ids.
export const internalId = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
export const publicId = () => uuid("public_id").notNull().unique().defaultRandom();
/** Both ids of a row that clients can name. */
export const idColumns = () => ({ id: internalId(), publicId: publicId() });
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};
export const fk = (name: string) => bigint(name, { mode: "number" });

/** A row that belongs to a parent row: required, and deleted with its parent. */
export const ownedBy = (name: string, parentId: () => PgColumn) =>
  fk(name).notNull().references(parentId, { onDelete: "cascade" });

/**
 * The trailing columns of every newest-first list index: created_at, then id as the keyset
 * cursor's tie-breaker, both descending as the list query orders them.
 */
export const newestFirst = (t: { createdAt: ExtraConfigColumn; id: ExtraConfigColumn }) =>
  [t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()] as const;
