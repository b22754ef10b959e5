CREATE SCHEMA IF NOT EXISTS queue;

CREATE TABLE queue.job (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'dead')),
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts > 0),
  locked_until timestamptz,
  last_error text,
  dedupe_key text,
  result jsonb,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
COMMENT ON TABLE queue.job IS 'Background jobs (transactional outbox): retries with backoff, schedules, notifications, asynchronous exchange delivery. Claimed with FOR UPDATE SKIP LOCKED; a crashed worker''s lease expires and the job runs again.';

CREATE INDEX job_due_idx ON queue.job (run_at) WHERE status = 'pending';
CREATE INDEX job_lease_idx ON queue.job (locked_until) WHERE status = 'running';
-- One live job per deduplication key: enqueueing the same work twice is a no-op.
CREATE UNIQUE INDEX job_dedupe_idx ON queue.job (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running');
