import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "./card";
import { EmptyState } from "./empty-state";
import { countOf } from "./table";

/** A titled card whose content sits in the padded body (a form, a short text). */
export function SectionCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** A titled card holding a list table, or `empty` (in the padded body) when there is nothing to list. */
export function ListCard({
  title,
  description,
  empty,
  children,
}: {
  title: string;
  description?: string;
  empty: ReactNode | null;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {empty ? <CardBody>{empty}</CardBody> : children}
    </Card>
  );
}

/**
 * A ListCard headed with how many there are ("3 keys"), and an EmptyState saying what to do
 * when there are none: the shape of every "things you created" list.
 */
export function CountedListCard({
  title,
  count,
  noun,
  empty,
  children,
}: {
  title: string;
  count: number;
  /** Singular; countOf adds the plural "s". */
  noun: string;
  empty: { icon: ReactNode; title: string; description: string };
  children: ReactNode;
}) {
  return (
    <ListCard
      title={title}
      description={countOf(count, noun)}
      empty={
        count === 0 ? (
          <EmptyState icon={empty.icon} title={empty.title} description={empty.description} />
        ) : null
      }
    >
      {children}
    </ListCard>
  );
}
