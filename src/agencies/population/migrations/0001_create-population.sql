CREATE SCHEMA IF NOT EXISTS population;

CREATE TABLE population.person (
  -- FİN: 7 characters, digits and capital Latin letters except I and O.
  fin text PRIMARY KEY CHECK (fin ~ '^[0-9A-HJ-NP-Z]{7}$'),
  first_name text NOT NULL CHECK (first_name <> ''),
  last_name text NOT NULL CHECK (last_name <> ''),
  patronymic text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL,
  birth_place text NOT NULL,
  citizenship text NOT NULL DEFAULT 'AZE' CHECK (citizenship ~ '^[A-Z]{3}$'),
  death_date date CHECK (death_date >= birth_date)
);
COMMENT ON TABLE population.person IS 'Population register of the Ministry of Internal Affairs: natural persons by FİN, with name, patronymic, sex, date and place of birth, citizenship and date of death (CR-4.1.3, MI-4.1.2).';

CREATE TABLE population.id_card (
  number text PRIMARY KEY CHECK (number ~ '^AZE[0-9]{8}$'),
  fin text NOT NULL REFERENCES population.person (fin),
  issued_on date NOT NULL,
  -- Last day of validity; NULL for a card issued at 55 or older, which does not expire.
  expires_on date CHECK (expires_on > issued_on),
  lost_on date CHECK (lost_on >= issued_on),
  -- Cancelled when the holder's death was registered.
  annulled_on date CHECK (annulled_on >= issued_on)
);
COMMENT ON TABLE population.id_card IS 'Identity cards (şəxsiyyət vəsiqəsi) issued to citizens from 15: number, dates, and loss or annulment. Whether a card is valid or expired is computed from the dates on the day of the question.';
CREATE INDEX id_card_fin_idx ON population.id_card (fin, issued_on);

CREATE TABLE population.residence_registration (
  fin text NOT NULL REFERENCES population.person (fin),
  kind text NOT NULL CHECK (kind IN ('residence', 'stay')),
  region text NOT NULL,
  street text NOT NULL,
  house text NOT NULL,
  apartment text,
  registered_on date NOT NULL,
  deregistered_on date CHECK (deregistered_on >= registered_on),
  -- One registration of a kind per person and day: the history of a person, in order.
  PRIMARY KEY (fin, kind, registered_on)
);
COMMENT ON TABLE population.residence_registration IS 'Registration at the place of residence or of stay, and removal from it (CR-4.1.3). A person has at most one current residence registration.';
CREATE UNIQUE INDEX residence_registration_current_idx ON population.residence_registration (fin)
  WHERE kind = 'residence' AND deregistered_on IS NULL;
