import { api } from "@/lib/api/route";
import { json } from "@/lib/http/pipeline";
import { listPersonaResources } from "@/lib/persona-resources";

export const GET = api("agents:read").handle("GET /api/v1/personas", async () =>
  json({ object: "list", data: listPersonaResources() }),
);
