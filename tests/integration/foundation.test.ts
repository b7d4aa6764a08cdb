import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { PERSONAS } from "@/lib/personas";

describe("database foundation", () => {
  it("has every table of the data model with the built-in personas synced", async () => {
    const tables = await db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const names = tables.map((t) => t.table_name);
    for (const t of [
      "organizations",
      "users",
      "memberships",
      "personas",
      "knowledge_packs",
      "agents",
      "api_keys",
      "webhook_endpoints",
      "webhook_deliveries",
      "audit_events",
    ]) {
      expect(names).toContain(t);
    }
    const personas = await db.query.personas.findMany({ columns: { key: true } });
    expect(personas.map((p) => p.key).sort()).toEqual(PERSONAS.map((p) => p.key).sort());
  });

  it("enforces the agent constraints: unique name per org (case-insensitive) and idempotency key", async () => {
    const idx = await db.execute<{ indexname: string; indexdef: string }>(
      sql`select indexname, indexdef from pg_indexes where tablename = 'agents'`,
    );
    const defs = Object.fromEntries(idx.map((i) => [i.indexname, i.indexdef]));
    expect(defs.agents_org_name_unique).toMatch(/UNIQUE.*lower\(name\)/);
    expect(defs.agents_org_idempotency_key_unique).toMatch(/UNIQUE.*WHERE \(idempotency_key IS NOT NULL\)/);
    expect(defs.agents_org_created_idx).toMatch(/created_at DESC, id DESC/);
  });
});
