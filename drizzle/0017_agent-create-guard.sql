-- Hand-written: what the one-statement agent create (db/queries/agents.ts) calls when its guard
-- refuses (plan limit reached, model not on the plan, pack of another org, key already used).
-- Raising fails the whole statement, so none of its inserts is written; the application reads
-- the SQLSTATE and then looks up which rule said no. VOLATILE (the default): never folded away.
CREATE OR REPLACE FUNCTION agent_create_refused() RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'agent create refused by its guard' USING ERRCODE = 'YA001';
END
$$;
