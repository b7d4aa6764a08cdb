import postgres from "postgres";
import { resolveDatabaseUrl, sqlClient } from "@/db";
import { detachFromStatementCounter } from "@/db/query-counter";
import { trackBackgroundWork } from "@/lib/background-work";
import { safeErrorFields } from "@/lib/http/safe-error";
import { log } from "@/lib/logger";

// Cache coherence across instances: a change to an agent is announced on a Postgres channel and
// every instance listening drops its cached copy. A listener that loses its connection may have
// missed messages, so every (re)connect clears the whole cache; the caches' TTLs stay as the
// backstop for a process that dies between commit and NOTIFY.

export const INVALIDATION_CHANNEL = "youragent_invalidate";
/** The payload that means "drop everything". */
const ALL = "*";
const RETRY_MS = 500;

export type ListenerState = "off" | "connecting" | "listening" | "reconnecting";
/**
 * `namespace`: which ids a cache holds. Agents' public ids travel bare (every instance understands
 * them); other caches' ids travel as `<namespace>:<id>` and reach only that namespace's handlers.
 */
type Handlers = { drop: (id: string) => void; dropAll: () => void; namespace?: string };

type Client = ReturnType<typeof postgres>;
type Listener = {
  state: ListenerState;
  handlers: Handlers[];
  client?: Client;
  retry?: ReturnType<typeof setTimeout>;
  stopped: boolean;
  connects: number;
  /** Whether this outage was logged already. */
  warned?: boolean;
  /** The listener's backend pid, so tests and operators can find its connection. */
  pid?: number;
};

// On globalThis: route handlers, pages and the proxy are separate bundles in one process, and
// one connection per process must serve all of them.
const g = globalThis as unknown as { __youragentInvalidation?: Listener };

function listener(): Listener {
  g.__youragentInvalidation ??= { state: "off", handlers: [], stopped: false, connects: 0 };
  return g.__youragentInvalidation;
}

export function invalidationListenerState(): ListenerState {
  return listener().state;
}

export function invalidationListenerInfo(): { state: ListenerState; connects: number; pid?: number } {
  const l = listener();
  return { state: l.state, connects: l.connects, pid: l.pid };
}

/** Starts this process's listener (idempotent): the server at boot, caches on first use. */
export function startInvalidationListener(): void {
  const l = listener();
  if (l.state === "off" && !l.stopped) connect(l);
}

/** Registers a cache's drop handlers and makes sure the listener runs. */
export function subscribeInvalidations(handlers: Handlers): void {
  listener().handlers.push(handlers);
  startInvalidationListener();
}

/** Readiness: starts the listener if needed and waits up to `ms` for it to listen. */
export async function awaitListening(ms: number): Promise<ListenerState> {
  startInvalidationListener();
  const deadline = Date.now() + ms;
  while (listener().state !== "listening" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
  return listener().state;
}

function deliver(l: Listener, payload: string) {
  if (payload === ALL) return dropAll(l);
  for (const item of payload.split(",")) {
    if (!item) continue;
    const sep = item.indexOf(":");
    const namespace = sep < 0 ? undefined : item.slice(0, sep);
    const id = sep < 0 ? item : item.slice(sep + 1);
    for (const h of l.handlers) if (h.namespace === namespace) h.drop(id);
  }
}

function dropAll(l: Listener) {
  for (const h of l.handlers) h.dropAll();
}

function connect(l: Listener) {
  l.state = l.connects === 0 ? "connecting" : "reconnecting";
  // A connection of its own: LISTEN holds it for the life of the process, outside the pool.
  // postgres.js's `onnotify` option is what its own sql.listen uses; its types omit it.
  const options: postgres.Options<Record<string, never>> & {
    onnotify: (channel: string, payload: string) => void;
  } = {
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    connect_timeout: 5,
    fetch_types: false,
    connection: { application_name: `youragent-listener:${process.pid}` },
    onnotice: () => {},
    onnotify: (channel, payload) => {
      if (channel === INVALIDATION_CHANNEL) deliver(l, payload);
    },
    onclose: () => lost(l, client),
  };
  const client: Client = postgres(resolveDatabaseUrl(), options);
  l.client = client;
  client
    .unsafe(`listen ${INVALIDATION_CHANNEL}`)
    .then(() => client<{ pid: number }[]>`select pg_backend_pid() as pid`)
    .then(([row]) => {
      if (l.client !== client) return;
      l.pid = row?.pid;
      if (l.connects > 0) log("info", "invalidation listener reconnected; dropped the widget cache");
      l.connects++;
      l.warned = false;
      l.state = "listening";
      // Whatever was cached before this point may have changed unannounced.
      dropAll(l);
    })
    .catch((e: unknown) => {
      // Once per outage, not once per retry.
      if (!l.warned) {
        l.warned = true;
        log("warn", "invalidation listener could not connect; retrying every 0.5 s", safeErrorFields(e));
      }
      lost(l, client);
    });
}

function lost(l: Listener, client: Client): void {
  if (l.client !== client) return;
  l.client = undefined;
  void client.end({ timeout: 0 }).catch(() => {});
  if (l.stopped) {
    l.state = "off";
    return;
  }
  // Until listening again, nothing cached can be trusted to be current.
  l.state = "reconnecting";
  dropAll(l);
  clearTimeout(l.retry);
  l.retry = setTimeout(() => connect(l), RETRY_MS);
  l.retry.unref();
}

/** Shutdown and tests: closes the listener connection. */
export async function stopInvalidationListener(): Promise<void> {
  const l = listener();
  l.stopped = true;
  clearTimeout(l.retry);
  const client = l.client;
  l.client = undefined;
  l.state = "off";
  await client?.end({ timeout: 1 }).catch(() => {});
  g.__youragentInvalidation = undefined;
}

/**
 * Announces changed agents (or, with `namespace`, other cached things) to every instance. Called
 * right after the change committed; off the request path, and a failure only costs the others
 * the TTL. The promise settles once sent (or failed and logged), for callers that exit next.
 */
export function announceInvalidation(ids: string[], namespace?: string): Promise<void> {
  const prefix = namespace ? `${namespace}:` : "";
  const payload = ids.map((id) => `${prefix}${id.toLowerCase()}`).join(",");
  if (!payload) return Promise.resolve();
  const p = detachFromStatementCounter(async () => {
    await sqlClient()`select pg_notify(${INVALIDATION_CHANNEL}, ${payload})`;
  }).catch((e: unknown) =>
    log(
      "warn",
      "cache invalidation not announced; other instances catch up within the TTL",
      safeErrorFields(e),
    ),
  );
  trackBackgroundWork(p);
  return p;
}
