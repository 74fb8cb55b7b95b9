DELETE FROM core.corpus_findings;
