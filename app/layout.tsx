import type { Metadata } from "next";
import { headers } from "next/headers";
import { HydratedMarker } from "@/components/hydration";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "YourAgent", template: "%s · YourAgent" },
  description: "Create AI chat agents and put them on your website.",
  // Static files in public/: the .ico for old browsers and tabs, the SVG for the rest.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts puts a fresh nonce in each request's CSP and Next stamps it on its own scripts.
  // Reading the request here renders every page per request, as a nonce needs: a prerendered
  // page would carry scripts without this response's nonce and be blocked.
  (await headers()).get("x-nonce");
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        {children}
        <HydratedMarker />
      </body>
    </html>
  );
}
