import { actorFromApiKey } from "@/lib/actor";
import { createAgentJson } from "@/lib/agents/create-agent";
import { api } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { readIdempotencyHeader } from "@/lib/http/idempotency-key";
import { jsonText } from "@/lib/http/pipeline";
import { rawJsonBody } from "@/lib/http/steps";
import { createAgentSchema } from "@/lib/validations/agent";
import { fieldErrorsFromZod } from "@/lib/validations/zod-errors";

// POST /api/v1/agents: body → idempotency key → schema → the shared create use case.
export const createAgentRoute = api("agents:write")
  .use(rawJsonBody())
  .handle("POST /api/v1/agents", async (ctx) => {
    const headerKey = readIdempotencyHeader(ctx.req);
    const parsed = createAgentSchema.safeParse(ctx.body);
    if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
    const input = parsed.data;
    if (headerKey && input.idempotency_key && headerKey !== input.idempotency_key) {
      throw new AppError(
        "invalid_idempotency_key",
        "The Idempotency-Key header and the idempotency_key field differ; send one, or the same value in both.",
      );
    }
    const { json, publicId, replayed } = await createAgentJson({
      organizationId: ctx.principal.organizationId,
      actor: actorFromApiKey(ctx.principal),
      input,
      idempotencyKey: headerKey ?? input.idempotency_key,
    });
    const headers: Record<string, string> = { Location: `/api/v1/agents/${publicId}` };
    if (replayed) headers["Idempotent-Replayed"] = "true";
    return jsonText(json, { status: 201, headers });
  });
