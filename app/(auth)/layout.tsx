import { BrandMark } from "@/components/brand-mark";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <BrandMark href="/" size="large" />
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
