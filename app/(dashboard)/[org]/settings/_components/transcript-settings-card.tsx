import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getTranscriptSettings } from "@/lib/organizations/transcript-settings";
import { TranscriptSettingsForm } from "./transcript-settings-form";

/** Transcript privacy: owners edit it; everyone else sees what holds and who can change it. */
export async function TranscriptSettingsCard({
  org,
  isOwner,
}: {
  org: { id: number; slug: string };
  isOwner: boolean;
}) {
  const s = await getTranscriptSettings(org.id);
  return (
    <Card>
      <CardHeader title="Transcripts" description="How long visitors' conversations are kept." />
      <CardBody>
        {isOwner ? (
          <TranscriptSettingsForm
            org={org.slug}
            retentionDays={s.retentionDays}
            planDefaultDays={s.planDefaultDays}
            storeTranscripts={s.storeTranscripts}
          />
        ) : (
          <>
            <dl className="grid grid-cols-[10rem_1fr] gap-y-3 text-sm" aria-label="Transcript settings">
              <dt className="text-slate-500">Kept for</dt>
              <dd className="text-slate-900">
                {s.effectiveDays} days{s.retentionDays === null ? " (the plan's default)" : ""}
              </dd>
              <dt className="text-slate-500">Store transcripts</dt>
              <dd className="text-slate-900">
                {s.storeTranscripts ? "On" : "Off: turns are kept at most an hour"}
              </dd>
            </dl>
            <p className="mt-3 text-xs text-slate-500">Only owners of the organization can change these.</p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
