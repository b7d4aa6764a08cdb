import { createAgentRoute } from "./create-route";

export const POST = createAgentRoute;
export { listAgents as GET } from "./list-route";
