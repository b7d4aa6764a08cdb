import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { mapDatabaseError } from "@/lib/http/db-errors";

// A client that hangs up mid-upload makes the body stream fail with ECONNRESET. That code is also
// a database-connection code, so before this guard it surfaced as a 503 "database unavailable".
describe("readJsonBody when the client aborts the upload", () => {
  it("throws a client error (400 invalid_json), not something the DB-error mapper turns into a 503", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"name":'));
      },
      pull(c) {
        c.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const req = new Request("http://localhost/api/v1/agents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const err = await readJsonBody(req).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err)).toBe(true);
    expect((err as { status: number }).status).toBe(400);
    expect(mapDatabaseError(err)).toBeUndefined();
  });
});
