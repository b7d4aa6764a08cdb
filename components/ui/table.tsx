import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** A table that scrolls sideways on narrow screens instead of breaking the layout. */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("min-w-full divide-y divide-slate-200 text-sm", className)} {...props} />
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("whitespace-nowrap px-4 py-2.5 text-left font-semibold text-slate-700", className)}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("whitespace-nowrap px-4 py-3 text-slate-700", className)} {...props} />;
}

/** A column heading; `{ hidden }` is read by screen readers only (e.g. an actions column). */
export type Column = string | { hidden: string };

/** The dashboard's list table: a labelled table with its header row; rows are the children. */
export function DataTable({
  label,
  columns,
  bodyClassName,
  children,
}: {
  label: string;
  columns: Column[];
  bodyClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <Table aria-label={label}>
      <thead className="bg-slate-50">
        <tr>
          {columns.map((c) =>
            typeof c === "string" ? (
              <Th key={c}>{c}</Th>
            ) : (
              <Th key={c.hidden}>
                <span className="sr-only">{c.hidden}</span>
              </Th>
            ),
          )}
        </tr>
      </thead>
      <tbody className={cn("divide-y divide-slate-100", bodyClassName)}>{children}</tbody>
    </Table>
  );
}

/** "3 keys", "1 key": a count with its noun. */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
