ALTER TABLE "agents" ADD COLUMN "api_doc_head" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "api_doc_tail" text;--> statement-breakpoint
ALTER TABLE "knowledge_packs" ADD COLUMN "api_ref" text;--> statement-breakpoint
ALTER TABLE "personas" ADD COLUMN "api_doc" text;--> statement-breakpoint
-- Hand-written below: the API's agent object (API.md, toAgentResource's shape and key order) kept
-- as JSON text beside the row it is made of, so a list page concatenates stored text instead of
-- formatting about twenty values per agent (db/queries/agent-api-read.ts). Each piece is written
-- by a BEFORE trigger on its own table from that row alone, so no write anywhere can leave one
-- stale: the agent's text around its persona and pack, the persona's member, the pack's member
-- (a pack rename changes only the pack's row; every agent's object picks it up at read time).
-- to_json escapes each text value exactly as JSON.stringify does; uuids, enums, numbers and
-- booleans need no escaping; the jsonb columns keep Postgres's own text form. Timestamps: the
-- form Date#toISOString gives (UTC, milliseconds truncated, "Z"); `at time zone interval '0'`
-- shifts by a fixed offset and to_char reads no session setting for these patterns.
CREATE OR REPLACE FUNCTION api_iso_time(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE INTERVAL '0', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION agent_api_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.api_doc_head := '{"object":"agent","id":"' || NEW.public_id::text
    || '","name":' || to_json(NEW.name)::text
    || ',"description":' || coalesce(to_json(NEW.description)::text, 'null')
    || ',"industry":' || coalesce(to_json(NEW.industry)::text, 'null')
    || ',"persona":';
  NEW.api_doc_tail := ',"system_prompt":' || to_json(NEW.system_prompt)::text
    || ',"optimized_system_prompt":' || coalesce(to_json(NEW.optimized_system_prompt)::text, 'null')
    || ',"use_optimized_prompt":' || NEW.use_optimized_prompt::text
    || ',"prompt_version":' || NEW.prompt_version::text
    || ',"optimization":{"status":"' || NEW.optimization_status::text
    || '","error":' || coalesce(to_json(NEW.optimization_error)::text, 'null')
    || ',"rationale":' || coalesce(to_json(NEW.optimization_rationale)::text, 'null')
    || ',"updated_at":"' || api_iso_time(coalesce(NEW.optimization_updated_at, NEW.updated_at))
    || '"},"optimization_pending":' || (NEW.optimization_status IN ('pending', 'running'))::text
    || ',"widget_config":' || NEW.widget_config::text
    || ',"config":' || NEW.config::text
    || ',"allowed_origins":' || to_json(NEW.allowed_origins)::text
    || ',"identity_verification":"' || NEW.identity_verification::text
    || '","status":"' || NEW.status::text
    || '","created_at":"' || api_iso_time(NEW.created_at)
    || '","updated_at":"' || api_iso_time(NEW.updated_at) || '"}';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION persona_api_doc() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.api_doc := '{"key":' || to_json(NEW.key)::text || ',"name":' || to_json(NEW.name)::text
    || ',"description":' || to_json(NEW.description)::text || '}';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_pack_api_ref() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.api_ref := '{"id":"' || NEW.public_id::text || '","name":' || to_json(NEW.name)::text || '}';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agents_api_doc BEFORE INSERT OR UPDATE ON agents
  FOR EACH ROW EXECUTE FUNCTION agent_api_doc();
--> statement-breakpoint
CREATE TRIGGER personas_api_doc BEFORE INSERT OR UPDATE ON personas
  FOR EACH ROW EXECUTE FUNCTION persona_api_doc();
--> statement-breakpoint
CREATE TRIGGER knowledge_packs_api_ref BEFORE INSERT OR UPDATE ON knowledge_packs
  FOR EACH ROW EXECUTE FUNCTION knowledge_pack_api_ref();
--> statement-breakpoint
-- Existing rows: an update runs each trigger once.
UPDATE personas SET api_doc = NULL;
--> statement-breakpoint
UPDATE knowledge_packs SET api_ref = NULL;
--> statement-breakpoint
UPDATE agents SET api_doc_head = NULL;
