import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { readBody } from "./read-body";

// A fake Gemini (Google AI "mldev") REST endpoint speaking the shapes @google/genai 2.32 uses:
//   POST /{apiVersion}/models/{model}:generateContent
//   POST /{apiVersion}/models/{model}:streamGenerateContent?alt=sse   (SSE, `data: {…}\r\n\r\n`)
// The key travels in `x-goog-api-key`. Errors use Google's JSON body { error: { code, message, status } },
// which the SDK turns into an ApiError carrying `.status`.
//
// Scriptable per call: enqueue() a script for the next calls, or setHandler() for all of them.
// Standalone: `npx tsx tests/fakes/gemini-server.ts --port 8787` serves canned good answers.

export type GeminiMethod = "generateContent" | "streamGenerateContent";

export type GeminiCall = {
  method: GeminiMethod;
  model: string;
  apiVersion: string;
  apiKey: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: the request body is Gemini's free-form JSON
  body: any;
  /** The text of the last user turn (what the caller asked). */
  userText: string;
  /** The text of systemInstruction, if any. */
  systemText: string;
  receivedAt: number;
};

export type GeminiScript = {
  /** Wait before answering (the headers too). */
  delayMs?: number;
  /** Answer with this HTTP error status and a Google error body. */
  status?: number;
  errorMessage?: string;
  /** The model's text. For a JSON-mode call, `json` is serialized into the text. */
  text?: string;
  json?: unknown;
  /** Streaming: the text split into these chunks (default: split `text` in ~3 pieces). */
  chunks?: string[];
  chunkDelayMs?: number;
  finishReason?: string;
  usage?: { promptTokenCount?: number; candidatesTokenCount?: number; totalTokenCount?: number };
  /** Close the socket without answering (a network failure). */
  drop?: boolean;
};

export type GeminiHandler = (call: GeminiCall) => GeminiScript | Promise<GeminiScript>;

const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

// biome-ignore lint/suspicious/noExplicitAny: Gemini content parts
function partsText(content: any): string {
  if (!content || !Array.isArray(content.parts)) return "";
  return content.parts.map((p: { text?: unknown }) => (typeof p.text === "string" ? p.text : "")).join("");
}

/** A judge request: structured output whose schema asks for `verdicts`. */
export function isJudgeCall(call: GeminiCall): boolean {
  return Boolean(call.body?.generationConfig?.responseSchema?.properties?.verdicts);
}

export type JudgeRequest = {
  question: string;
  reply: string;
  criteria: { id: string; kind: "expectation" | "must_not"; text: string }[];
};

export function judgeRequest(call: GeminiCall): JudgeRequest {
  return JSON.parse(call.userText) as JudgeRequest;
}

/**
 * The deterministic judge: an expectation is satisfied when the reply contains its text, a
 * must-not when the reply does not (case-insensitive). Tests script verdicts by scripting replies.
 */
export function judgeAnswer(req: JudgeRequest): GeminiScript {
  const reply = req.reply.toLowerCase();
  return {
    json: {
      verdicts: req.criteria.map((c) => {
        const found = reply.includes(c.text.toLowerCase());
        const satisfied = c.kind === "expectation" ? found : !found;
        return {
          id: c.id,
          satisfied,
          reason: `${found ? "The reply says" : "The reply does not say"} "${c.text}".`,
        };
      }),
    },
  };
}

/** The canned answer: verdicts for a judge, a JSON optimization result in JSON mode, a friendly reply otherwise. */
export function defaultGeminiHandler(call: GeminiCall): GeminiScript {
  if (isJudgeCall(call)) return judgeAnswer(judgeRequest(call));
  const mime = call.body?.generationConfig?.responseMimeType;
  if (mime === "application/json") {
    const original = call.userText.trim() || "You are a helpful assistant.";
    return {
      json: {
        optimized_prompt: `${original}\n\nAnswer concisely and accurately. When a request is ambiguous, ask one clarifying question before answering. Never invent facts; say when you do not know.`,
        rationale:
          "Added guidance on concision, clarifying questions and honesty, which reduces vague or invented answers.",
      },
    };
  }
  const asked = call.userText.trim().slice(0, 200);
  return { text: `Thanks for your message! You said: "${asked}". How else can I help you today?` };
}

