import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/conversations/route";
import { db } from "@/db";
import { listConversationsPage } from "@/lib/conversations/read";
import { listConversationsQuerySchema } from "@/lib/validations/conversation";
import { callRoute, createTestAgent, createTestApiKey, createTestOrg } from "@/tests/fixtures";

// The API's list pages without a search answer with the conversation objects Postgres builds
// (db/queries/conversation-api-read.ts); the dashboard and search pages map rows with
// toConversationResource. The response text must be the very bytes JSON.stringify writes of the
// mapped page, for awkward values as well as plain ones, on every filter and cursor page.

const AWKWARD = 'quote " backslash \\ newline \n tab \t ctrl \u0001 unicode é 漢 😀 </script>';

let org: Awaited<ReturnType<typeof createTestOrg>>;
let agentPublicId: string;
let key: string;

beforeAll(async () => {
  org = await createTestOrg();
  const agent = await createTestAgent(org, { name: `Agent ${AWKWARD}` });
  agentPublicId = agent.publicId;
  await createTestAgent(org);
  key = (await createTestApiKey(org, { scopes: ["conversations:read"] })).key;
  // Every fourth a verified user (some with an awkward name and no email), every third rated,
  // microseconds a millisecond form would lose, one user_sub empty (no user, as the JS map says).
  await db.execute(sql`
    insert into conversations (organization_id, agent_id, visitor_id, user_sub, user_name, user_email,
                               created_at, last_message_at, message_count, feedback_up, feedback_down)
    select ${org.id}, ${agent.id}, ${`visitor ${AWKWARD} `} || g,
      case when g = 5 then '' when g % 4 = 0 then 'user-' || (g % 8) end,
      case when g % 8 = 0 then ${AWKWARD} when g % 4 = 0 then 'Ann' end,
      case when g % 8 = 4 then 'ann@example.com' end,
      '2026-01-02 03:04:05.123456+00'::timestamptz + make_interval(secs => g * 7.000001),
      '2026-02-03 04:05:06.654321+00'::timestamptz - make_interval(secs => g * 3.000007),
      g, (g % 3 = 0)::int * g, (g % 6 = 0)::int
    from generate_series(1, 23) g`);
});

/** The route's text against JSON.stringify of the mapped page, following the route's cursors. */
async function pagesMatch(query: Record<string, string>) {
  let cursor: string | undefined;
  let pages = 0;
  do {
    const params = { ...query, ...(cursor ? { cursor } : {}) };
    const res = await callRoute(listRoute, {
      path: `/api/v1/conversations?${new URLSearchParams(params)}`,
      key,
    });
    expect(res.status).toBe(200);
    const expected = await listConversationsPage(org.id, listConversationsQuerySchema.parse(params));
    // Cursors are sealed with a random IV: the route's own stands in, and the next page proves it.
    const next: string | null = res.json.pagination.next_cursor;
    expect(next === null).toBe(expected.pagination.next_cursor === null);
    expect(res.text).toBe(
      JSON.stringify({ ...expected, pagination: { ...expected.pagination, next_cursor: next } }),
    );
    cursor = next ?? undefined;
    pages++;
  } while (cursor);
  return pages;
}

describe("the conversation object built by Postgres", () => {
  it("is byte for byte JSON.stringify of toConversationResource, on every page", async () => {
    expect(await pagesMatch({ limit: "5" })).toBe(5);
    const res = await callRoute(listRoute, { path: "/api/v1/conversations?limit=100", key });
    const users = res.json.data.map((c: { user: unknown }) => c.user);
    expect(users).toContainEqual({ id: "user-0", name: AWKWARD, email: null });
    expect(users).toContainEqual({ id: "user-4", name: "Ann", email: "ann@example.com" });
    expect(users.filter((u: unknown) => u === null)).toHaveLength(23 - 5);
    expect(res.json.data[0].last_message_at).toMatch(/^2026-02-03T04:05:03\.654314Z$/);
  });

  it("matches on each filter", async () => {
    const filters: Record<string, string>[] = [
      { rating: "up", limit: "2" },
      { rating: "down" },
      { rating: "none", limit: "4" },
      { user_id: "user-4" },
      { agent_id: agentPublicId.toUpperCase(), limit: "7" },
      { since: "2026-02-03T04:04:30Z", until: "2026-02-03T04:05:00Z", limit: "3" },
    ];
    for (const f of filters) expect(await pagesMatch(f)).toBeGreaterThan(0);
  });

  it("lists nothing of another org", async () => {
    const other = await createTestOrg();
    const otherKey = (await createTestApiKey(other, { scopes: ["conversations:read"] })).key;
    const res = await callRoute(listRoute, { path: "/api/v1/conversations", key: otherKey });
    expect(res.text).toBe(
      '{"object":"list","data":[],"pagination":{"limit":50,"has_more":false,"next_cursor":null}}',
    );
  });
});
