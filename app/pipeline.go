package app

// DefaultPipeline returns the stages built into this binary.
//
// Integration point: ingest/interpret (interpret.Interpret), identity
// (identity.Assign with the default aliases) and check (check.Document,
// check.Quarantine) plug in here as their packages land; until then the
// stub interpreter quarantines every document ("no interpreter in this
// build") and the other stages are skipped.
func DefaultPipeline() Pipeline {
	return Pipeline{}
}
