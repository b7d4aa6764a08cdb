"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DisplayWidgetConfig } from "@/lib/widget/display-config";
import { AnswerFeedback } from "./answer-feedback";
import { type AnswerSource, AnswerSources } from "./answer-sources";
import { noticeFor, playChime, postMessage } from "./chat-client";
import { startNew, storeSecret } from "./chat-conversation";
import type { IdentityMode } from "./chat-identity";
import { useChatIdentity } from "./use-chat-identity";
import { useSessionRefresh } from "./use-session-refresh";
import { UserHistory } from "./user-history";

// The chat UI inside the iframe. Every piece of admin- or visitor-supplied text is rendered
// as a React text node: nothing here uses innerHTML.
export type Message = {
  id: number;
  role: "user" | "assistant";
  text: string;
  messageId?: string;
  rating?: "up" | "down" | null;
  comment?: string | null;
  sources?: AnswerSource[];
};

type Props = {
  agentId: string;
  name: string;
  personaName: string;
  config: DisplayWidgetConfig;
  initialToken: string;
  initialExpiresAt: number;
  identityMode: IdentityMode;
};

export function ChatWidget(props: Props) {
  const { agentId, name, personaName, config, initialToken, initialExpiresAt, identityMode } = props;
  const welcome: Message[] = config.welcome_message
    ? [{ id: 0, role: "assistant", text: config.welcome_message }]
    : [];
  const [messages, setMessages] = useState<Message[]>(welcome);
  const [resumed, setResumed] = useState(false);
  const [input, setInput] = useState("");
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Set once hydrated: before that, Enter would submit a plain form.
  const [ready, setReady] = useState(false);
  const router = useRouter();
  const session = useRef({ token: initialToken, expiresAt: initialExpiresAt });
  const conversationId = useRef<string | undefined>(undefined);
  const nextId = useRef(1);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => {
    if (window.parent !== window) window.parent.postMessage({ type: "youragent:close" }, "*");
  }, []);

  // Esc closes (the loader returns focus to its launcher); the loader asks us to take focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    const onMessage = (e: MessageEvent) => {
      if (e.source === window.parent && e.data?.type === "youragent:focus") inputRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("message", onMessage);
    inputRef.current?.focus();
    setReady(true);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("message", onMessage);
    };
  }, [close]);

  // A re-render of the page (router.refresh) mints a new token on the server: adopt it.
  const [sessionVersion, setSessionVersion] = useState(0);
  useEffect(() => {
    if (session.current.token === initialToken) return;
    session.current = { token: initialToken, expiresAt: initialExpiresAt };
    setSessionVersion((v) => v + 1);
  }, [initialToken, initialExpiresAt]);

  useSessionRefresh(session, router);

  const { identity, signInRequired, openConversation, historyVersion } = useChatIdentity({
    agentId,
    identityMode,
    session,
    conversationId,
    nextId,
    welcome,
    setMessages,
    setResumed,
    refresh: router.refresh,
  });

  async function newConversation() {
    const started = await startNew(session.current.token);
    if (!started) return setNotice("Couldn't start a new conversation. Please try again.");
    conversationId.current = started.conversation_id;
    if (!identity.user) storeSecret(agentId, started.resume_secret);
    setMessages(welcome);
    setResumed(false);
    setNotice(null);
    inputRef.current?.focus();
  }

  useEffect(() => {
    const el = logRef.current;
    if (el && messages.length) el.scrollTop = el.scrollHeight;
  }, [messages]);

  async function send(text: string) {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    setWaiting(true);
    setNotice(null);
    setInput("");
    const replyId = nextId.current + 1;
    nextId.current += 2;
    setMessages((m) => [...m, { id: replyId - 1, role: "user", text: message }]);
    let started = false;
    try {
      const result = await postMessage({
        token: session.current.token,
        agentId,
        message,
        conversationId: conversationId.current,
        onConversation: (id, secret) => {
          conversationId.current = id;
          // A verified user's conversations follow the user, not this browser's storage.
          if (secret && !identity.user) storeSecret(agentId, secret);
        },
        onDone: (messageId) => {
          setMessages((m) => m.map((x) => (x.id === replyId ? { ...x, messageId } : x)));
        },
        onSources: (sources) => setMessages((m) => m.map((x) => (x.id === replyId ? { ...x, sources } : x))),
        onDelta: (delta) => {
          setWaiting(false);
          if (!started) {
            started = true;
            setMessages((m) => [...m, { id: replyId, role: "assistant", text: delta }]);
          } else {
            setMessages((m) => m.map((x) => (x.id === replyId ? { ...x, text: x.text + delta } : x)));
          }
        },
      });
      if (!result.ok) {
        setNotice(noticeFor(result));
        // Refused before any reply (rate limit, no model, expired): give the text back to retry.
        if (!started) {
          setMessages((m) => m.filter((x) => x.id !== replyId - 1));
          setInput(message);
        }
        // An expired session: get a fresh one from the server; the visitor sends again.
        if (result.status === 401) router.refresh();
      } else if (config.sound_enabled) playChime();
    } catch {
      setNotice("We couldn't reach the assistant. Check your connection and try again.");
    } finally {
      setBusy(false);
      setWaiting(false);
      inputRef.current?.focus();
    }
  }

  const showQuickReplies =
    config.quick_replies && config.quick_reply_options.length > 0 && !messages.some((m) => m.role === "user");
  const style = config.primary_color
    ? ({ "--ya-primary": config.primary_color } as React.CSSProperties)
    : undefined;

  return (
    <div
      className={`ya-chat ya-theme-${config.theme}${config.theme === "dark" ? " ya-dark" : ""}`}
      data-ready={ready ? "true" : undefined}
      data-session-version={sessionVersion}
      data-resumed={resumed ? "true" : undefined}
      data-user={identity.user ? "verified" : undefined}
      style={style}
    >
      <header className="ya-header">
        <div className="ya-header-text">
          <h1 className="ya-title">{name}</h1>
          <p className="ya-subtitle">{personaName}</p>
        </div>
        <button type="button" className="ya-new" onClick={() => void newConversation()} disabled={busy}>
          New conversation
        </button>
        <button type="button" className="ya-close" aria-label="Close chat" onClick={close}>
          ×
        </button>
      </header>
      <div ref={logRef} className="ya-log" role="log" aria-live="polite" aria-label="Conversation">
        {messages.map((m) => (
          <div key={m.id} className={`ya-msg ya-msg-${m.role}`} data-role={m.role}>
            <span className="ya-sr">{m.role === "user" ? "You: " : `${name}: `}</span>
            {m.text}
            {m.sources ? <AnswerSources sources={m.sources} /> : null}
            {m.role === "assistant" && m.messageId ? (
              <AnswerFeedback
                messageId={m.messageId}
                initial={m.rating ?? null}
                initialComment={m.comment}
                token={() => session.current.token}
              />
            ) : null}
          </div>
        ))}
        {waiting && config.typing_indicator ? (
          <div className="ya-typing" role="status" aria-label={`${name} is typing`}>
            <span />
            <span />
            <span />
          </div>
        ) : null}
      </div>
      {identity.user ? (
        <UserHistory
          token={() => session.current.token}
          version={historyVersion}
          onOpen={(id) => void openConversation(id)}
        />
      ) : null}
      {signInRequired ? (
        <p className="ya-notice" role="status">
          Sign in on this site to chat.
        </p>
      ) : null}
      {showQuickReplies && !signInRequired ? (
        <fieldset className="ya-quick" aria-label="Suggested questions">
          {config.quick_reply_options.map((q) => (
            <button key={q} type="button" onClick={() => void send(q)} disabled={busy}>
              {q}
            </button>
          ))}
        </fieldset>
      ) : null}
      {notice ? (
        <p className="ya-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <form
        className="ya-form"
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault();
          void send(input);
        }}
      >
        <label htmlFor="ya-input" className="ya-sr">
          Your message
        </label>
        <textarea
          id="ya-input"
          ref={inputRef}
          className="ya-input"
          rows={1}
          maxLength={4000}
          disabled={signInRequired}
          placeholder="Type your message…"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void send(input);
            }
          }}
        />
        <button type="submit" className="ya-send" disabled={busy || signInRequired || !input.trim()}>
          Send
        </button>
      </form>
      {config.branding ? (
        <p className="ya-branding">
          Powered by{" "}
          <a href="https://youragent.dev" target="_blank" rel="noopener noreferrer">
            YourAgent
          </a>
        </p>
      ) : null}
    </div>
  );
}
