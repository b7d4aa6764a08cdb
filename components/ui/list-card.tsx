import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "./card";

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
