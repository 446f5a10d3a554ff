-- Contact logging (issue 5). Mirrors packages/db/src/schema/contacts.ts.
-- Coded values are CHECK-constrained text so funder reports count exactly what the contracts allow;
-- NULL means "not asked yet", 'undisclosed' is an explicit answer.

-- Lines of the contact centre are data: each carries the schema of its extra fields (LineField[]).
CREATE TABLE lines (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{1,40}$'),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  fields jsonb NOT NULL DEFAULT '[]'::jsonb,
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO lines (id, name_en, name_fr, sort_order, fields) VALUES
('general', '211 general line', 'Ligne générale 211', 0, '[]'::jsonb),
('abuse_reporting', 'Abuse reporting line', 'Ligne de signalement des mauvais traitements', 10, '[
  {"key":"abuse_type","type":"select","labelEn":"Type of abuse","labelFr":"Type de mauvais traitement","required":true,
   "options":[{"value":"physical","labelEn":"Physical","labelFr":"Physique"},
              {"value":"sexual","labelEn":"Sexual","labelFr":"Sexuel"},
              {"value":"emotional","labelEn":"Emotional or psychological","labelFr":"Émotionnel ou psychologique"},
              {"value":"financial","labelEn":"Financial","labelFr":"Financier"},
              {"value":"neglect","labelEn":"Neglect","labelFr":"Négligence"},
              {"value":"other","labelEn":"Other","labelFr":"Autre"}]},
  {"key":"person_at_risk_age_group","type":"select","labelEn":"Age group of the person at risk","labelFr":"Groupe d''âge de la personne à risque","required":true,
   "options":[{"value":"child","labelEn":"Child","labelFr":"Enfant"},{"value":"youth","labelEn":"Youth","labelFr":"Jeune"},
              {"value":"adult","labelEn":"Adult","labelFr":"Adulte"},{"value":"senior","labelEn":"Senior","labelFr":"Aîné"},
              {"value":"undisclosed","labelEn":"Undisclosed","labelFr":"Non divulgué"}]},
  {"key":"immediate_danger","type":"boolean","labelEn":"In immediate danger","labelFr":"En danger immédiat","required":true},
  {"key":"reported_to_authorities","type":"boolean","labelEn":"Already reported to police or child protection","labelFr":"Déjà signalé à la police ou à la protection de l''enfance","required":false}
]'::jsonb),
('student_mental_health', 'Student mental health line', 'Ligne de santé mentale étudiante', 20, '[
  {"key":"institution","type":"text","labelEn":"School or institution","labelFr":"École ou établissement","required":false,"maxLength":200},
  {"key":"study_level","type":"select","labelEn":"Level of study","labelFr":"Niveau d''études","required":true,
   "options":[{"value":"secondary","labelEn":"Secondary","labelFr":"Secondaire"},{"value":"college","labelEn":"College","labelFr":"Collège"},
              {"value":"university","labelEn":"University","labelFr":"Université"},{"value":"other","labelEn":"Other","labelFr":"Autre"},
              {"value":"undisclosed","labelEn":"Undisclosed","labelFr":"Non divulgué"}]},
  {"key":"international_student","type":"boolean","labelEn":"International student","labelFr":"Étudiant étranger","required":false}
]'::jsonb),
('racist_incident_reporting', 'Racist incident reporting line', 'Ligne de signalement d''incidents racistes', 30, '[
  {"key":"incident_type","type":"select","labelEn":"Type of incident","labelFr":"Type d''incident","required":true,
   "options":[{"value":"verbal","labelEn":"Verbal harassment","labelFr":"Harcèlement verbal"},
              {"value":"physical","labelEn":"Physical assault","labelFr":"Agression physique"},
              {"value":"online","labelEn":"Online hate","labelFr":"Haine en ligne"},
              {"value":"property","labelEn":"Vandalism or property damage","labelFr":"Vandalisme ou dommages"},
              {"value":"discrimination","labelEn":"Discrimination (work, housing, services)","labelFr":"Discrimination (travail, logement, services)"},
              {"value":"other","labelEn":"Other","labelFr":"Autre"}]},
  {"key":"incident_date","type":"date","labelEn":"Date of the incident","labelFr":"Date de l''incident","required":false},
  {"key":"incident_setting","type":"select","labelEn":"Where it happened","labelFr":"Lieu de l''incident","required":false,
   "options":[{"value":"public_space","labelEn":"Public space","labelFr":"Espace public"},{"value":"workplace","labelEn":"Workplace","labelFr":"Lieu de travail"},
              {"value":"school","labelEn":"School","labelFr":"École"},{"value":"online","labelEn":"Online","labelFr":"En ligne"},
              {"value":"housing","labelEn":"Housing","labelFr":"Logement"},{"value":"other","labelEn":"Other","labelFr":"Autre"}]},
  {"key":"reported_to_police","type":"boolean","labelEn":"Reported to police","labelFr":"Signalé à la police","required":false}
]'::jsonb);

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version integer NOT NULL DEFAULT 1,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'closed')),
  channel text NOT NULL CHECK (channel IN ('phone', 'chat', 'text', 'email', 'web', 'walk_in')),
  line_id text NOT NULL REFERENCES lines(id),
  specialist_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  disposition text CHECK (disposition IN ('information_only', 'referral_given', 'advocacy', 'crisis',
    'silent_hangup', 'wrong_number', 'inappropriate', 'other')),
  notes text,
  caller_first_name text,
  -- Digits only (NANP numbers without the leading 1) so repeat callers are found whatever the format.
  caller_phone_digits text CHECK (caller_phone_digits ~ '^[0-9]{3,20}$'),
  caller_age_group text CHECK (caller_age_group IN ('child', 'youth', 'adult', 'senior', 'undisclosed')),
  caller_gender text CHECK (caller_gender IN ('woman', 'man', 'another_gender', 'undisclosed')),
  caller_language text CHECK (caller_language ~ '^[a-z]{2,3}$'),
  caller_location_undisclosed boolean NOT NULL DEFAULT false,
  caller_municipality text,
  caller_fsa text CHECK (caller_fsa ~ '^[A-Z][0-9][A-Z]$'),
  caller_relation text CHECK (caller_relation IN ('self', 'family', 'friend', 'professional', 'landlord',
    'other', 'undisclosed')),
  no_need boolean NOT NULL DEFAULT false,
  crisis_flags text[] NOT NULL DEFAULT '{}'::text[]
    CHECK (crisis_flags <@ ARRAY['danger_to_self', 'danger_to_others', 'abuse']::text[]),
  no_follow_up_reason text,
  line_fields jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Id in the system a contact was imported from: re-importing the same file creates nothing twice.
  external_id text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CHECK (NOT (caller_location_undisclosed AND (caller_municipality IS NOT NULL OR caller_fsa IS NOT NULL))),
  CHECK (status = 'draft' OR closed_at IS NOT NULL)
);
CREATE INDEX contacts_started_idx ON contacts (started_at);
CREATE INDEX contacts_specialist_idx ON contacts (specialist_id, started_at);
CREATE INDEX contacts_line_idx ON contacts (line_id, started_at);
CREATE INDEX contacts_phone_idx ON contacts (caller_phone_digits) WHERE caller_phone_digits IS NOT NULL;
CREATE INDEX contacts_municipality_idx ON contacts (lower(caller_municipality));
CREATE INDEX contacts_crisis_idx ON contacts (started_at) WHERE crisis_flags <> '{}'::text[];
CREATE INDEX contacts_draft_idx ON contacts (specialist_id) WHERE status = 'draft';

