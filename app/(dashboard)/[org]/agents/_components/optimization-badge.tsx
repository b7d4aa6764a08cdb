import { Badge } from "@/components/ui/badge";
import type { OptimizationStatus } from "@/lib/agents/types";

const LABEL: Record<OptimizationStatus, string> = {
  not_requested: "Not requested",
  pending: "Pending",
  running: "Optimizing",
  succeeded: "Optimized",
  failed: "Failed",
  skipped: "Skipped",
};
const TONE = {
  not_requested: "gray",
  pending: "yellow",
  running: "blue",
  succeeded: "green",
  failed: "red",
  skipped: "gray",
} as const;

export const OPTIMIZATION_LABELS = LABEL;

export function OptimizationBadge({ status }: { status: OptimizationStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
