import { KNOWLEDGE_SYNC_REQUESTED } from "@/lib/inngest/events";
import { sendOrWarn } from "@/lib/inngest/send";

export type SyncRequest = { organizationId: number; sourcePublicId: string; requestedAt: Date };

/**
 * After commit. The id is the source and its request time, so a re-send of the same request (the
 * scheduler picking up a lost one) is deduplicated by Inngest, and a new re-sync is not.
 * A failure is logged; the scheduled sync re-sends pending sources whose event was lost.
 */
export async function sendSyncEvent(request: SyncRequest): Promise<boolean> {
  return sendOrWarn(
    {
      id: `knowledge-sync:${request.sourcePublicId}:${request.requestedAt.getTime()}`,
      name: KNOWLEDGE_SYNC_REQUESTED,
      data: {
        organization_id: request.organizationId,
        source_public_id: request.sourcePublicId,
        requested_at: request.requestedAt.toISOString(),
      },
    },
    "knowledge sync event not sent",
    { source_id: request.sourcePublicId },
  );
}
