-- Audit chain heads move only through these two functions (issue 15, finding 2). They run with the
-- rights of their owner (the migration role), so the runtime role needs no UPDATE on audit_heads:
-- `npm run db:roles` grants it SELECT on the heads and EXECUTE on these functions, nothing more.
CREATE OR REPLACE FUNCTION fulcrum_audit_head_lock(p_chain text)
RETURNS TABLE(chain text, seq integer, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_heads AS h (chain, seq, hash) VALUES (p_chain, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
  RETURN QUERY SELECT h.chain, h.seq, h.hash FROM audit_heads h WHERE h.chain = p_chain FOR UPDATE;
END;
$$;
--> statement-breakpoint
-- A head may only move forward, and only onto an event that is there with that sequence and hash.
CREATE OR REPLACE FUNCTION fulcrum_audit_head_advance(p_chain text, p_seq integer, p_hash text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  current_seq integer;
BEGIN
  SELECT h.seq INTO current_seq FROM audit_heads h WHERE h.chain = p_chain FOR UPDATE;
  IF current_seq IS NULL THEN
    RAISE EXCEPTION 'audit chain % has no head', p_chain USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_seq <= current_seq THEN
    RAISE EXCEPTION 'audit head of % may only move forward (% to %)', p_chain, current_seq, p_seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.chain = p_chain AND e.seq = p_seq AND e.hash = p_hash) THEN
    RAISE EXCEPTION 'audit head of % must name an existing event', p_chain USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE audit_heads SET seq = p_seq, hash = p_hash WHERE audit_heads.chain = p_chain;
END;
$$;
