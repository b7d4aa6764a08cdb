-- The outbox's sweep for jobs Inngest accepted but never ran: sent optimizations still pending or
-- running, and deliveries never attempted. Partial, so they stay the size of what is in flight.
CREATE INDEX IF NOT EXISTS "agents_optimization_stale_idx" ON "agents" ("optimization_updated_at")
  WHERE "optimization_status" IN ('pending', 'running') AND "optimization_event_sent_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "webhook_deliveries_unattempted_idx" ON "webhook_deliveries" ("created_at")
  WHERE "status" = 'pending' AND "attempts" = 0;