CREATE TABLE contact_needs (
  id uuid PRIMARY KEY,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  term_id text NOT NULL REFERENCES taxonomy_terms(id) ON DELETE RESTRICT,
  -- Top-level ancestor of term_id, stored for reports and filters. Derived from term_id (which has the
  -- foreign key), so it has none of its own: one check fewer per row on a 365,000-contact import.
  category_id text NOT NULL,
  note text,
  unmet_reason text CHECK (unmet_reason IN ('no_service_exists', 'not_eligible', 'waitlist_full', 'cost',
    'caller_declined', 'other')),
  unmet_note text,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_needs_contact_idx ON contact_needs (contact_id);
CREATE INDEX contact_needs_category_idx ON contact_needs (category_id);
CREATE INDEX contact_needs_term_idx ON contact_needs (term_id);

CREATE TABLE contact_referrals (
  id uuid PRIMARY KEY,
  -- Denormalised from the need (which has the foreign key and cascades): no second check per row.
  contact_id uuid NOT NULL,
  need_id uuid NOT NULL REFERENCES contact_needs(id) ON DELETE CASCADE,
  service_id uuid REFERENCES services(id) ON DELETE SET NULL,
  location_id uuid REFERENCES locations(id) ON DELETE SET NULL,
  kind text NOT NULL DEFAULT 'referral' CHECK (kind IN ('referral', 'warm_transfer', 'advocacy')),
  -- Snapshot at referral time: the history stays readable when the directory changes.
  service_name text NOT NULL,
  service_phone text,
  location_name text,
  note text,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_referrals_contact_idx ON contact_referrals (contact_id);
CREATE INDEX contact_referrals_need_idx ON contact_referrals (need_id);
CREATE INDEX contact_referrals_service_idx ON contact_referrals (service_id);

-- Follow-ups: the worklist of the follow-up team (status and outcome are theirs to change).
CREATE TABLE follow_ups (
  id uuid PRIMARY KEY,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  note text,
  assigned_to_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  created_by_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  outcome text,
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_ups_contact_idx ON follow_ups (contact_id);
CREATE INDEX follow_ups_worklist_idx ON follow_ups (status, due_at);
CREATE INDEX follow_ups_assigned_idx ON follow_ups (assigned_to_id, status, due_at);

-- Safety notes about a phone number (e.g. "caller may be with the abuser: do not call back").
CREATE TABLE safety_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_digits text NOT NULL CHECK (phone_digits ~ '^[0-9]{3,20}$'),
  note text NOT NULL,
  created_by_id uuid REFERENCES staff(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE INDEX safety_notes_phone_idx ON safety_notes (phone_digits);

-- Idempotency-Key of POST /api/contacts, per staff member (or API key): a retry returns the first answer.
CREATE TABLE idempotency_keys (
  owner_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  resource_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
