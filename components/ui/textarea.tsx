import type { TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(fieldClasses, "min-h-24", className)} {...props} />;
}
