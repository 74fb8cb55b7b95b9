-- 0001: internal tables of the warehouse (schema "core"). Queries, exports
-- and rollups read the public views of 0002, never these tables.
-- Every fact table is keyed by (doc_id, seq); the writer fills a document's
-- rows in one transaction, so a document is either wholly present or absent.

CREATE SCHEMA IF NOT EXISTS core;

CREATE TABLE core.documents (
    doc_id           VARCHAR PRIMARY KEY,   -- sha256 hex of the source bytes, parts in order
    source_path      VARCHAR NOT NULL,      -- the source files joined by ' + '
    source_paths     VARCHAR[] NOT NULL,    -- the source files in part order
    source_format    VARCHAR NOT NULL,      -- text / pdf / xlsx
    department       VARCHAR,
    department_names VARCHAR[],             -- other wordings seen in the document
    department_code  VARCHAR,
    department_id    VARCHAR,
    region           VARCHAR,
    fiscal_year      INTEGER,
    kind             VARCHAR,               -- budget / final_account
    level            VARCHAR,               -- department / unit
    table_unit       VARCHAR,
    status           VARCHAR NOT NULL CHECK (status IN ('loaded', 'quarantined', 'superseded')),
    version_key      VARCHAR,               -- department identity|year|kind|level; NULL when unknown
    superseded_by    VARCHAR,
    quarantine       VARCHAR[],             -- reasons, for quarantined documents
    ingested_at      TIMESTAMP NOT NULL,
    parser_version   VARCHAR NOT NULL,
    lines            INTEGER NOT NULL,
    consumed         INTEGER NOT NULL,
    unaccounted      INTEGER NOT NULL,
    facts            INTEGER NOT NULL,
    tables           INTEGER NOT NULL,
    bytes            BIGINT NOT NULL
);

CREATE TABLE core.doc_tables (
    doc_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,            -- index into Disclosure.Tables
    kind        VARCHAR NOT NULL,
    title       VARCHAR,
    number      VARCHAR,
    unit        VARCHAR,
    data_rows   INTEGER NOT NULL,
    empty       BOOLEAN NOT NULL,
    note        VARCHAR,
    source_ref  VARCHAR
);

CREATE TABLE core.totals (
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    key          VARCHAR NOT NULL,
    label        VARCHAR,
    source_table VARCHAR,
    measure      VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20,2) NOT NULL,
    source_ref   VARCHAR
);

CREATE TABLE core.func_amounts (
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    source_table VARCHAR,
    code         VARCHAR NOT NULL,
    name         VARCHAR,
    level        VARCHAR,
    measure      VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20,2) NOT NULL,
    source_ref   VARCHAR
);

CREATE TABLE core.econ_amounts (
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    source_table VARCHAR,
    scheme       VARCHAR NOT NULL,
    code         VARCHAR,
    name         VARCHAR,
    parent_code  VARCHAR,
    measure      VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20,2) NOT NULL,
    source_ref   VARCHAR
);

CREATE TABLE core.three_public (
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    source_table VARCHAR,
    item         VARCHAR NOT NULL,
    label        VARCHAR,
    measure      VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20,2) NOT NULL,
    source_ref   VARCHAR
);

CREATE TABLE core.projects (
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,            -- index into Disclosure.Projects
    source_table VARCHAR,
    budget_unit  VARCHAR,
    project      VARCHAR NOT NULL,
    amount_yuan  DECIMAL(20,2) NOT NULL,
    form_seq     INTEGER,                     -- matched perf_forms.seq, NULL if none
    match_score  DOUBLE,
    source_ref   VARCHAR
);

CREATE TABLE core.project_funds (
    doc_id      VARCHAR NOT NULL,
    project_seq INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    measure     VARCHAR NOT NULL,
    amount_yuan DECIMAL(20,2) NOT NULL
);

CREATE TABLE core.perf_forms (
    doc_id            VARCHAR NOT NULL,
    seq               INTEGER NOT NULL,       -- index into Disclosure.Forms
    scope             VARCHAR NOT NULL,       -- project / department
    title             VARCHAR,
    project           VARCHAR,
    department        VARCHAR,
    department_code   VARCHAR,
    implementer       VARCHAR,
    attribute         VARCHAR,
    period            VARCHAR,
    period_total_yuan DECIMAL(20,2),
    annual_total_yuan DECIMAL(20,2),
    overview          VARCHAR,
    basis             VARCHAR,
    necessity         VARCHAR,
    safeguards        VARCHAR,
    plan              VARCHAR,
    period_goal       VARCHAR,
    annual_goal       VARCHAR,
    project_seq       INTEGER,                -- matched projects.seq, NULL if none
    match_score       DOUBLE,
    source_ref        VARCHAR
);

CREATE TABLE core.form_sources (
    doc_id      VARCHAR NOT NULL,
    form_seq    INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    scope       VARCHAR,
    label       VARCHAR,
    amount_yuan DECIMAL(20,2)
);

CREATE TABLE core.form_fields (
    doc_id     VARCHAR NOT NULL,
    form_seq   INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    label      VARCHAR,
    value      VARCHAR,
    source_ref VARCHAR
);

CREATE TABLE core.indicators (
    doc_id     VARCHAR NOT NULL,
    form_seq   INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    scope      VARCHAR NOT NULL,
    level1     VARCHAR,
    level2     VARCHAR,
    level3     VARCHAR,
    value_text VARCHAR,
    comparator VARCHAR,
    value_num  DECIMAL(24,6),
    value_unit VARCHAR,
    source_ref VARCHAR
);

CREATE TABLE core.narrative_facts (
    doc_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    fact       VARCHAR NOT NULL,
    value      DECIMAL(24,4) NOT NULL,
    unit       VARCHAR,
    text       VARCHAR,
    source_ref VARCHAR
);

CREATE TABLE core.paragraphs (
    doc_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    section    VARCHAR,
    text       VARCHAR NOT NULL,
    source_ref VARCHAR
);

CREATE TABLE core.unaccounted_lines (
    doc_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    reason     VARCHAR,
    source_ref VARCHAR
);

CREATE TABLE core.generic_cells (
    doc_id      VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    table_seq   INTEGER NOT NULL,
    row_no      INTEGER NOT NULL,
    col_no      INTEGER NOT NULL,
    text        VARCHAR,
    source_ref  VARCHAR
);

CREATE TABLE core.findings (
    doc_id     VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    rule       VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message    VARCHAR,
    expected   VARCHAR,
    actual     VARCHAR,
    source_ref VARCHAR
);

CREATE TABLE core.raw_text (
    doc_id VARCHAR PRIMARY KEY,
    text   VARCHAR NOT NULL
);
