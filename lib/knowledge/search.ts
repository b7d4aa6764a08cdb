import { db } from "@/db";
import { findPackIdByPublicId } from "@/db/queries/knowledge-sources";
import { AppError } from "@/lib/errors";
import { MESSAGES } from "@/lib/messages";
import { isPublicId } from "@/lib/validations/public-id";
import { defaultRetriever } from "./retrieval/postgres";
import type { Passage, Retriever } from "./retrieval/types";

/** The passages an agent on this pack would be given for `q` (API search, dashboard "try it"). */
export async function searchKnowledgePack(
  organizationId: number,
  packPublicId: string,
  query: { q: string; limit: number },
  retriever: Retriever = defaultRetriever,
): Promise<Passage[]> {
  if (!isPublicId(packPublicId)) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
  const pack = await findPackIdByPublicId(db, organizationId, packPublicId.toLowerCase());
  if (!pack) throw new AppError("not_found", MESSAGES.knowledgePackNotFound);
  return retriever.retrieve({ packId: pack.id, question: query.q, limit: query.limit });
}
