import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";

// Checks a key without touching data: the whole API pipeline (request id, statement count,
// deadline, key, shared rate limit, scope), then a constant. It doubles as the bench's floor for
// what every API route pays before its own work.
const PONG = { object: "ping", status: "ok" } as const;

export const GET = api("agents:read").handle("GET /api/v1/ping", async () => json(PONG));
