package rollup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/budgetwh/budgetwh/progress"
)

// Version is the version of the rollup definitions; changing the SQL of the
// rollup tables bumps it so that every year is recomputed once.
const Version = 1

// Year statuses reported by Run.
const (
	StatusUnchanged = "unchanged" // fingerprint equal: nothing written
	StatusUpdated   = "updated"   // rows replaced
	StatusRemoved   = "removed"   // the year has no loaded document any more: rows deleted
	StatusEmpty     = "empty"     // no document and no rows: nothing to do
)

// ErrNoTables is returned when the warehouse lacks the rollup tables
// (migration 0200 not applied).
var ErrNoTables = errors.New("rollup tables missing (open the warehouse for writing once so that its migrations run)")

// ErrNoYear is returned when neither a year nor all years were asked for.
var ErrNoYear = errors.New("no fiscal year given (use --year Y or --all-years)")

// Tables are the rollup tables, in the order they are filled.
var Tables = []string{"rollup_department_year", "rollup_region_year", "rollup_three_public_year", "rollup_indicator_year"}

//go:embed sql/*.sql
var sqlFS embed.FS

// statements returns the statements of an embedded SQL file (split at a
// semicolon ending a line; comment lines dropped).
func statements(name string) []string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("rollup: missing embedded sql/" + name + ".sql") // a build defect, caught by tests
	}
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		cur.WriteString(line + "\n")
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if s := strings.TrimSpace(cur.String()); s != ";" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

func stmt(name string) string { return statements(name)[0] }

// Options configure Run.
type Options struct {
	Years    []int // fiscal years to roll up
	AllYears bool  // every year with documents or rollup rows
	Now      func() time.Time
	Logger   *slog.Logger
	Progress io.Writer // progress bar on a terminal
	Quiet    bool
}

// YearResult says what Run did with one fiscal year.
type YearResult struct {
	Year        int
	Status      string // unchanged, updated, removed, empty
	Documents   int
	Fingerprint string
	Generation  int64            // rollup_state.generation after the run (0 when none)
	Rows        map[string]int64 // rows written per table (updated years)
}

// String is the line the CLI prints, e.g. "year 2024: unchanged (3 documents)".
func (r YearResult) String() string {
	switch r.Status {
	case StatusUpdated:
		parts := make([]string, 0, len(Tables))
		for _, t := range Tables {
			parts = append(parts, fmt.Sprintf("%s %d", strings.TrimPrefix(t, "rollup_"), r.Rows[t]))
		}
		return fmt.Sprintf("year %d: updated from %d documents (%s rows)", r.Year, r.Documents, strings.Join(parts, ", "))
	case StatusRemoved:
		return fmt.Sprintf("year %d: removed (no loaded document left)", r.Year)
	case StatusEmpty:
		return fmt.Sprintf("year %d: no loaded document", r.Year)
	}
	return fmt.Sprintf("year %d: unchanged (%d documents)", r.Year, r.Documents)
}

// Report is the result of Run.
type Report struct{ Years []YearResult }

// Changed reports whether any year was written.
func (r Report) Changed() bool {
	for _, y := range r.Years {
		if y.Status == StatusUpdated || y.Status == StatusRemoved {
			return true
		}
	}
	return false
}

// Run rolls up the requested years of the warehouse db.
func Run(ctx context.Context, db *sql.DB, opts Options) (Report, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if err := checkTables(ctx, db); err != nil {
		return Report{}, err
	}
	years := slices.Clone(opts.Years)
	if opts.AllYears {
		all, err := allYears(ctx, db)
		if err != nil {
			return Report{}, err
		}
		years = append(years, all...)
	}
	slices.Sort(years)
	years = slices.Compact(years)
	if len(years) == 0 {
		if opts.AllYears {
			return Report{}, nil // an empty warehouse: nothing to do
		}
		return Report{}, ErrNoYear
	}
	bar := progress.New(opts.Progress, len(years), "rollup", opts.Quiet)
	defer bar.Finish()
	var rep Report
	for _, y := range years {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("rollup: %w", err)
		}
		res, err := runYear(ctx, db, y, opts)
		if err != nil {
			return rep, err
		}
		opts.Logger.Info("rollup year", "year", y, "status", res.Status, "documents", res.Documents, "generation", res.Generation)
		rep.Years = append(rep.Years, res)
		bar.Add(1)
	}
	return rep, nil
}

