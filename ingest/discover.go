package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Source formats.
const (
	FormatText = "text"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
)

// ErrNoSources is returned by Discover when the paths hold no readable file.
var ErrNoSources = errors.New("no source files found")

// Part is one file of a publication.
type Part struct {
	Path   string
	Format string // text, pdf, xlsx, or "" for an unsupported extension
	Number int    // N of a *.partN.* file, 0 for a single-file publication
}

// Source is one publication: one file, or several *.partN.* files of the
// same stem in the same folder, in part order.
type Source struct {
	Parts []Part
}

// Paths returns the files of the source in part order.
func (s Source) Paths() []string {
	out := make([]string, len(s.Parts))
	for i, p := range s.Parts {
		out[i] = p.Path
	}
	return out
}

// Name is the first file's path: how the source is named in reports.
func (s Source) Name() string {
	if len(s.Parts) == 0 {
		return ""
	}
	return s.Parts[0].Path
}

var extFormats = map[string]string{
	".txt":  FormatText,
	".text": FormatText,
	".md":   FormatText,
	".pdf":  FormatPDF,
	".xlsx": FormatXLSX,
}

// FormatOf returns the format of a file by its extension ("" if unsupported).
func FormatOf(path string) string {
	return extFormats[strings.ToLower(filepath.Ext(path))]
}

var partName = regexp.MustCompile(`(?i)^(.+)\.part(\d{1,3})(\.[^.]+)$`)

// Discover expands files and folders (recursively) into sources in a
// deterministic order (by the first part's path). Inside folders only files
// with a supported extension (.txt .text .md .pdf .xlsx, any case) are
// taken, and hidden entries (".x") and README files are skipped; a file
// named explicitly is always taken, so that an unsupported one is reported
// rather than ignored. Files X.part1.ext, X.part2.ext… of one folder become
// one source with the parts in numeric order. A path given twice, or both
// as a file and inside a folder, is taken once.
func Discover(paths []string) ([]Source, error) {
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		root = filepath.Clean(root)
		st, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("discover %s: %w", root, err)
		}
		if !st.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := e.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() || !e.Type().IsRegular() {
				return nil
			}
			if FormatOf(p) == "" || isReadme(name) {
				return nil
			}
			add(p)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("discover %s: %w", root, err)
		}
	}
	srcs := group(files)
	if len(srcs) == 0 {
		return nil, fmt.Errorf("discover %s: %w", strings.Join(paths, ", "), ErrNoSources)
	}
	return srcs, nil
}

func isReadme(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), "readme")
}

// group turns files into sources, joining *.partN.* files of one stem.
func group(files []string) []Source {
	byStem := map[string]*Source{}
	var out []*Source
	for _, f := range files {
		part := Part{Path: f, Format: FormatOf(f)}
		m := partName.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			out = append(out, &Source{Parts: []Part{part}})
			continue
		}
		part.Number, _ = strconv.Atoi(m[2])
		stem := filepath.Join(filepath.Dir(f), strings.ToLower(m[1]))
		s, ok := byStem[stem]
		if !ok {
			s = &Source{}
			byStem[stem] = s
			out = append(out, s)
		}
		s.Parts = append(s.Parts, part)
	}
	res := make([]Source, 0, len(out))
	for _, s := range out {
		sort.SliceStable(s.Parts, func(i, j int) bool {
			if s.Parts[i].Number != s.Parts[j].Number {
				return s.Parts[i].Number < s.Parts[j].Number
			}
			return s.Parts[i].Path < s.Parts[j].Path
		})
		if len(s.Parts) == 1 {
			s.Parts[0].Number = 0
		}
		res = append(res, *s)
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i].Name() < res[j].Name() })
	return res
}
