"use client";

import { type DragEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";

// Upload (drag and drop or the file picker) and add a URL (one page or the site's sitemap).
export function SourceAdders(props: {
  onUpload: (file: File) => Promise<boolean>;
  onAddUrl: (fields: { url: string; crawl: string; sync: string }) => Promise<boolean>;
}) {
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState("");
  const [crawl, setCrawl] = useState("page");
  const [sync, setSync] = useState("manual");
  const ids = { file: useId(), url: useId(), crawl: useId(), sync: useId() };

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void props.onUpload(file);
  }

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section
        aria-label="Drop a file here"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="source-dropzone"
        className={`rounded-md border-2 border-dashed p-4 text-sm ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
      >
        <label htmlFor={ids.file} className="block font-medium text-slate-900">
          Upload a file
        </label>
        <p className="mb-2 text-xs text-slate-600">
          Drop a PDF, DOCX, Markdown, HTML or text file here (up to 10 MB), or choose one.
        </p>
        <input
          id={ids.file}
          type="file"
          accept=".pdf,.docx,.md,.markdown,.html,.htm,.txt,text/plain,text/markdown,text/html,application/pdf"
          className="text-sm"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void props.onUpload(file).then(() => (e.target.value = ""));
          }}
        />
      </section>
      <form
        className="space-y-2 rounded-md border border-slate-200 p-4 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void props.onAddUrl({ url, crawl, sync }).then((ok) => ok && setUrl(""));
        }}
      >
        <label htmlFor={ids.url} className="block font-medium text-slate-900">
          Add a web page
        </label>
        <input
          id={ids.url}
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://help.example.com/"
          className="w-full rounded-md border border-slate-300 px-2 py-1.5"
        />
        <div className="flex flex-wrap gap-3">
          <label htmlFor={ids.crawl} className="text-slate-700">
            Crawl{" "}
            <select
              id={ids.crawl}
              value={crawl}
              onChange={(e) => setCrawl(e.target.value)}
              className="rounded border border-slate-300"
            >
              <option value="page">This page</option>
              <option value="sitemap">The site's sitemap (≤ 200 pages)</option>
            </select>
          </label>
          <label htmlFor={ids.sync} className="text-slate-700">
            Re-sync{" "}
            <select
              id={ids.sync}
              value={sync}
              onChange={(e) => setSync(e.target.value)}
              className="rounded border border-slate-300"
            >
              <option value="manual">Manually</option>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
            </select>
          </label>
        </div>
        <Button type="submit" size="sm">
          Add URL
        </Button>
      </form>
    </div>
  );
}
