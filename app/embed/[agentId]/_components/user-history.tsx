"use client";

import { useEffect, useRef, useState } from "react";
import { type HistoryEntry, listHistory } from "./chat-identity";

// A verified user's earlier conversations (from any device); opening one continues it here.
export function UserHistory(props: { token: () => string; version: number; onOpen: (id: string) => void }) {
  const { token, version, onOpen } = props;
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  // The getter changes every render; the list reloads only when `version` does.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  useEffect(() => {
    if (version > 0) void listHistory(tokenRef.current()).then(setEntries);
  }, [version]);
  if (entries.length < 2) return null;
  return (
    <details className="ya-history">
      <summary>Earlier conversations</summary>
      <ul>
        {entries.map((e) => (
          <li key={e.conversation_id}>
            <button
              type="button"
              data-conversation={e.conversation_id}
              onClick={() => onOpen(e.conversation_id)}
            >
              {e.preview ?? "Conversation"} · {new Date(e.last_message_at).toLocaleDateString()}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
