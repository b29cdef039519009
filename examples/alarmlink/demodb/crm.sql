-- Alarmlink demo CRM: customers, inquiries, orders, invoices, newsletter subscribers, user
-- accounts, payments, web sessions and a few tables the declaration does not know, with a
-- few realistic gaps. Every person, number and address is invented; national identity
-- numbers are synthetic with valid control digits. Timestamps are relative to now().
CREATE TABLE customers (
  id serial PRIMARY KEY,
  full_name text,
  email text,
  phone text,
  fnr text,
  kjonn text,
  adresse text,
  postnr text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE customers IS 'Kunder med aktiv avtale';
COMMENT ON COLUMN customers.fnr IS 'Fødselsnummer for kredittsjekk';
INSERT INTO customers (full_name, email, phone, fnr, kjonn, adresse, postnr, created_at) VALUES
 ('Testesen Alfa', 'alfa.testesen@example.invalid', '+47 912 34 567', '11036533341', 'K', 'Fiktivveien 1', '0150', now() - interval '3 years'),
 ('Prøvesen Beta', 'beta.provesen@example.invalid', '+4790000001', '02029227481', 'M', 'Oppdiktet gate 2', '5003', now() - interval '2 years'),
 ('Dummy Gamma', 'gamma@example.invalid', '41 00 00 02', '04067746509', 'K', 'Lureveien 3', '7010', now() - interval '400 days'),
 ('Fiktiv Delta', 'delta@example.invalid', '+46 70 123 45 67', '17044204495', 'M', 'Tenkt vei 4', '9008', now() - interval '20 days'),
 ('Oppdikt Epsilon', 'eps@example.invalid', '93000003', '58115105297', 'K', 'Fantasigata 5', '4006', now() - interval '2 days');

CREATE TABLE inquiries (
  id serial PRIMARY KEY,
  customer_id int REFERENCES customers(id) ON DELETE SET NULL,
  full_name text,
  email text,
  phone text,
  message text,
  created_at timestamptz NOT NULL
);
CREATE INDEX inquiries_created_at ON inquiries (created_at);
INSERT INTO inquiries (customer_id, full_name, email, phone, message, created_at) VALUES
 -- planted: five old inquiries from non-customers, neither exempt nor erased
 (NULL, 'Gammel Én', 'en@example.invalid', '91000001', 'Ønsker tilbud på boligalarm', now() - interval '500 days'),
 (NULL, 'Gammel To', 'to@example.invalid', '91000002', 'Befaring hytte', now() - interval '450 days'),
 (NULL, 'Gammel Tre', 'tre@example.invalid', '91000003', 'Pris på kamera', now() - interval '400 days'),
 (NULL, NULL, 'fire@example.invalid', NULL, 'Spørsmål om avtale', now() - interval '380 days'),
 (NULL, 'Gammel Fem', NULL, '91000005', 'Ring meg', now() - interval '370 days'),
 -- clean: old but from customers (exempt)
 (1, 'Kunde Én', 'k1@example.invalid', '92000001', 'Service', now() - interval '600 days'),
 (2, 'Kunde To', 'k2@example.invalid', '92000002', 'Flytting', now() - interval '500 days'),
 (3, 'Kunde Tre', 'k3@example.invalid', '92000003', 'Oppgradering', now() - interval '420 days'),
 -- clean: old and anonymised (erased)
 (NULL, NULL, NULL, '91000009', 'Anonymisert', now() - interval '700 days'),
 (NULL, NULL, NULL, NULL, 'Anonymisert', now() - interval '800 days'),
 -- clean: recent
 (NULL, 'Ny Én', 'ny1@example.invalid', '94000001', 'Tilbud', now() - interval '10 days'),
 (NULL, 'Ny To', 'ny2@example.invalid', '94000002', 'Tilbud', now() - interval '100 days'),
 (NULL, 'Ny Tre', 'ny3@example.invalid', '94000003', 'Tilbud', now() - interval '200 days'),
 (NULL, 'Ny Fire', 'ny4@example.invalid', '94000004', 'Tilbud', now() - interval '300 days');

CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  product text NOT NULL,
  amount numeric(10,2) NOT NULL,
  created_at timestamptz NOT NULL
);
INSERT INTO orders (customer_id, product, amount, created_at)
SELECT 1 + (g % 5), 'Boligalarm ' || g, 1990 + g, now() - g * interval '30 days' FROM generate_series(1, 20) g;

CREATE TABLE invoices (
  id serial PRIMARY KEY,
  order_id int NOT NULL REFERENCES orders(id) ON DELETE RESTRICT,
  kid text NOT NULL,
  card_masked text,
  amount numeric(10,2) NOT NULL,
  issued_at date NOT NULL
);
-- clean: KID numbers (Luhn-valid, card-like prefixes) and masked cards
INSERT INTO invoices (order_id, kid, card_masked, amount, issued_at) VALUES
 (1, '4712768426846567', '**** **** **** 2314', 1991, current_date - 30),
 (2, '4321223307924409', '437865******2314', 1992, current_date - 60),
 (3, '4268599528907868', 'XXXX-XXXX-XXXX-6259', 1993, current_date - 90);

