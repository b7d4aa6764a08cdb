import { getEnv } from "@/lib/env";
import { PLANS, type PlanKey } from "@/lib/plans";

// The models an agent may use, by plan. The operator's key pays for every call, so an agent's
// `config.model` is checked against its org's plan when it is written, and chat uses the
// effective model: an agent stored with a model its plan does not include (written before the
// check, or kept after a downgrade) keeps answering on the default model instead.

const FREE = ["gemini-2.5-flash-lite", "gemini-2.5-flash"];
const PRO = [...FREE, "gemini-2.5-pro"];

function list(raw: string | undefined, fallback: string[]): string[] {
  const names = raw
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return names && names.length > 0 ? names : fallback;
}

/** The plan's models, the default model first (it is in every list). */
export function planModels(plan: PlanKey): string[] {
  const env = getEnv();
  const byPlan: Record<PlanKey, string[]> = {
    free: list(env.GEMINI_MODELS_FREE, FREE),
    pro: list(env.GEMINI_MODELS_PRO, PRO),
    enterprise: list(env.GEMINI_MODELS_ENTERPRISE, list(env.GEMINI_MODELS_PRO, PRO)),
  };
  return [...new Set([env.GEMINI_MODEL, ...byPlan[plan]])];
}

export function defaultModel(): string {
  return getEnv().GEMINI_MODEL;
}

/** The model as stored in an agent's config, when one is set. */
export function configuredModel(config: { model?: unknown } | null | undefined): string | undefined {
  return typeof config?.model === "string" && config.model ? config.model : undefined;
}

/** A field error message when `model` is not on the plan, else undefined. */
export function modelNotAllowed(plan: PlanKey, model: string | undefined): string | undefined {
  if (model === undefined) return undefined;
  const allowed = planModels(plan);
  if (allowed.includes(model)) return undefined;
  return `${model} is not available on the ${PLANS[plan].name} plan. Use one of: ${allowed.join(", ")}.`;
}

/** What chat calls: the configured model when the plan allows it, else the default model. */
export function effectiveModel(
  config: { model?: unknown } | null | undefined,
  plan: PlanKey,
): { model: string; configured: string | undefined; fallback: boolean } {
  const configured = configuredModel(config);
  const fallback = configured !== undefined && modelNotAllowed(plan, configured) !== undefined;
  return { model: fallback || !configured ? defaultModel() : configured, configured, fallback };
}

/** What the dashboard's model select offers an org. */
export function modelChoice(plan: PlanKey): { models: string[]; defaultModel: string; planName: string } {
  return { models: planModels(plan), defaultModel: defaultModel(), planName: PLANS[plan].name };
}
