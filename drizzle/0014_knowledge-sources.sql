CREATE TYPE "public"."knowledge_crawl" AS ENUM('page', 'sitemap');--> statement-breakpoint
CREATE TYPE "public"."knowledge_source_status" AS ENUM('pending', 'processing', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."knowledge_source_type" AS ENUM('text', 'file', 'url');--> statement-breakpoint
CREATE TYPE "public"."knowledge_sync" AS ENUM('manual', 'daily', 'weekly');--> statement-breakpoint
CREATE TABLE "knowledge_chunks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "knowledge_chunks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" bigint NOT NULL,
	"pack_id" bigint NOT NULL,
	"organization_id" bigint NOT NULL,
	"generation" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"heading" text,
	"text" text NOT NULL,
	"title" text,
	"url" text,
	"token_estimate" integer NOT NULL,
	"language" "regconfig" DEFAULT 'simple'::regconfig NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector(language, coalesce(heading, '') || ' ' || coalesce(title, '') || ' ' || text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_source_payloads" (
	"source_id" bigint PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_source_payloads_size" CHECK (octet_length("knowledge_source_payloads"."bytes") <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "knowledge_sources" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "knowledge_sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"pack_id" bigint NOT NULL,
	"type" "knowledge_source_type" NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"filename" text,
	"mime" text,
	"crawl" "knowledge_crawl" DEFAULT 'page' NOT NULL,
	"status" "knowledge_source_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"sync" "knowledge_sync" DEFAULT 'manual' NOT NULL,
	"last_synced_at" timestamp with time zone,
	"sync_requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content_hash" text,
	"generation" integer DEFAULT 0 NOT NULL,
	"pack_content" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_sources_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
ALTER TABLE "knowledge_packs" ADD COLUMN "language" text DEFAULT 'english' NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD CONSTRAINT "knowledge_chunks_source_id_knowledge_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."knowledge_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD CONSTRAINT "knowledge_chunks_pack_id_knowledge_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."knowledge_packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_source_payloads" ADD CONSTRAINT "knowledge_source_payloads_source_id_knowledge_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."knowledge_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_sources" ADD CONSTRAINT "knowledge_sources_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_sources" ADD CONSTRAINT "knowledge_sources_pack_id_knowledge_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."knowledge_packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_chunks_search_idx" ON "knowledge_chunks" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "knowledge_chunks_source_idx" ON "knowledge_chunks" USING btree ("source_id","generation","ordinal");--> statement-breakpoint
CREATE INDEX "knowledge_chunks_pack_idx" ON "knowledge_chunks" USING btree ("pack_id");--> statement-breakpoint
CREATE INDEX "knowledge_sources_pack_idx" ON "knowledge_sources" USING btree ("pack_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_sources_pack_content_unique" ON "knowledge_sources" USING btree ("pack_id") WHERE "knowledge_sources"."pack_content";--> statement-breakpoint
CREATE INDEX "knowledge_sources_sync_idx" ON "knowledge_sources" USING btree ("sync","last_synced_at");