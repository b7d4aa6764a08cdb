"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorFromUser } from "@/lib/actor";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { importEvalCsv } from "@/lib/evals/dashboard";
import { startEvalRun } from "@/lib/evals/start-run";

// The evaluation page's mutations: the same use cases as PUT …/eval-suite and POST …/eval-runs.
export const importEvalCsvAction = orgAction(
  z.object({
    agent: z.uuid("Unknown agent."),
    csv: z.string().max(1_000_000, "The CSV text is larger than 1 MB.").min(1, "Paste the CSV text first."),
    replace: z.literal("on").optional(),
  }),
  async ({ agent, csv, replace }, ctx) => {
    const out = await importEvalCsv(
      { organizationId: ctx.org.id, actor: actorFromUser(ctx.user) },
      { publicId: agent, csv, replace: replace === "on" },
    );
    revalidatePath(`/${ctx.org.slug}/agents/${agent}/evals`);
    const bad = out.problems.map((p) => (p.line ? `Line ${p.line}: ${p.message}` : p.message));
    if (out.imported === 0) return { ok: false, error: ["Nothing was imported.", ...bad].join("\n") };
    return { ok: true, message: [`Imported ${out.imported} cases.`, ...bad].join("\n") };
  },
  { roles: ADMIN_ROLES },
);

export const startEvalRunAction = orgAction(
  z.object({ agent: z.uuid("Unknown agent.") }),
  async ({ agent }, ctx) => {
    await startEvalRun(
      { organizationId: ctx.org.id, actor: actorFromUser(ctx.user) },
      { publicId: agent, input: {} },
    );
    revalidatePath(`/${ctx.org.slug}/agents/${agent}/evals`);
    return { ok: true, message: "Evaluation started." };
  },
  { roles: ADMIN_ROLES },
);
