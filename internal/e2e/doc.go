// Package e2e holds the end-to-end and hostile-input tests of budgetwh. They
// drive the built CLI as a subprocess (built once per test run in TestMain):
// crash safety under SIGKILL, concurrent runs on one warehouse, the
// hostile-input catalogue (docs/hostile-input.md), disk full and read-only
// warehouse paths. The package has no non-test code.
package e2e
