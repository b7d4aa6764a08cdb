import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(fieldClasses, "pr-8", className)} {...props} />;
}
