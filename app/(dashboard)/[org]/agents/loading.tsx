// Skeleton of the agents page while the list loads.
export default function AgentsLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading agents" className="animate-pulse">
      <div className="mb-6 space-y-2">
        <div className="h-7 w-32 rounded bg-slate-200" />
        <div className="h-4 w-64 rounded bg-slate-200" />
      </div>
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {["q", "persona", "status", "size"].map((k) => (
          <div key={k} className="h-9 rounded-md bg-slate-200" />
        ))}
      </div>
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        {["a", "b", "c", "d", "e", "f", "g", "h"].map((k) => (
          <div key={k} className="flex gap-4 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="h-4 w-1/4 rounded bg-slate-200" />
            <div className="h-4 w-1/6 rounded bg-slate-100" />
            <div className="h-4 w-1/6 rounded bg-slate-100" />
            <div className="h-4 w-16 rounded bg-slate-200" />
            <div className="ml-auto h-4 w-20 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