CREATE TABLE newsletter_subscribers (
  id serial PRIMARY KEY,
  email text,
  consent_given_at timestamptz,
  consent_withdrawn_at timestamptz
);
CREATE INDEX newsletter_withdrawn ON newsletter_subscribers (consent_withdrawn_at);
INSERT INTO newsletter_subscribers (email, consent_given_at, consent_withdrawn_at)
SELECT 'abonnent' || g || '@example.invalid', now() - interval '200 days', NULL FROM generate_series(1, 10) g;
INSERT INTO newsletter_subscribers (email, consent_given_at, consent_withdrawn_at) VALUES
 -- planted: two without consent
 ('uten1@example.invalid', NULL, NULL),
 ('uten2@example.invalid', NULL, NULL),
 -- planted: three withdrawn 60 days ago, not erased
 ('trukket1@example.invalid', now() - interval '300 days', now() - interval '60 days'),
 ('trukket2@example.invalid', now() - interval '300 days', now() - interval '61 days'),
 ('trukket3@example.invalid', now() - interval '300 days', now() - interval '90 days'),
 -- clean: withdrawn yesterday (within grace), and withdrawn long ago but erased
 ('igar@example.invalid', now() - interval '100 days', now() - interval '1 day'),
 (NULL, now() - interval '400 days', now() - interval '200 days'),
 (NULL, NULL, now() - interval '200 days');

CREATE TABLE user_accounts (
  id serial PRIMARY KEY,
  username text NOT NULL,
  email text NOT NULL,
  password text NOT NULL
);
INSERT INTO user_accounts (username, email, password) VALUES
 ('alfa', 'alfa.testesen@example.invalid', '$2b$12$abcdefghijklmnopqrstN9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p9'),
 ('beta', 'beta@example.invalid', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'),
 ('gamma', 'gamma@example.invalid', 'pbkdf2_sha256$600000$c2FsdA$aGFzaA=='),
 ('delta', 'delta@example.invalid', '5f4dcc3b5aa765d61d8327deb882cf99'),
 ('eps', 'eps@example.invalid', '$6$rounds=5000$saltsalt$hashhashhash'),
 -- planted: three plain-text passwords
 ('zeta', 'zeta@example.invalid', 'sommer2024'),
 ('eta', 'eta@example.invalid', 'sommer2023'),
 ('theta', 'theta@example.invalid', 'passord123');

CREATE TABLE payments (
  id serial PRIMARY KEY,
  invoice_id int REFERENCES invoices(id),
  card_number text,
  amount numeric(10,2) NOT NULL,
  paid_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO payments (invoice_id, card_number, amount) VALUES
 -- planted: four full card numbers
 (1, '4378 6579 7543 2314', 1991),
 (2, '5948757491186259', 1992),
 (3, '4276-0189-5559-7977', 1993),
 (1, '375291703423667', 500),
 -- clean: masked
 (2, '511471******5076', 100),
 (3, '**** **** **** 7977', 100),
 (NULL, NULL, 50);
-- planted: readable by every role
GRANT SELECT ON payments TO PUBLIC;

CREATE TABLE credit_checks (
  id serial PRIMARY KEY,
  customer_id int REFERENCES customers(id),
  fnr text,
  score int,
  checked_at timestamptz NOT NULL DEFAULT now()
);
-- planted: national identity numbers in a dataset that does not declare them
INSERT INTO credit_checks (customer_id, fnr, score) VALUES
 (1, '14074412360', 700), (2, '03096742338', 650), (3, '19025432269', 720), (4, '12827536421', 600);

CREATE TABLE sms_campaign (
  id serial PRIMARY KEY,
  mobil text,
  sent_at timestamptz
);
INSERT INTO sms_campaign (mobil, sent_at) VALUES ('+47 41 00 00 10', now()), ('98000011', now());

-- tables the declaration does not know
CREATE TABLE web_sessions (
  session_id text PRIMARY KEY,
  ip_address inet,
  user_agent text,
  started_at timestamptz NOT NULL
);
INSERT INTO web_sessions VALUES
 ('s1', '192.0.2.10', 'Mozilla/5.0', now()), ('s2', '198.51.100.7', 'Mozilla/5.0', now()),
 ('s3', '2001:db8::1', 'curl/8.0', now());

CREATE TABLE service_visits (
  id serial PRIMARY KEY,
  customer_id int REFERENCES customers(id),
  helse_merknad text,
  visited_at date
);
INSERT INTO service_visits (customer_id, helse_merknad, visited_at) VALUES
 (1, 'Bruker rullestol, trenger rampe', current_date - 3), (2, NULL, current_date - 5);

CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2));
INSERT INTO products (name, price) VALUES ('Boligalarm', 3990), ('Kamera', 1490);

CREATE TABLE alarm_events (
  id bigint NOT NULL,
  device text NOT NULL,
  happened_at timestamptz NOT NULL
) PARTITION BY RANGE (happened_at);
CREATE TABLE alarm_events_old PARTITION OF alarm_events FOR VALUES FROM ('2000-01-01') TO ('2025-01-01');
CREATE TABLE alarm_events_new PARTITION OF alarm_events FOR VALUES FROM ('2025-01-01') TO ('2100-01-01');
INSERT INTO alarm_events SELECT g, 'sensor-' || (g % 7), now() - g * interval '1 day' FROM generate_series(1, 900) g;
ANALYZE alarm_events_old;

-- planted: a call log keyed by the caller's phone number only, with no path to the customer,
-- so an access or erasure request made from the customer's id misses it
CREATE TABLE call_log (
  id serial PRIMARY KEY,
  caller_phone text NOT NULL,
  called_at timestamptz NOT NULL DEFAULT now(),
  summary text
);
INSERT INTO call_log (caller_phone, called_at, summary) VALUES
 ('+47 41 00 00 21', now() - interval '2 days', 'Spørsmål om faktura'),
 ('+47 41 00 00 22', now() - interval '5 days', 'Flytting av alarm'),
 ('98000023', now() - interval '9 days', 'Ny kode');
