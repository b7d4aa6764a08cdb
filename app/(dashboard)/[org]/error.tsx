"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "@/components/ui/button";

// Unexpected failures of a dashboard page (and refusals thrown by requireOrgMembership's role
// check). Production hides server error messages, so this says what the user can do instead.
export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200"
    >
      <AlertTriangle aria-hidden className="mx-auto size-10 text-amber-500" />
      <h1 className="mt-3 text-lg font-semibold text-slate-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600">
        You may not have the role this page needs (ask an owner or admin), or something went wrong on our
        side. Try again in a moment.
      </p>
      {error.digest ? (
        <p className="mt-2 font-mono text-xs text-slate-400">Reference: {error.digest}</p>
      ) : null}
      <Button className="mt-5" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
