import type { Actor } from "@/lib/actor";

/** Who a version row names: the actor's kind and a readable name (email, key name, job). */
export function versionAuthor(actor: Actor) {
  return { createdByType: actor.type, createdByName: actor.label };
}

/** The actor of versions written by background optimization. */
export const OPTIMIZER_ACTOR: Actor = { type: "system", label: "Prompt optimizer" };