function splitText(text: string, pieces = 3): string[] {
  if (text.length < pieces) return [text];
  const size = Math.ceil(text.length / pieces);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function responseJson(text: string, script: GeminiScript, model: string, final: boolean) {
  const usage = {
    promptTokenCount: script.usage?.promptTokenCount ?? 42,
    candidatesTokenCount: script.usage?.candidatesTokenCount ?? Math.max(1, Math.ceil(text.length / 4)),
    totalTokenCount: script.usage?.totalTokenCount ?? 42 + Math.max(1, Math.ceil(text.length / 4)),
  };
  return {
    candidates: [
      {
        content: { parts: [{ text }], role: "model" },
        ...(final ? { finishReason: script.finishReason ?? "STOP" } : {}),
        index: 0,
      },
    ],
    ...(final ? { usageMetadata: usage } : {}),
    modelVersion: model,
    responseId: `fake-${Math.random().toString(36).slice(2, 10)}`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeGemini {
  readonly calls: GeminiCall[] = [];
  private readonly queue: (GeminiScript | GeminiHandler)[] = [];
  private handler: GeminiHandler = defaultGeminiHandler;
  private readonly sockets = new Set<import("node:net").Socket>();
  url = "";
  port = 0;

  constructor(private readonly server: Server) {
    server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  /** Scripts for the next calls, in order; after them the handler answers. */
  enqueue(...scripts: (GeminiScript | GeminiHandler)[]): this {
    this.queue.push(...scripts);
    return this;
  }

  setHandler(handler: GeminiHandler): this {
    this.handler = handler;
    return this;
  }

  reset(): void {
    this.calls.length = 0;
    this.queue.length = 0;
    this.handler = defaultGeminiHandler;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/([^/]+)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(url.pathname);
    if (req.method !== "POST" || !match) {
      return sendError(res, 404, `Unknown path ${req.method} ${url.pathname}`);
    }
    const [, apiVersion = "", model = "", method] = match;
    const raw = await readBody(req);
    // biome-ignore lint/suspicious/noExplicitAny: Gemini request JSON
    let body: any;
    try {
      body = JSON.parse(raw || "{}");
    } catch {
      return sendError(res, 400, "Invalid JSON payload received.");
    }
    const apiKey = headerValue(req.headers["x-goog-api-key"]);
    const contents = Array.isArray(body.contents) ? body.contents : [];
    const lastUser = [...contents].reverse().find((c: { role?: string }) => (c.role ?? "user") === "user");
    const call: GeminiCall = {
      method: method as GeminiMethod,
      model,
      apiVersion,
      apiKey,
      headers: req.headers,
      body,
      userText: partsText(lastUser),
      systemText: partsText(body.systemInstruction),
      receivedAt: Date.now(),
    };
    this.calls.push(call);
    if (!apiKey)
      return sendError(res, 403, "Method doesn't allow unregistered callers. Please use an API key.");

    const next = this.queue.shift() ?? this.handler;
    const script = typeof next === "function" ? await next(call) : next;
    if (script.delayMs) await sleep(script.delayMs);
    if (script.drop) {
      req.socket.destroy();
      return;
    }
    if (script.status && script.status >= 400) {
      return sendError(res, script.status, script.errorMessage ?? "Fake Gemini error");
    }
    const fallback = script.text === undefined && script.json === undefined ? defaultGeminiHandler(call) : {};
    const merged: GeminiScript = { ...fallback, ...script };
    const text = merged.json !== undefined ? JSON.stringify(merged.json) : (merged.text ?? "");

    if (method === "generateContent") {
      res.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
      res.end(JSON.stringify(responseJson(text, merged, model, true)));
      return;
    }
    // Streaming: SSE events separated by CRLF CRLF, as Google sends them.
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunks = merged.chunks ?? splitText(text);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && merged.chunkDelayMs) await sleep(merged.chunkDelayMs);
      if (res.destroyed) return;
      const payload = responseJson(chunk, merged, model, i === chunks.length - 1);
      res.write(`data: ${JSON.stringify(payload)}\r\n\r\n`);
    }
    res.end();
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function sendError(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(code, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify({ error: { code, message, status: GOOGLE_STATUS[code] ?? "UNKNOWN" } }));
}

/** Starts the fake on 127.0.0.1 (port 0 = a free port). Use `fake.url` as GEMINI_BASE_URL. */
export async function startFakeGemini(opts: { port?: number; host?: string } = {}): Promise<FakeGemini> {
  let fake: FakeGemini | undefined;
  const server = createServer((req, res) => {
    fake?.handle(req, res).catch((e) => sendError(res, 500, String(e)));
  });
  fake = new FakeGemini(server);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://${host}:${fake.port}`;
  return fake;
}

// Standalone mode: `npx tsx tests/fakes/gemini-server.ts --port 8787`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : 8787;
  const fake = await startFakeGemini({ port });
  const delayArg = process.argv.indexOf("--delay-ms");
  if (delayArg > 0) {
    const delayMs = Number(process.argv[delayArg + 1]);
    fake.setHandler((call) => ({ ...defaultGeminiHandler(call), delayMs }));
  }
  process.stdout.write(
    `fake Gemini listening on ${fake.url} — run the app with GEMINI_API_KEY=fake GEMINI_BASE_URL=${fake.url}\n`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
