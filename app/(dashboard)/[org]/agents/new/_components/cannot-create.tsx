import { Lock } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PLANS, type PlanKey } from "@/lib/plans";

/** Shown instead of the form when it could only fail: at the plan limit, or without the admin role. */
export function CannotCreate({
  reason,
  org,
  used,
  limit,
}: {
  reason: "limit" | "role";
  org: { slug: string; name: string; plan: PlanKey; maxAgents: number | null };
  used: number;
  limit: number;
}) {
  const plan = PLANS[org.plan].name;
  return (
    <Card data-testid={reason === "limit" ? "plan-limit-message" : "role-message"}>
      <CardBody className="flex gap-4 py-6">
        <Lock aria-hidden className="mt-0.5 size-6 shrink-0 text-slate-400" />
        <div className="space-y-3 text-sm text-slate-700">
          {reason === "limit" ? (
            <>
              <h2 className="text-base font-semibold text-slate-900">
                {org.name} has reached its limit of {limit} agents
              </h2>
              <p>
                {org.maxAgents !== null
                  ? `This organization has a custom limit of ${limit} agents, and all ${used} are in use.`
                  : `The ${plan} plan includes ${limit} agents, and all ${used} are in use.`}{" "}
                To create another one, delete an agent you no longer need (its slot frees up at once), or
                upgrade: Pro includes {PLANS.pro.maxAgents} agents and Enterprise{" "}
                {PLANS.enterprise.maxAgents.toLocaleString("en-US")}.
              </p>
              <div className="flex flex-wrap gap-2">
                <ButtonLink href={`/${org.slug}/agents`} variant="secondary">
                  Manage agents
                </ButtonLink>
                <ButtonLink href={`/${org.slug}/settings`} variant="ghost">
                  See plan details
                </ButtonLink>
              </div>
            </>
          ) : (
            <>
              <h2 className="text-base font-semibold text-slate-900">
                Only owners and admins can create agents
              </h2>
              <p>
                You are a member of {org.name}. Ask an owner or admin to create the agent, or to change your
                role.
              </p>
              <ButtonLink href={`/${org.slug}/agents`} variant="secondary">
                Back to agents
              </ButtonLink>
            </>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
