import type { ReactNode } from "react";

/** Joins class names, skipping falsy ones. */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

/** The props of a small element whose colors come from one of its tones (alerts, badges). */
export type TonedProps<Tone extends string> = { tone?: Tone; children: ReactNode; className?: string };
