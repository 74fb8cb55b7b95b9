package schema

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

//go:embed sql/*.sql
var stmtFS embed.FS

// ErrMigration marks a broken migration set (bad file name, duplicate
// number, or an applied migration whose file was renamed).
var ErrMigration = errors.New("bad migration")

// ErrSchemaOutdated is returned by CheckCurrent when a read-only open found
// migrations that have not been applied yet.
var ErrSchemaOutdated = errors.New("warehouse schema is older than this program (open it once for writing, e.g. with ingest or sql --write)")

// ErrNotWarehouse is returned when a file opened read-only holds no
// schema_migrations table.
var ErrNotWarehouse = errors.New("not a budgetwh warehouse")

// Migration is one embedded migration file.
type Migration struct {
	Version int
	Name    string // file name, e.g. 0001_core_tables.sql
	SQL     string
}

var migrationName = regexp.MustCompile(`^(\d{4})_[A-Za-z0-9_]+\.sql$`)

// Migrations returns the embedded migrations sorted by version.
func Migrations() ([]Migration, error) {
	return loadMigrations(migrationFS, "migrations")
}

func loadMigrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("%w: file name %q is not NNNN_name.sql", ErrMigration, e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("%w: %s and %s share number %04d", ErrMigration, prev, e.Name(), v)
		}
		seen[v] = e.Name()
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// stmt returns an embedded SQL statement by base name.
func stmt(name string) string {
	b, err := stmtFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("schema: missing embedded statement " + name) // programming error, caught by tests
	}
	return string(b)
}

// applied returns the recorded migrations (version → name).
func applied(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[int]string, error) {
	rows, err := q.QueryContext(ctx, stmt("applied_migrations"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]string{}
	for rows.Next() {
		var v int
		var n string
		if err := rows.Scan(&v, &n); err != nil {
			return nil, err
		}
		out[v] = n
	}
	return out, rows.Err()
}

// migrate applies every pending migration, each in its own transaction,
// and returns the names applied.
func migrate(ctx context.Context, db *sql.DB, ms []Migration, now func() time.Time) ([]string, error) {
	if _, err := db.ExecContext(ctx, stmt("create_schema_migrations")); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	done, err := applied(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	var ran []string
	for _, m := range ms {
		if name, ok := done[m.Version]; ok {
			if name != m.Name {
				return ran, fmt.Errorf("%w: version %04d was applied as %s but the file is now %s", ErrMigration, m.Version, name, m.Name)
			}
			continue
		}
		if err := applyOne(ctx, db, m, now()); err != nil {
			return ran, err
		}
		ran = append(ran, m.Name)
	}
	return ran, nil
}

func applyOne(ctx context.Context, db *sql.DB, m Migration, at time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("apply migration %s: %w", m.Name, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after commit
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("apply migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, stmt("record_migration"), m.Version, m.Name, at.UTC()); err != nil {
		return fmt.Errorf("record migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration %s: %w", m.Name, err)
	}
	return nil
}
