import type { ReactNode } from "react";

/**
 * The one moment a created secret is visible: announced politely, styled as success; the
 * caller puts the secret (and how to use it) inside.
 */
export function SecretShownOnce({
  testId,
  title,
  children,
}: {
  testId: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <div
      role="status"
      data-testid={testId}
      className="space-y-3 rounded-md bg-green-50 p-4 ring-1 ring-green-200"
    >
      <p className="text-sm font-semibold text-green-900">{title}</p>
      {children}
    </div>
  );
}
