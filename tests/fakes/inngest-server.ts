import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeExecutor, type FakeRun, type RegisteredFunction } from "./inngest-executor";
import { readBody } from "./read-body";

// A fake Inngest event API: `POST /e/:key` with a JSON array (or one object) of events answers
// 200 `{ ids, status: 200 }` and records them, like the dev server / Inngest Cloud. Point the SDK
// at it with INNGEST_DEV=1 + INNGEST_BASE_URL=<url>. Switchable: "up", "fail" (HTTP 500 with an
// error body) and "down" (connections are reset, as if nothing listened).
// With `executeFunctions` on it also runs the functions the app registered (PUT /api/inngest on
// the app makes it register here), calling the app's serve endpoint step by step
// (tests/fakes/inngest-executor.ts); `runs` lists them, `settled()` waits for them.
export type RecordedEvent = {
  id?: string;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are free-form
  data: any;
  ts?: number;
  key: string;
  receivedAt: number;
};

export type InngestFakeMode = "up" | "fail" | "down";

export class FakeInngest {
  readonly events: RecordedEvent[] = [];
  /** Bodies of `POST /fn/register` (an app syncing its functions, as the dev server receives them). */
  // biome-ignore lint/suspicious/noExplicitAny: the registration payload is Inngest's JSON
  readonly registrations: any[] = [];
  /** Every POST that arrived, including refused ones. */
  requests = 0;
  mode: InngestFakeMode = "up";
  /** Run the registered functions an accepted event triggers, as the dev server does. */
  executeFunctions = false;
  readonly executor = new FakeExecutor(() =>
    this.registrations.flatMap((r) => (r.functions ?? []) as RegisteredFunction[]),
  );
  url = "";
  /** Awaited before the 200 is sent: lets a test look at the world at the moment an event lands. */
  onEvent?: (event: RecordedEvent) => void | Promise<void>;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly server: Server) {
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  setMode(mode: InngestFakeMode): this {
    this.mode = mode;
    return this;
  }

  get runs(): FakeRun[] {
    return this.executor.runs;
  }

  waitForRun(match: (run: FakeRun) => boolean, timeoutMs?: number): Promise<FakeRun> {
    return this.executor.waitForRun(match, timeoutMs);
  }

  settled(timeoutMs?: number): Promise<void> {
    return this.executor.settled(timeoutMs);
  }

  eventsNamed(name: string): RecordedEvent[] {
    return this.events.filter((e) => e.name === name);
  }

  reset(): void {
    this.events.length = 0;
    this.requests = 0;
    this.mode = "up";
    this.onEvent = undefined;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startFakeInngest(): Promise<FakeInngest> {
  let fake: FakeInngest | undefined;
  const server = createServer(async (req, res) => {
    const f = fake!;
    if (f.mode === "down") {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/e\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    if (req.method !== "POST" || (!match && url.pathname !== "/fn/register")) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found","status":404}');
      return;
    }
    f.requests++;
    const raw = await readBody(req);
    if (url.pathname === "/fn/register" && req.method === "POST") {
      f.registrations.push(JSON.parse(raw));
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"modified":true}');
      return;
    }
    if (f.mode === "fail") {
      res.writeHead(500, { "content-type": "application/json" }).end('{"error":"fake outage","status":500}');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"error":"invalid json","status":400}');
      return;
    }
    const list = (Array.isArray(parsed) ? parsed : [parsed]) as Omit<RecordedEvent, "key" | "receivedAt">[];
    const ids: string[] = [];
    for (const e of list) {
      const recorded = { ...e, key: decodeURIComponent(match?.[1] ?? ""), receivedAt: Date.now() };
      f.events.push(recorded);
      await f.onEvent?.(recorded);
      ids.push(`01FAKE${f.events.length.toString().padStart(20, "0")}`);
      if (f.executeFunctions) f.executor.dispatch({ id: e.id, name: e.name, data: e.data, ts: e.ts });
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids, status: 200 }));
  });
  fake = new FakeInngest(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
