import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate";

// Who did something: written to audit_events and agents.created_by_*. Never an internal id in output.
export type Actor =
  | { type: "user"; userId: number; publicId: string; label: string }
  | { type: "api_key"; apiKeyId: number; keyId: string; label: string }
  | { type: "system"; label: string };

/** Who a use case acts for: the org (from the session or the API key, never the request) and the actor. */
export type UseCaseContext = {
  organizationId: number;
  actor: Actor;
  /**
   * Where the knowledge syncs a use case starts run: handed to Inngest after commit (the
   * default), or "inline": in this process, finished before the use case returns, and no event
   * (the demo seed of a first start, which must be searchable before any job server is reachable).
   */
  knowledgeSync?: "inline";
};

export function actorFromApiKey(p: ApiKeyPrincipal): Actor {
  return { type: "api_key", apiKeyId: p.apiKeyId, keyId: p.keyId, label: p.keyName };
}

export function actorFromUser(u: { id: number; publicId: string; email: string }): Actor {
  return { type: "user", userId: u.id, publicId: u.publicId, label: u.email };
}

/** The use-case context of a signed-in member acting in the dashboard (a server action). */
export function memberContext(m: {
  org: { id: number };
  user: { id: number; publicId: string; email: string };
}): UseCaseContext {
  return { organizationId: m.org.id, actor: actorFromUser(m.user) };
}

/** The audit_events columns for an actor. */
export function auditActor(a: Actor) {
  if (a.type === "user") return { actorType: "user" as const, actorId: a.publicId, actorLabel: a.label };
  if (a.type === "api_key") return { actorType: "api_key" as const, actorId: a.keyId, actorLabel: a.label };
  return { actorType: "system" as const, actorId: null, actorLabel: a.label };
}

/** The use-case context of an API request. */
export function apiKeyContext(p: ApiKeyPrincipal): UseCaseContext {
  return { organizationId: p.organizationId, actor: actorFromApiKey(p) };
}
