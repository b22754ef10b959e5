CREATE SCHEMA IF NOT EXISTS demo;

CREATE TABLE demo.seed_run (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seed text NOT NULL,
  persons integer NOT NULL CHECK (persons >= 0),
  as_of date NOT NULL,
  seeded_at timestamptz NOT NULL
);
COMMENT ON TABLE demo.seed_run IS 'How the synthetic population of this database was made: seed, size and reference date. One row: a database is seeded once, when empty.';

CREATE TABLE demo.showcase_person (
  position smallint PRIMARY KEY CHECK (position >= 0),
  fin text NOT NULL UNIQUE CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$')
);
COMMENT ON TABLE demo.showcase_person IS 'The people the demo offers to log in as (GET /api/demo/persons), in a stable order: the living members of the showcase families the generator makes first. Their data is read through the population and civil-registry interfaces, never copied here.';
