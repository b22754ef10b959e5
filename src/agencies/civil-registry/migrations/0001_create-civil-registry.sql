CREATE SCHEMA IF NOT EXISTS civil_registry;

-- Civil-status records (akt qeydləri) are numbered per registry office and year: the number,
-- the date and the office identify a record (CR-4.1.2, CR-4.1.5). People are referred to by FİN
-- only: the population register belongs to another agency and is not joined.

CREATE TABLE civil_registry.birth_record (
  child_fin text PRIMARY KEY CHECK (child_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  record_number integer NOT NULL CHECK (record_number > 0),
  registered_on date NOT NULL,
  registry_region text NOT NULL,
  record_year smallint GENERATED ALWAYS AS (extract(year FROM registered_on)) STORED,
  first_name text NOT NULL CHECK (first_name <> ''),
  last_name text NOT NULL CHECK (last_name <> ''),
  patronymic text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL CHECK (birth_date <= registered_on),
  birth_place text NOT NULL,
  mother_fin text CHECK (mother_fin ~ '^[0-9A-HJ-NP-Z]{7}$' AND mother_fin <> child_fin),
  -- NULL when paternity is not established.
  father_fin text CHECK (father_fin ~ '^[0-9A-HJ-NP-Z]{7}$' AND father_fin <> child_fin),
  CHECK (mother_fin IS DISTINCT FROM father_fin OR mother_fin IS NULL),
  UNIQUE (registry_region, record_year, record_number)
);
COMMENT ON TABLE civil_registry.birth_record IS 'Birth records of the Ministry of Justice: the child as registered and the FİNs of the mother and the father (CR-4.1.1, CR-4.1.3, CR-4.1.4).';
CREATE INDEX birth_record_mother_idx ON civil_registry.birth_record (mother_fin) WHERE mother_fin IS NOT NULL;
CREATE INDEX birth_record_father_idx ON civil_registry.birth_record (father_fin) WHERE father_fin IS NOT NULL;

CREATE TABLE civil_registry.marriage (
  record_number integer NOT NULL CHECK (record_number > 0),
  registered_on date NOT NULL,
  registry_region text NOT NULL,
  record_year smallint GENERATED ALWAYS AS (extract(year FROM registered_on)) STORED,
  husband_fin text NOT NULL CHECK (husband_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  wife_fin text NOT NULL CHECK (wife_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  dissolution_record_number integer CHECK (dissolution_record_number > 0),
  dissolved_on date CHECK (dissolved_on >= registered_on),
  dissolution_region text,
  CHECK (husband_fin <> wife_fin),
  -- A divorce record is complete or absent.
  CHECK (
    (dissolution_record_number IS NULL AND dissolved_on IS NULL AND dissolution_region IS NULL)
    OR (dissolution_record_number IS NOT NULL AND dissolved_on IS NOT NULL AND dissolution_region IS NOT NULL)
  ),
  -- The record's number, year and office identify a marriage.
  PRIMARY KEY (registry_region, record_year, record_number)
);
COMMENT ON TABLE civil_registry.marriage IS 'Marriage records and, when a marriage was dissolved, the divorce record: office, number and date of each (CR-4.1.5). A marriage ended by death keeps no dissolution; the death record says it.';
CREATE INDEX marriage_husband_idx ON civil_registry.marriage (husband_fin);
CREATE INDEX marriage_wife_idx ON civil_registry.marriage (wife_fin);

CREATE TABLE civil_registry.death_record (
  fin text PRIMARY KEY CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  record_number integer NOT NULL CHECK (record_number > 0),
  registered_on date NOT NULL,
  registry_region text NOT NULL,
  record_year smallint GENERATED ALWAYS AS (extract(year FROM registered_on)) STORED,
  died_on date NOT NULL CHECK (died_on <= registered_on),
  place_of_death text NOT NULL,
  UNIQUE (registry_region, record_year, record_number)
);
COMMENT ON TABLE civil_registry.death_record IS 'Death records: number, date and office of the record and the date and place of death (CR-4.1.2, CR-4.1.3).';

CREATE TABLE civil_registry.guardianship (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('guardianship', 'curatorship')),
  basis text NOT NULL CHECK (basis IN ('minor-without-parental-care', 'adult-declared-incapable')),
  guardian_fin text NOT NULL CHECK (guardian_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  ward_fin text NOT NULL CHECK (ward_fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  decided_by text NOT NULL,
  decision_number text NOT NULL,
  decision_date date NOT NULL,
  valid_from date NOT NULL CHECK (valid_from >= decision_date),
  -- The first day it no longer applies; NULL while open-ended (an adult declared incapable).
  valid_until date CHECK (valid_until > valid_from),
  CHECK (guardian_fin <> ward_fin),
  -- Curatorship is for minors of 14 to 18; an incapable adult is under guardianship.
  CHECK (kind = 'guardianship' OR basis = 'minor-without-parental-care'),
  -- A minor's guardianship ends at 14 or 18 at the latest: it always has an end.
  CHECK (basis <> 'minor-without-parental-care' OR valid_until IS NOT NULL)
);
COMMENT ON TABLE civil_registry.guardianship IS 'Guardianship (qəyyumluq) and curatorship (himayə): who represents whom, on what basis (a minor without parental care, an adult declared incapable by a court), by whose decision, from when until when (CR-4.1.9, IAM-000-1.8b).';
CREATE INDEX guardianship_guardian_idx ON civil_registry.guardianship (guardian_fin);
CREATE INDEX guardianship_ward_idx ON civil_registry.guardianship (ward_fin);
