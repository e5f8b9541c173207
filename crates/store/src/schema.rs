//! The versioned schema. Each migration moves `PRAGMA user_version` one step; a database
//! written by a newer Vigie is refused rather than misread.

/// Migrations in order; migration `i` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents, stories, canonical events and their mentions.
    r#"
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    url TEXT,
    source TEXT,
    title TEXT,
    pub_date TEXT,
    lang TEXT,
    content_hash TEXT NOT NULL,
    n_chars INTEGER NOT NULL,
    story_id INTEGER NOT NULL,
    story_similarity REAL,
    signature BLOB NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_story ON documents(story_id);

-- Another id for a text already stored (a syndicated or re-sent copy, byte for byte).
CREATE TABLE document_aliases (
    id TEXT PRIMARY KEY,
    same_as TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    url TEXT,
    source TEXT
);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    first_doc TEXT NOT NULL
);

-- LSH band keys of each document's MinHash signature.
CREATE TABLE lsh_bands (
    band_key INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (band_key, doc_id)
) WITHOUT ROWID;
CREATE INDEX lsh_bands_doc ON lsh_bands(doc_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    quad_code INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    date TEXT,
    enddate TEXT,
    date_precision TEXT,
    day_lo INTEGER,
    day_hi INTEGER,
    -- Width class of [day_lo, day_hi]: 0 a day, 1 a week, 2 a month, 3 a year, 4 longer.
    -- Candidate events for a merge are searched class by class in tight day_lo ranges.
    span_class INTEGER,
    place TEXT,
    place_name TEXT,
    geonameid INTEGER,
    lat REAL,
    lon REAL,
    country_code TEXT,
    admin1 TEXT,
    loc_precision TEXT,
    dead_low INTEGER, dead_best INTEGER, dead_high INTEGER,
    injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
    arrested_low INTEGER, arrested_best INTEGER, arrested_high INTEGER,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    representative INTEGER
);
CREATE INDEX events_type_span_day ON events(event_type, span_class, day_lo);
CREATE INDEX events_day ON events(day_lo, day_hi);
CREATE INDEX events_country ON events(country_code, admin1);
CREATE INDEX events_sources ON events(num_sources);

