import type { AgentsPageSearch } from "@/lib/agents/dashboard-agents";

/** The agents page URL for some state: defaults are left out so URLs stay short and shareable. */
export function agentsListHref(org: string, s: Partial<AgentsPageSearch>): string {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.persona) p.set("persona", s.persona);
  if (s.status) p.set("status", s.status);
  if (s.size && s.size !== 25) p.set("size", String(s.size));
  if (s.page && s.page > 1) p.set("page", String(s.page));
  const qs = p.toString();
  return `/${org}/agents${qs ? `?${qs}` : ""}`;
}
