"use client";

import { Activity, BookOpen, Bot, Gauge, KeyRound, MessagesSquare, Settings, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const ITEMS = [
  { href: "agents", label: "Agents", icon: Bot },
  { href: "conversations", label: "Conversations", icon: MessagesSquare },
  { href: "knowledge-packs", label: "Knowledge packs", icon: BookOpen },
  { href: "usage", label: "Usage", icon: Gauge },
  { href: "settings/api-keys", label: "API keys", icon: KeyRound },
  { href: "webhooks", label: "Webhooks", icon: Webhook },
  { href: "activity", label: "Activity", icon: Activity },
  { href: "settings", label: "Settings", icon: Settings },
] as const;

export function NavLinks({ org }: { org: string }) {
  const pathname = usePathname();
  // The longest matching prefix wins, so /settings/api-keys does not also light up Settings.
  const active = ITEMS.map((i) => `/${org}/${i.href}`)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const full = `/${org}/${href}`;
        const current = full === active;
        return (
          <Link
            key={href}
            href={full}
            aria-current={current ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-1.5 border-b-2 px-3 py-3 text-sm font-medium",
              current
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
