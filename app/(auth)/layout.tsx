import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Link href="/" className="mb-8 flex items-center gap-2">
        <span
          aria-hidden
          className="grid size-9 place-items-center rounded-lg bg-brand-600 text-lg font-bold text-white"
        >
          Y
        </span>
        <span className="text-xl font-semibold text-slate-900">YourAgent</span>
      </Link>
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
