package schema

import (
	"testing"
	"testing/fstest"
)

// FuzzLoadMigrations: any set of file names either loads as a strictly
// increasing sequence of NNNN_name.sql migrations or is refused.
func FuzzLoadMigrations(f *testing.F) {
	f.Add("0001_a.sql", "0002_b.sql")
	f.Add("0100_x.sql", "0100_y.sql")
	f.Add("1_a.sql", "0003_b.SQL")
	f.Fuzz(func(t *testing.T, a, b string) {
		fsys := fstest.MapFS{}
		for _, n := range []string{a, b} {
			if n == "" || n == "." || n == ".." || containsSlash(n) {
				return
			}
			fsys["m/"+n] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		ms, err := loadMigrations(fsys, "m")
		if err != nil {
			return
		}
		for i, m := range ms {
			if !migrationName.MatchString(m.Name) {
				t.Fatalf("accepted bad name %q", m.Name)
			}
			if i > 0 && ms[i-1].Version >= m.Version {
				t.Fatalf("versions not strictly increasing: %+v", ms)
			}
		}
	})
}

func containsSlash(s string) bool {
	for _, r := range s {
		if r == '/' || r == '\\' {
			return true
		}
	}
	return false
}
