import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate";

// Who did something: written to audit_events and agents.created_by_*. Never an internal id in output.
export type Actor =
  | { type: "user"; userId: number; publicId: string; label: string }
  | { type: "api_key"; apiKeyId: number; keyId: string; label: string }
  | { type: "system"; label: string };

export function actorFromApiKey(p: ApiKeyPrincipal): Actor {
  return { type: "api_key", apiKeyId: p.apiKeyId, keyId: p.keyId, label: p.keyName };
}

export function actorFromUser(u: { id: number; publicId: string; email: string }): Actor {
  return { type: "user", userId: u.id, publicId: u.publicId, label: u.email };
}

/** The audit_events columns for an actor. */
export function auditActor(a: Actor) {
  if (a.type === "user") return { actorType: "user" as const, actorId: a.publicId, actorLabel: a.label };
  if (a.type === "api_key") return { actorType: "api_key" as const, actorId: a.keyId, actorLabel: a.label };
  return { actorType: "system" as const, actorId: null, actorLabel: a.label };
}
