import { PERSONAS } from "@/lib/personas";

// The public persona object. Built-ins come from lib/personas.ts (the source the database is
// synced from), so listing them costs no query.
export function listPersonaResources() {
  return PERSONAS.map((p) => ({
    object: "persona" as const,
    key: p.key,
    name: p.name,
    description: p.description,
    tone: p.tone,
    default_system_prompt: p.defaultSystemPrompt,
  }));
}
