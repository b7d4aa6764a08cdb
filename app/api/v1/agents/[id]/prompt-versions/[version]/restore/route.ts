import { apiKeyContext } from "@/lib/actor";
import { restorePromptVersion } from "@/lib/agents/prompt-versions/restore-prompt-version";
import { toPromptVersionResource } from "@/lib/agents/prompt-versions/serialize";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";
import { readIdempotencyHeader } from "@/lib/http/idempotency-key";
import { json } from "@/lib/http/pipeline";
import { publicIdParam } from "@/lib/http/steps";
import { MESSAGES } from "@/lib/messages";
import { parseVersionNumber, restorePromptVersionSchema } from "@/lib/validations/prompt-versions";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

// POST /api/v1/agents/{id}/prompt-versions/{version}/restore: 201 with the new version; the
// body ({ rationale? }) is optional; Idempotency-Key replays (Idempotent-Replayed: true).
export const POST = api("agents:write")
  .use(publicIdParam("id", "agentId", MESSAGES.agentNotFound))
  .handle("POST /api/v1/agents/{id}/prompt-versions/{version}/restore", async (ctx) => {
    const rawVersion = (ctx.params as Record<string, string>).version ?? "";
    const version = parseVersionNumber(rawVersion);
    if (version === undefined) throw new AppError("not_found", `No prompt version ${rawVersion}.`);
    const idempotencyKey = readIdempotencyHeader(ctx.req);
    const raw = ctx.req.body ? await readJsonBody(ctx.req) : {};
    const parsed = restorePromptVersionSchema.safeParse(raw);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const restored = await restorePromptVersion(apiKeyContext(ctx.principal), {
      publicId: ctx.agentId,
      version,
      input: parsed.data,
      idempotencyKey,
    });
    const headers: Record<string, string> = {
      Location: `/api/v1/agents/${ctx.agentId}/prompt-versions`,
    };
    if (restored.replayed) headers["Idempotent-Replayed"] = "true";
    return json(toPromptVersionResource(restored.version), { status: 201, headers });
  });
