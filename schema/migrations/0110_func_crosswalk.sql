-- Generated from schema/identitydata/func_crosswalk.csv by package identity
-- (go test ./identity -run TestCrosswalkMigration -update). Do not edit. Migrations
-- run once per warehouse: once this file has shipped, crosswalk changes need a
-- new migration number as well (see identity.CrosswalkMigration).
CREATE OR REPLACE TABLE core.func_crosswalk (
    code VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    until_year INTEGER NOT NULL,
    successor_code VARCHAR NOT NULL,
    successor_name VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);
CREATE OR REPLACE VIEW func_crosswalk AS SELECT * FROM core.func_crosswalk;
INSERT INTO core.func_crosswalk VALUES
    ('210', '医疗卫生与计划生育支出', 2018, '210', '卫生健康支出', 'rename', '财政部《2019年政府收支分类科目》: class 210 renamed after the 2018 institutional reform created 国家卫生健康委员会; the 2026 Putuo review checklist in the corpus flags the old name as a defect'),
    ('220', '国土海洋气象等支出', 2018, '220', '自然资源海洋气象等支出', 'rename', '财政部《2019年政府收支分类科目》: class 220 renamed after the 2018 institutional reform created 自然资源部');
