import { flushPendingOptimizations } from "@/lib/agents/optimization/flush-outbox";
import { inngest } from "@/lib/inngest/client";

// Every minute: re-send the events of agents left pending without a sent stamp (the after-commit
// hand-off failed or the process died between commit and send).
export const flushOptimizationOutbox = inngest.createFunction(
  {
    id: "flush-optimization-outbox",
    name: "Re-send lost optimization events",
    triggers: [{ cron: "* * * * *" }],
  },
  async ({ step }) => step.run("flush", () => flushPendingOptimizations({ graceSeconds: 30 })),
);
