import { db } from "@/db";
import { releaseMonthlyMessage, takeMonthlyMessage } from "@/db/queries/usage";
import type { WidgetAgent } from "@/db/queries/widget";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { monthStart, secondsToNextMonth } from "@/lib/plans";
import { notifyWebhooks } from "@/lib/webhooks/queue-event";
import { offlineMessage } from "./display-config";

// The org's monthly message budget on the chat path: one message is taken before the model is
// called and given back when the call fails before any text, so a failure costs the org nothing.

export type BudgetTicket = { organizationId: number; month: string; released: boolean };

/** Takes one message of the org's month, or throws quota_exhausted (429, Retry-After). */
export async function takeMessageBudget(agent: WidgetAgent, now = new Date()): Promise<BudgetTicket> {
  const month = monthStart(now);
  // The bench's "without the budget" row (the env schema refuses it outside the bench's mode).
  if (getEnv().BENCH_SKIP_MESSAGE_BUDGET === "1")
    return { organizationId: agent.organizationId, month, released: true };
  const take = await takeMonthlyMessage(db, agent.organizationId, month);
  if (!take.taken) {
    throw new AppError(
      "quota_exhausted",
      "This assistant has answered all the messages its plan allows this month.",
      {
        retryAfterSeconds: secondsToNextMonth(now),
        extra: { offline_message: offlineMessage(agent.widgetConfig) },
      },
    );
  }
  // The statement tells exactly one take that it crossed a threshold: one event per month each.
  for (const threshold of take.crossed) {
    notifyWebhooks({
      organizationId: agent.organizationId,
      type: "usage.threshold",
      data: { month: month.slice(0, 7), threshold, used: take.used, limit: take.limit },
    });
  }
  return { organizationId: agent.organizationId, month, released: false };
}

/** Gives the message back (at most once per ticket). */
export async function releaseMessageBudget(ticket: BudgetTicket): Promise<void> {
  if (ticket.released) return;
  ticket.released = true;
  await releaseMonthlyMessage(db, ticket.organizationId, ticket.month);
}
