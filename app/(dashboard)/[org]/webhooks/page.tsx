import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { BadgeList } from "@/components/ui/badge-list";
import { CountedListCard, ListCard } from "@/components/ui/list-card";
import { DataTable, Td } from "@/components/ui/table";
import type { OrgPageProps } from "@/lib/auth/org-context";
import { formatDate, formatDateTime } from "@/lib/format-date";
import { loadWebhooksOverview } from "@/lib/webhooks/endpoints";
import { openAdminPage } from "../_components/admins-only";
import { CreateAndListPage } from "../_components/create-and-list-page";
import { CreateEndpointForm } from "./_components/create-endpoint-form";
import { EndpointActions } from "./_components/endpoint-actions";

export const metadata: Metadata = { title: "Webhooks" };

const STATUS_TONE = { pending: "yellow", succeeded: "green", failed: "red" } as const;

export default async function WebhooksPage(props: OrgPageProps) {
  const page = await openAdminPage(props, {
    title: "Webhooks",
    manages: "webhooks",
    ask: "Ask an owner or admin.",
  });
  if ("denied" in page) return page.denied;
  const { ctx } = page;
  const { endpoints, deliveries } = await loadWebhooksOverview(ctx.org.id);
  const org = ctx.org.slug;
  return (
    <CreateAndListPage
      title="Webhooks"
      description="Get a signed POST (Standard Webhooks) when agents change. Failed deliveries are retried with backoff; every attempt is listed below."
      createTitle="Add an endpoint"
      createForm={<CreateEndpointForm org={org} />}
    >
      <CountedListCard
        title="Endpoints"
        count={endpoints.length}
        noun="endpoint"
        empty={{
          icon: <Webhook aria-hidden className="size-8" />,
          title: "No endpoints yet",
          description: "Add one above.",
        }}
      >
        <DataTable label="Webhook endpoints" columns={["URL", "Events", "Created", { hidden: "Actions" }]}>
          {endpoints.map((e) => (
            <tr key={e.publicId} data-endpoint-id={e.publicId}>
              <Td className="max-w-xs break-all font-mono text-xs text-slate-900">
                {e.url}
                {e.description ? (
                  <span className="block font-sans text-slate-500">{e.description}</span>
                ) : null}
              </Td>
              <Td>
                <BadgeList items={e.events} />
              </Td>
              <Td>{formatDate(e.createdAt)}</Td>
              <Td className="text-right">
                <EndpointActions org={org} endpoint={e.publicId} url={e.url} />
              </Td>
            </tr>
          ))}
        </DataTable>
      </CountedListCard>
      <ListCard
        title="Recent deliveries"
        description="The latest 50 attempts, newest first."
        empty={deliveries.length === 0 ? <p className="text-sm text-slate-600">No deliveries yet.</p> : null}
      >
        <DataTable
          label="Recent deliveries"
          columns={["When", "Event", "Endpoint", "Attempt", "Status", "Response"]}
        >
          {deliveries.map((d) => (
            <tr key={d.publicId} data-delivery-status={d.status}>
              <Td>{formatDateTime(d.createdAt)}</Td>
              <Td>
                <code className="font-mono text-xs">{d.eventType}</code>
              </Td>
              <Td className="max-w-xs break-all font-mono text-xs">{d.endpointUrl}</Td>
              <Td>{d.attempt === 0 ? "queued" : d.attempt}</Td>
              <Td>
                <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
              </Td>
              <Td>
                {d.responseCode ?? "—"}
                {d.lastError ? <span className="block text-xs text-slate-500">{d.lastError}</span> : null}
              </Td>
            </tr>
          ))}
        </DataTable>
      </ListCard>
    </CreateAndListPage>
  );
}
