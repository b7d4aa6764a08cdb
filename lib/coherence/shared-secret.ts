import { randomBytes } from "node:crypto";
import { sqlClient } from "@/db";

// A secret generated once per database and read by every instance on it: for what must be
// shared when no AUTH_SECRET is configured (dev, tests). The first instance to ask creates it;
// the insert is idempotent, so concurrent first requests agree on one value.

type Row = { value: string };

export async function sharedSecret(name: string): Promise<string> {
  const sql = sqlClient();
  const candidate = randomBytes(32).toString("base64url");
  for (let attempt = 0; attempt < 2; attempt++) {
    // The returning row covers "we inserted it", the select "it was already there"; a row that
    // another instance commits between the two is seen on the retry.
    const rows = await sql<Row[]>`
      with ins as (
        insert into app_secrets (name, value) values (${name}, ${candidate})
        on conflict (name) do nothing
        returning value
      )
      select value from ins
      union all
      select value from app_secrets where name = ${name}
      limit 1`;
    if (rows[0]) return rows[0].value;
  }
  throw new Error(`Could not read the shared secret ${name}.`);
}
