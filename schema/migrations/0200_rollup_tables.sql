-- 0200: yearly summary tables materialised by `budgetwh rollup` (package
-- rollup, issue 6). They are derived from the public views only and are
-- replaced one fiscal year at a time, in one transaction, when the loaded
-- documents of that year change (see rollup_state). Amounts are in yuan.
-- Document-level amounts are each document's headline figure (the 收支总表
-- row where a document prints it in several tables); sums never mix
-- publication levels (department vs unit) or kinds (budget vs final account).

CREATE TABLE rollup_state (
    fiscal_year    INTEGER PRIMARY KEY,
    fingerprint    VARCHAR NOT NULL,   -- sha256 of the year's loaded documents (doc_id, parser_version, ingested_at) and the rollup version
    documents      INTEGER NOT NULL,   -- loaded documents of the year
    rollup_version INTEGER NOT NULL,
    computed_at    TIMESTAMP NOT NULL, -- when the year's rows were last written
    generation     BIGINT NOT NULL     -- how many times the year's rows were written
);

CREATE TABLE rollup_department_year (
    fiscal_year             INTEGER NOT NULL,
    department_id           VARCHAR,
    kind                    VARCHAR,   -- budget / final_account
    level                   VARCHAR,   -- department / unit
    department              VARCHAR,   -- wording of the latest document
    region                  VARCHAR,
    documents               INTEGER NOT NULL,
    income_total_yuan       DECIMAL(20,2),
    expenditure_total_yuan  DECIMAL(20,2),
    basic_yuan              DECIMAL(20,2),
    project_yuan            DECIMAL(20,2),
    personnel_yuan          DECIMAL(20,2),
    public_yuan             DECIMAL(20,2),
    three_public_total_yuan DECIMAL(20,2),
    projects                INTEGER NOT NULL,
    projects_with_form      INTEGER NOT NULL,
    project_amount_yuan     DECIMAL(20,2),
    indicators              INTEGER NOT NULL,
    findings_error          INTEGER NOT NULL,
    findings_warning        INTEGER NOT NULL
);

CREATE TABLE rollup_region_year (
    fiscal_year             INTEGER NOT NULL,
    region                  VARCHAR,
    kind                    VARCHAR,
    level                   VARCHAR,
    departments             INTEGER NOT NULL,
    documents               INTEGER NOT NULL,
    income_total_yuan       DECIMAL(20,2),
    expenditure_total_yuan  DECIMAL(20,2),
    three_public_total_yuan DECIMAL(20,2),
    project_amount_yuan     DECIMAL(20,2),
    projects                INTEGER NOT NULL,
    findings_error          INTEGER NOT NULL
);

CREATE TABLE rollup_three_public_year (
    fiscal_year INTEGER NOT NULL,
    kind        VARCHAR,
    level       VARCHAR,
    item        VARCHAR NOT NULL,  -- outbound, reception, vehicle_total, …, total
    measure     VARCHAR NOT NULL,
    departments INTEGER NOT NULL,
    documents   INTEGER NOT NULL,
    amount_yuan DECIMAL(20,2)
);

CREATE TABLE rollup_indicator_year (
    fiscal_year     INTEGER NOT NULL,
    kind            VARCHAR,
    scope           VARCHAR,       -- period / annual / department
    level1          VARCHAR,
    level2          VARCHAR,
    indicators      INTEGER NOT NULL,
    numeric         INTEGER NOT NULL, -- with a number (value_num)
    with_comparator INTEGER NOT NULL, -- with a comparator (>=, >, =, <=, <)
    qualitative     INTEGER NOT NULL, -- text only (提升, 完成, …)
    projects        INTEGER NOT NULL, -- distinct (document, project)
    departments     INTEGER NOT NULL
);
