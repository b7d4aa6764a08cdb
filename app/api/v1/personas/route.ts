import { apiRoute, json } from "@/lib/api/handler";
import { listPersonaResources } from "@/lib/persona-resources";

export const GET = apiRoute({ scope: "agents:read", route: "GET /api/v1/personas" }, async () =>
  json({ object: "list", data: listPersonaResources() }),
);
