import type { SnippetPart } from "./snippet";

// UI types of the dashboard's conversations pages (app/ imports these, never db/).

export type InboxRow = {
  id: string;
  agent: { id: string; name: string };
  visitorId: string;
  user: { id: string; name: string | null; email: string | null } | null;
  startedAt: Date;
  lastMessageAt: Date;
  messageCount: number;
  up: number;
  down: number;
  snippet: SnippetPart[] | null;
};

export type AgentChoice = { id: string; name: string };

export type InboxSearch = {
  agent?: string;
  from?: string;
  to?: string;
  rating?: "up" | "down" | "none";
  /** A verified user's id (the site's `sub`): every device's conversations of that user. */
  user?: string;
  q?: string;
  cursor?: string;
};

export type { AgentDay } from "@/db/queries/conversation-inbox";
export type { ConversationResource, MessageResource } from "./serialize";
