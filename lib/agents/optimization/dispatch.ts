// After-commit hand-off of an optimization request (filled in by the background-optimization work):
// sends `agent/prompt.optimize.requested` with a deterministic id and stamps the agent.
// Never awaited on the request path and never throws: the outbox flusher re-sends what fails.
export type OptimizationRequest = {
  organizationId: number;
  agentPublicId: string;
  promptVersion: number;
};

export function scheduleOptimizationDispatch(_request: OptimizationRequest): void {}
