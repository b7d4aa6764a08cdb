import { cn, type TonedProps } from "./cn";

type Tone = "gray" | "green" | "yellow" | "red" | "blue" | "brand";
const TONES: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
  green: "bg-green-50 text-green-700 ring-green-600/20",
  yellow: "bg-yellow-50 text-yellow-800 ring-yellow-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  blue: "bg-blue-50 text-blue-700 ring-blue-700/10",
  brand: "bg-brand-50 text-brand-700 ring-brand-700/10",
};

export function Badge({ tone = "gray", children, className }: TonedProps<Tone>) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
