// The public knowledge pack object. Internal ids never appear here.
export type KnowledgePackSummaryRow = {
  publicId: string;
  name: string;
  description: string | null;
  language: string;
  contentBytes: number;
  createdAt: Date;
  updatedAt: Date;
  agentCount?: number;
  content?: string;
};

export function toKnowledgePackResource(row: KnowledgePackSummaryRow) {
  return {
    object: "knowledge_pack" as const,
    id: row.publicId,
    name: row.name,
    description: row.description,
    language: row.language,
    content_bytes: row.contentBytes,
    ...(row.agentCount !== undefined ? { agent_count: row.agentCount } : {}),
    ...(row.content !== undefined ? { content: row.content } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
