-- sitrep store, schema version 1.
--
-- Every document ingested is one row of `documents`, with its text and its
-- sitrep/1 record (JSON). The record's parts are also spread over the
-- tables below so that queries need no JSON: each row names its document
-- (`doc` = documents.seq) and keeps the part's id within the record
-- (`a1`, `p3`, `f2`, `e1`, …). Offsets are characters (Unicode scalar
-- values) into documents.text, end exclusive.

CREATE TABLE documents (
    seq         INTEGER PRIMARY KEY,      -- ingest order
    key         TEXT NOT NULL UNIQUE,     -- content id: text, outlet, publication date, URL
    id          TEXT NOT NULL,            -- the record's id
    origin      TEXT,                     -- where it was read: file:line, file#record 3
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,                     -- as given: 2016-08-01 or RFC 3339
    language    TEXT,
    ingested_at TEXT NOT NULL,            -- RFC 3339, UTC
    text        TEXT NOT NULL,
    record      TEXT NOT NULL             -- the sitrep/1 record, JSON, without incident ids
);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE actors (
    doc         INTEGER NOT NULL REFERENCES documents(seq),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,            -- canonical English name
    kind        TEXT NOT NULL,            -- person, armed_group, state_force, government, media, organization, other
    wikidata    TEXT,
    affiliation TEXT,                     -- id of the actor it belongs to
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX actors_name ON actors(name);

CREATE TABLE actor_mentions (
    doc   INTEGER NOT NULL REFERENCES documents(seq),
    actor TEXT NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL
);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc, actor);

CREATE TABLE places (
    doc         INTEGER NOT NULL REFERENCES documents(seq),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    geonames_id INTEGER,
    lat         REAL,
    lon         REAL,
    country     TEXT,                     -- ISO 3166-1 alpha-2
    admin1      TEXT,
    feature     TEXT,                     -- GeoNames feature code
    where_prec  INTEGER,                  -- UCDP 1 (exact) … 7
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX places_country ON places(country);
CREATE INDEX places_name ON places(name);

CREATE TABLE place_mentions (
    doc     INTEGER NOT NULL REFERENCES documents(seq),
    place   TEXT NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    demonym INTEGER NOT NULL              -- 1 when the mention is an adjective ("syrien")
);
CREATE INDEX place_mentions_doc ON place_mentions(doc, place);

CREATE TABLE dates (
    doc          INTEGER NOT NULL REFERENCES documents(seq),
    id           TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    type         TEXT NOT NULL,           -- TimeML: DATE, TIME, DURATION, SET
    value        TEXT NOT NULL,           -- TimeML value: 2016-08-01, 2016-W31, P2M
    modifier     TEXT,                    -- TimeML mod
    date_prec    INTEGER,                 -- UCDP 1 (day) … 5 (year)
    unresolved   INTEGER NOT NULL,
    period_start TEXT,                    -- first day of the period the value names
    period_end   TEXT,                    -- last day
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;

CREATE TABLE sources (
    doc         INTEGER NOT NULL REFERENCES documents(seq),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    actor       TEXT,                     -- actors.id
    via         TEXT,                     -- sources.id of the relaying source
    hedged      INTEGER NOT NULL,
    cue_start   INTEGER,
    cue_end     INTEGER,
    cue_text    TEXT,
    claim_start INTEGER,
    claim_end   INTEGER,
    claim_text  TEXT,
    event       TEXT,                     -- events.id
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX sources_name ON sources(name);

CREATE TABLE figures (
    doc     INTEGER NOT NULL REFERENCES documents(seq),
    id      TEXT NOT NULL,
    measure TEXT NOT NULL,                -- killed, wounded, missing, captured, …
    subject TEXT NOT NULL,                -- people, civilians, children, fighters, …
    label   TEXT,
    low     INTEGER,
    best    INTEGER,
    high    INTEGER,
    bound   TEXT NOT NULL,                -- exact, at_least, at_most, about, range
    part_of TEXT,                         -- figures.id
    place   TEXT,
    date    TEXT,
    source  TEXT,
    event   TEXT,
    context INTEGER NOT NULL,             -- 1 for context figures (cumulative tolls)
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;

CREATE TABLE events (
    doc      INTEGER NOT NULL REFERENCES documents(seq),
    id       TEXT NOT NULL,
    type     TEXT NOT NULL,               -- ACLED event type
    sub_type TEXT NOT NULL,               -- ACLED sub-event type
    mode     TEXT,
    place    TEXT,
    date     TEXT,
    lead     INTEGER NOT NULL,
    status   TEXT,
    incident TEXT,                        -- incidents.id, set by linking
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX events_incident ON events(incident);
CREATE INDEX events_sub_type ON events(sub_type);

CREATE TABLE event_actors (
    doc   INTEGER NOT NULL REFERENCES documents(seq),
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    role  TEXT NOT NULL CHECK (role IN ('actor', 'target'))
);
CREATE INDEX event_actors_doc ON event_actors(doc, event);

CREATE TABLE event_figures (
    doc    INTEGER NOT NULL REFERENCES documents(seq),
    event  TEXT NOT NULL,
    figure TEXT NOT NULL
);
CREATE INDEX event_figures_doc ON event_figures(doc, event);

CREATE TABLE event_sources (
    doc    INTEGER NOT NULL REFERENCES documents(seq),
    event  TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX event_sources_doc ON event_sources(doc, event);

CREATE TABLE evidence (
    doc   INTEGER NOT NULL REFERENCES documents(seq),
    event TEXT NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL
);
CREATE INDEX evidence_doc ON evidence(doc, event);

-- Incidents: events of different documents describing one happening.
-- Rebuilt after each ingest; `meta.incidents_stale` says when they lag.
CREATE TABLE incidents (
    id        TEXT PRIMARY KEY,
    sub_type  TEXT NOT NULL,              -- of its first event
    first_day TEXT NOT NULL,              -- the days its events' dates allow
    last_day  TEXT NOT NULL,
    place     TEXT,                       -- the most precise place among its events
    lat       REAL,
    lon       REAL,
    where_prec INTEGER,
    country   TEXT,
    admin1    TEXT,
    events    INTEGER NOT NULL,
    documents INTEGER NOT NULL
);

-- What each source claims about an incident: one row per figure.
CREATE TABLE incident_claims (
    incident TEXT NOT NULL REFERENCES incidents(id),
    measure  TEXT NOT NULL,
    subject  TEXT NOT NULL,
    source   TEXT NOT NULL,               -- the figure's source, else the outlet
    doc      INTEGER NOT NULL REFERENCES documents(seq),
    figure   TEXT NOT NULL,
    low      INTEGER,
    best     INTEGER,
    high     INTEGER,
    bound    TEXT NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX incident_claims_incident ON incident_claims(incident);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta VALUES ('incidents_stale', '0');
