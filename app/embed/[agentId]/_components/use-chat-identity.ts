"use client";

import { type Dispatch, type RefObject, type SetStateAction, useCallback, useEffect, useState } from "react";
import { type ResumedMessage, resume, storedSecret, storeSecret } from "./chat-conversation";
import { type IdentityMode, openUserConversation } from "./chat-identity";
import type { Message } from "./chat-widget";
import { identityExpected, useIdentity } from "./use-identity";

// Which conversation the widget opens: an anonymous visitor's from this browser's resume
// secret, a verified user's latest from any device (and their history on request).
export function useChatIdentity(opts: {
  agentId: string;
  identityMode: IdentityMode;
  session: RefObject<{ token: string; expiresAt: number }>;
  conversationId: RefObject<string | undefined>;
  nextId: RefObject<number>;
  welcome: Message[];
  setMessages: Dispatch<SetStateAction<Message[]>>;
  setResumed: Dispatch<SetStateAction<boolean>>;
  refresh: () => void;
}) {
  const { agentId, identityMode, session, refresh } = opts;
  const { conversationId, nextId, welcome, setMessages, setResumed } = opts;
  const restore = useCallback(
    (id: string, list: ResumedMessage[]) => {
      conversationId.current = id;
      const restored = list.map((m, i) => ({
        id: i + 1,
        role: m.role,
        text: m.content,
        messageId: m.id,
        rating: m.feedback?.rating ?? null,
        comment: m.feedback?.comment ?? null,
      }));
      nextId.current = restored.length + 1;
      if (restored.length) setMessages(restored);
      setResumed(true);
    },
    [conversationId, nextId, setMessages, setResumed],
  );

  // After a reload: the secret this iframe kept reopens the conversation, with a session for
  // its visitor. A secret that opens nothing (erased, expired) is forgotten.
  const resumeAnonymous = useCallback(() => {
    const secret = storedSecret(agentId);
    if (!secret || !session.current.token) return;
    void resume(session.current.token, secret).then((r) => {
      if (!r.ok) {
        if (r.gone) storeSecret(agentId, null);
        return;
      }
      session.current = { token: r.token, expiresAt: r.expires_at };
      restore(r.conversation_id, r.messages);
    });
  }, [agentId, restore, session]);
  useEffect(() => {
    if (identityMode === "off" || !identityExpected()) resumeAnonymous();
  }, [identityMode, resumeAnonymous]);

  // A verified user: their latest conversation from any device (their history lists the rest).
  const [historyVersion, setHistoryVersion] = useState(0);
  const openConversation = useCallback(
    async (id?: string) => {
      const r = await openUserConversation(session.current.token, id);
      conversationId.current = undefined;
      setMessages(welcome);
      setResumed(false);
      if (r) restore(r.conversation_id, r.messages);
    },
    [restore, welcome, session, conversationId, setMessages, setResumed],
  );
  const identity = useIdentity({
    agentId,
    mode: identityMode,
    session,
    onVerified: () => {
      void openConversation();
      setHistoryVersion((v) => v + 1);
    },
    onAnonymous: resumeAnonymous,
    onLogout: () => {
      session.current = { token: "", expiresAt: 0 };
      conversationId.current = undefined;
      setMessages(welcome);
      setResumed(false);
      refresh();
    },
  });
  const signInRequired = identityMode === "required" && !identity.user;
  return { identity, signInRequired, openConversation, historyVersion };
}
