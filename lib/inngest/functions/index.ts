import { flushOptimizationOutbox } from "@/lib/agents/optimization/flush-outbox";
import { optimizePrompt } from "@/lib/agents/optimization/function";
import { transcriptRetentionDaily, transcriptRetentionEphemeral } from "@/lib/conversations/retention";
import { runEvaluation } from "@/lib/evals/function";
import { ingestKnowledgeSource, scheduledKnowledgeSync } from "@/lib/knowledge/ingest/function";
import { deliverWebhook } from "@/lib/webhooks/deliver-function";

/** Everything app/api/inngest serves; each function lives with its feature. */
export const inngestFunctions = [
  optimizePrompt,
  flushOptimizationOutbox,
  deliverWebhook,
  runEvaluation,
  transcriptRetentionDaily,
  transcriptRetentionEphemeral,
  ingestKnowledgeSource,
  scheduledKnowledgeSync,
];
