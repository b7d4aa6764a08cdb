import { z } from "zod";
import { db } from "@/db";
import { findAgentByPublicId } from "@/db/queries/agents";
import { actorFromApiKey } from "@/lib/actor";
import { deleteAgent } from "@/lib/agents/delete-agent";
import { toAgentResource } from "@/lib/agents/serialize";
import { updateAgent } from "@/lib/agents/update-agent";
import { apiRoute, json } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/body";

type Params = { id: string };

/** A malformed id cannot name an agent: 404 like any unknown id, without a query. */
function agentIdFrom(params: Params): string {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw new AppError("not_found", "No agent with this id exists.");
  return parsed.data.toLowerCase();
}

export const GET = apiRoute<Params>(
  { scope: "agents:read", route: "GET /api/v1/agents/{id}" },
  async ({ params, principal }) => {
    const agent = await findAgentByPublicId(db, principal.organizationId, agentIdFrom(params));
    if (!agent) throw new AppError("not_found", "No agent with this id exists.");
    return json(toAgentResource(agent));
  },
);

export const PATCH = apiRoute<Params>(
  { scope: "agents:write", route: "PATCH /api/v1/agents/{id}" },
  async ({ req, params, principal }) => {
    const publicId = agentIdFrom(params);
    const body = await readJsonBody(req);
    const { agent } = await updateAgent({
      organizationId: principal.organizationId,
      actor: actorFromApiKey(principal),
      publicId,
      body,
    });
    return json(toAgentResource(agent));
  },
);

export const DELETE = apiRoute<Params>(
  { scope: "agents:write", route: "DELETE /api/v1/agents/{id}" },
  async ({ params, principal }) => {
    await deleteAgent({
      organizationId: principal.organizationId,
      actor: actorFromApiKey(principal),
      publicId: agentIdFrom(params),
    });
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  },
);
