-- Asynchronous calls and signed batches (EHIS-004-4.4, issue 3 item 8): what 0001 left open.

-- result holds {"answer": "<gateway-signed compact JWS>"} once delivered, {"problem": {...}} once
-- failed or dead; a queued call has none.
ALTER TABLE exchange.async_call
  ADD CONSTRAINT async_call_client_check CHECK (client ~ '^[a-z0-9-]+/[a-z0-9-]+$'),
  ADD CONSTRAINT async_call_attempts_check CHECK (attempts >= 0),
  ADD CONSTRAINT async_call_result_check CHECK (
    CASE status
      WHEN 'queued' THEN result IS NULL AND finished_at IS NULL
      WHEN 'delivered' THEN result ? 'answer' AND finished_at IS NOT NULL
      ELSE result ? 'problem' AND finished_at IS NOT NULL
    END
  );
COMMENT ON COLUMN exchange.async_call.envelope IS 'The client''s signed request (compact JWS) exactly as accepted; delivery re-checks it.';
COMMENT ON COLUMN exchange.async_call.result IS '{"answer": gateway-signed JWS} when delivered; {"problem": {type, status, params, errors}} when failed or dead.';
COMMENT ON COLUMN exchange.async_call.last_error IS 'Problem type of the last failed delivery attempt (the provider''s side), while retries go on.';

-- The same content may be imported once per client and service; a rejected batch may be sent
-- again once corrected (or unchanged after its service's contract changed).
ALTER TABLE exchange.batch_import DROP CONSTRAINT batch_import_client_content_hash_key;
CREATE UNIQUE INDEX batch_import_once_idx ON exchange.batch_import (client, service, content_hash)
  WHERE status = 'imported';
CREATE INDEX batch_import_client_idx ON exchange.batch_import (client, created_at);

ALTER TABLE exchange.batch_import
  ADD COLUMN purpose text NOT NULL,
  ADD COLUMN signer_fin text NOT NULL CHECK (signer_fin ~ '^[0-9A-Z]{7}$'),
  ADD COLUMN signer_serial text NOT NULL,
  ADD COLUMN signature text NOT NULL,
  ADD CONSTRAINT batch_import_rows_check CHECK (rows_total >= 0),
  ADD CONSTRAINT batch_import_errors_check CHECK ((status = 'rejected') = (jsonb_array_length(errors) > 0));
COMMENT ON COLUMN exchange.batch_import.signer IS 'Subject of the staff e-signature certificate that signed the content.';
COMMENT ON COLUMN exchange.batch_import.signature IS 'The detached JWS (RFC 7515 Appendix F) over the content, kept as evidence of the enhanced e-signature.';
COMMENT ON COLUMN exchange.batch_import.errors IS 'Rejected batches: every invalid row with its index, CSV line and JSON pointers.';