-- Actor and recipient codes of every mention of an event, for filtering.
CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (code, role, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    event_id INTEGER NOT NULL REFERENCES events(id),
    doc_id TEXT NOT NULL REFERENCES documents(id),
    sentence_index INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    merge_reason TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE VIRTUAL TABLE sentence_fts USING fts5(sentence, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
"#,
    // 2: lighter indexes for ingest. The LSH keys of a replaced document are found from its
    // stored signature, so no index by document is kept; the full-text index keeps no copy of
    // the sentences (they are in `mentions`) and no word positions (searches are sets of words).
    r#"
DROP INDEX lsh_bands_doc;
DROP TABLE sentence_fts;
CREATE VIRTUAL TABLE sentence_fts USING fts5(sentence, content = '', contentless_delete = 1,
    detail = none, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO sentence_fts (rowid, sentence) SELECT id, sentence FROM mentions;
"#,
    // 3: each mention's reported sizes in columns, so an event's fused sizes are recomputed
    // from its mentions without parsing their JSON records.
    r#"
ALTER TABLE mentions ADD COLUMN dead INTEGER;
ALTER TABLE mentions ADD COLUMN injured INTEGER;
ALTER TABLE mentions ADD COLUMN arrested INTEGER;
UPDATE mentions SET dead = json_extract(record, '$.size.dead'),
    injured = json_extract(record, '$.size.injured'),
    arrested = json_extract(record, '$.size.arrested')
    WHERE json_valid(record);
"#,
];

/// The same migrations for PostgreSQL, one for one with [`MIGRATIONS`]. Differences: integer
/// ids are identities; the full-text index is a `tsvector` column with a GIN index, fed the
/// accent-folded sentence (SQLite's `remove_diacritics`); the spatial index is a plain table
/// with B-tree indexes on the same columns as SQLite's R*Tree; `haversine_km` is an SQL
/// function; there are no foreign-key constraints, as in SQLite where they are off, because
/// ingest removes dependent rows itself. `documents.rowid` keeps insertion order as SQLite's
/// implicit rowid does.
pub const POSTGRES_MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    url TEXT,
    source TEXT,
    title TEXT,
    pub_date TEXT,
    lang TEXT,
    content_hash TEXT NOT NULL,
    n_chars BIGINT NOT NULL,
    story_id BIGINT NOT NULL,
    story_similarity DOUBLE PRECISION,
    signature BYTEA NOT NULL
);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_story ON documents(story_id);

CREATE TABLE document_aliases (
    id TEXT PRIMARY KEY,
    same_as TEXT NOT NULL,
    url TEXT,
    source TEXT
);

CREATE TABLE stories (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    first_doc TEXT NOT NULL
);

CREATE TABLE lsh_bands (
    band_key BIGINT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (band_key, doc_id)
);
CREATE INDEX lsh_bands_doc ON lsh_bands(doc_id);

CREATE TABLE events (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    quad_code BIGINT NOT NULL,
    negated BIGINT NOT NULL,
    date TEXT,
    enddate TEXT,
    date_precision TEXT,
    day_lo BIGINT,
    day_hi BIGINT,
    span_class BIGINT,
    place TEXT,
    place_name TEXT,
    geonameid BIGINT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country_code TEXT,
    admin1 TEXT,
    loc_precision TEXT,
    dead_low BIGINT, dead_best BIGINT, dead_high BIGINT,
    injured_low BIGINT, injured_best BIGINT, injured_high BIGINT,
    arrested_low BIGINT, arrested_best BIGINT, arrested_high BIGINT,
    num_mentions BIGINT NOT NULL,
    num_articles BIGINT NOT NULL,
    num_sources BIGINT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    representative BIGINT
);
CREATE INDEX events_type_span_day ON events(event_type, span_class, day_lo);
CREATE INDEX events_day ON events(day_lo, day_hi);
CREATE INDEX events_country ON events(country_code, admin1);
CREATE INDEX events_sources ON events(num_sources);

CREATE TABLE event_actors (
    event_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (code, role, event_id)
);
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE mentions (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    event_id BIGINT NOT NULL,
    doc_id TEXT NOT NULL,
    sentence_index BIGINT NOT NULL,
    sentence_start BIGINT NOT NULL,
    sentence_end BIGINT NOT NULL,
    sentence TEXT NOT NULL,
    rule TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    merge_reason TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_doc ON mentions(doc_id);

CREATE TABLE sentence_fts (
    rowid BIGINT PRIMARY KEY,
    sentence TEXT NOT NULL,
    words tsvector GENERATED ALWAYS AS (to_tsvector('simple', sentence)) STORED
);
CREATE INDEX sentence_fts_words ON sentence_fts USING GIN (words);

CREATE TABLE events_rtree (
    id BIGINT PRIMARY KEY,
    min_lon DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL
);
CREATE INDEX events_rtree_lat ON events_rtree(min_lat, max_lat);
CREATE INDEX events_rtree_lon ON events_rtree(min_lon, max_lon);

CREATE FUNCTION haversine_km(lat1 DOUBLE PRECISION, lon1 DOUBLE PRECISION,
                             lat2 DOUBLE PRECISION, lon2 DOUBLE PRECISION)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$
    SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
"#,
    // 2: as SQLite's: no LSH index by document.
    "DROP INDEX lsh_bands_doc;",
    // 3: as SQLite's: sizes per mention.
    r#"
ALTER TABLE mentions ADD COLUMN dead BIGINT;
ALTER TABLE mentions ADD COLUMN injured BIGINT;
ALTER TABLE mentions ADD COLUMN arrested BIGINT;
UPDATE mentions SET dead = (record::jsonb #>> '{size,dead}')::BIGINT,
    injured = (record::jsonb #>> '{size,injured}')::BIGINT,
    arrested = (record::jsonb #>> '{size,arrested}')::BIGINT;
"#,
];

/// The schema version this build reads and writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

const _: () = assert!(MIGRATIONS.len() == POSTGRES_MIGRATIONS.len());