func checkTables(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, stmt("check_tables")).Scan(&n); err != nil {
		return fmt.Errorf("check rollup tables: %w", err)
	}
	if n != len(Tables)+1 {
		return ErrNoTables
	}
	return nil
}

func allYears(ctx context.Context, db *sql.DB) ([]int, error) {
	rows, err := db.QueryContext(ctx, stmt("all_years"))
	if err != nil {
		return nil, fmt.Errorf("list fiscal years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("list fiscal years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// Fingerprint returns the fingerprint of a year's inputs and the number of
// loaded documents of that year.
func Fingerprint(ctx context.Context, db *sql.DB, year int) (string, int, error) {
	rows, err := db.QueryContext(ctx, stmt("year_documents"), year)
	if err != nil {
		return "", 0, fmt.Errorf("fingerprint year %d: %w", year, err)
	}
	defer rows.Close()
	h := sha256.New()
	fmt.Fprintf(h, "budgetwh rollup v%d\n", Version)
	n := 0
	for rows.Next() {
		var id, pv, at sql.NullString
		if err := rows.Scan(&id, &pv, &at); err != nil {
			return "", 0, fmt.Errorf("fingerprint year %d: %w", year, err)
		}
		fmt.Fprintf(h, "%s\t%s\t%s\n", id.String, pv.String, at.String)
		n++
	}
	if err := rows.Err(); err != nil {
		return "", 0, fmt.Errorf("fingerprint year %d: %w", year, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func runYear(ctx context.Context, db *sql.DB, year int, opts Options) (YearResult, error) {
	fp, n, err := Fingerprint(ctx, db, year)
	if err != nil {
		return YearResult{}, err
	}
	res := YearResult{Year: year, Documents: n, Fingerprint: fp}
	var (
		oldFP   string
		oldVer  int
		hasPrev = true
	)
	err = db.QueryRowContext(ctx, stmt("state"), year).Scan(&oldFP, &oldVer, &res.Generation)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		hasPrev = false
	case err != nil:
		return res, fmt.Errorf("read rollup state of %d: %w", year, err)
	}
	switch {
	case n == 0 && !hasPrev:
		res.Status = StatusEmpty
		return res, nil
	case hasPrev && n > 0 && oldFP == fp && oldVer == Version:
		res.Status = StatusUnchanged
		return res, nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("roll up %d: %w", year, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	for _, s := range statements("delete_year") {
		if _, err := tx.ExecContext(ctx, s, year); err != nil {
			return res, fmt.Errorf("roll up %d: clear: %w", year, err)
		}
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, stmt("delete_state"), year); err != nil {
			return res, fmt.Errorf("roll up %d: %w", year, err)
		}
		if err := tx.Commit(); err != nil {
			return res, fmt.Errorf("roll up %d: commit: %w", year, err)
		}
		res.Status, res.Generation = StatusRemoved, 0
		return res, nil
	}
	res.Rows = map[string]int64{}
	for _, t := range Tables {
		r, err := tx.ExecContext(ctx, stmt("insert_"+strings.TrimPrefix(t, "rollup_")), year)
		if err != nil {
			return res, fmt.Errorf("roll up %d: fill %s: %w", year, t, err)
		}
		if res.Rows[t], err = r.RowsAffected(); err != nil {
			return res, fmt.Errorf("roll up %d: fill %s: %w", year, t, err)
		}
	}
	if _, err := tx.ExecContext(ctx, stmt("upsert_state"), year, fp, n, Version, opts.Now().UTC()); err != nil {
		return res, fmt.Errorf("roll up %d: record state: %w", year, err)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("roll up %d: commit: %w", year, err)
	}
	res.Status = StatusUpdated
	res.Generation++
	return res, nil
}
