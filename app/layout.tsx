import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "YourAgent", template: "%s · YourAgent" },
  description: "Create AI chat agents and put them on your website.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">{children}</body>
    </html>
  );
}
