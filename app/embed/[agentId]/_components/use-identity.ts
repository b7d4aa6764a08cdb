"use client";

import { type RefObject, useEffect, useRef, useState } from "react";
import {
  exchangeIdentity,
  type IdentityMode,
  parseIdentityMessage,
  type VerifiedUser,
} from "./chat-identity";

type Session = { token: string; expiresAt: number };

/** The loader marks the frame URL's fragment when it holds a token: the chat waits for it. */
export function identityExpected(): boolean {
  return window.location.hash === "#identity";
}

/**
 * Listens to the parent window (only it, only the expected shape) for the site's identity
 * token and exchanges it for a session bound to that user. `onVerified` opens the user's
 * history; `onAnonymous` runs when no token comes (or it fails where identity is optional);
 * `onLogout` drops the user's session.
 */
export function useIdentity(opts: {
  agentId: string;
  mode: IdentityMode;
  session: RefObject<Session>;
  onVerified: () => void;
  onAnonymous: () => void;
  onLogout: () => void;
}) {
  const [user, setUser] = useState<VerifiedUser | null>(null);
  const [failed, setFailed] = useState(false);
  const handlers = useRef(opts);
  handlers.current = opts;

  useEffect(() => {
    const { agentId, mode, session } = handlers.current;
    if (mode === "off") return;
    let last: string | null = null;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent || window.parent === window) return;
      const msg = parseIdentityMessage(e.data);
      if (!msg) return;
      if (msg === "logout") {
        last = null;
        setUser(null);
        handlers.current.onLogout();
        return;
      }
      if (msg.token === null) {
        if (last === null) handlers.current.onAnonymous();
        return;
      }
      if (msg.token === last) return;
      last = msg.token;
      void exchangeIdentity(agentId, msg.token, session.current.token).then((r) => {
        if (!r?.user) {
          setFailed(true);
          handlers.current.onAnonymous();
          return;
        }
        session.current = { token: r.token, expiresAt: r.expires_at };
        setFailed(false);
        setUser(r.user);
        handlers.current.onVerified();
      });
    };
    window.addEventListener("message", onMessage);
    // Ask the loader for the token now that we can hear it (a ping: it carries nothing).
    if (window.parent !== window) window.parent.postMessage({ type: "youragent:ready" }, "*");
    return () => window.removeEventListener("message", onMessage);
  }, []);

  return { user, failed };
}
