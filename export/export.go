package export

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/budgetwh/budgetwh/progress"
)

// Formats.
const (
	FormatParquet = "parquet"
	FormatCSV     = "csv"
	FormatXLSX    = "xlsx"
)

// ErrBadOption marks an invalid option (unknown format, view or partition
// column); the CLI reports it as a usage error.
var ErrBadOption = errors.New("bad export option")

// Options configure Run.
type Options struct {
	Format string // parquet (default), csv or xlsx
	Out    string // output directory (replaced atomically)
	// Warehouse is the warehouse file; an Out that resolves to it or
	// contains it is refused.
	Warehouse string
	// PartitionBy lists columns for Hive-style directories (parquet, csv);
	// each view is partitioned by those of them it has.
	PartitionBy []string
	// Views to export (default: every public view present).
	Views []string
	// NoBOM drops the UTF-8 byte-order mark from CSV files.
	NoBOM bool
	// ToolVersion is recorded in the manifest and the Parquet created_by.
	ToolVersion string
	// Progress receives progress bars when it is a terminal and Quiet is
	// false.
	Progress io.Writer
	Quiet    bool
	Logger   *slog.Logger
	Now      func() time.Time

	maxSheetRows int // tests lower Excel's limit
}

// Manifest is the content of _manifest.json.
type Manifest struct {
	Tool        string         `json:"tool"`
	ToolVersion string         `json:"tool_version"`
	Format      string         `json:"format"`
	CreatedAt   time.Time      `json:"created_at"`
	PartitionBy []string       `json:"partition_by,omitempty"`
	BOM         bool           `json:"bom,omitempty"`
	DocIDs      []string       `json:"doc_ids"` // loaded documents of the warehouse at export time
	Views       []ViewManifest `json:"views"`
	Files       []FileEntry    `json:"files"` // every file but the manifest, with its checksum
}

// ViewManifest describes one exported view.
type ViewManifest struct {
	Name        string   `json:"name"`
	Rows        int64    `json:"rows"`
	Columns     []Column `json:"columns"`
	PartitionBy []string `json:"partition_by,omitempty"`
	DocIDs      []string `json:"doc_ids,omitempty"` // distinct doc_ids in the view's rows
	Files       []string `json:"files,omitempty"`
	Sheets      []string `json:"sheets,omitempty"` // xlsx
}

// FileEntry is one file of an export.
type FileEntry struct {
	Path   string `json:"path"` // slash-separated, relative to the output directory
	Rows   int64  `json:"rows,omitempty"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Result says what Run wrote.
type Result struct {
	Out      string
	Replaced bool // a previous export was replaced
	Manifest *Manifest
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

func (o *Options) normalise() error {
	if o.Format == "" {
		o.Format = FormatParquet
	}
	switch o.Format {
	case FormatParquet, FormatCSV:
	case FormatXLSX:
		if len(o.PartitionBy) > 0 {
			return fmt.Errorf("%w: --partition-by applies to parquet and csv, not xlsx", ErrBadOption)
		}
	default:
		return fmt.Errorf("%w: unknown format %q (want parquet, csv or xlsx)", ErrBadOption, o.Format)
	}
	for _, p := range o.PartitionBy {
		if !identRE.MatchString(p) {
			return fmt.Errorf("%w: bad partition column %q", ErrBadOption, p)
		}
	}
	for _, v := range o.Views {
		if !isPublic(v) {
			return fmt.Errorf("%w: %q is not a public view (one of %s)", ErrBadOption, v, strings.Join(PublicViews, ", "))
		}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.maxSheetRows <= 0 {
		o.maxSheetRows = maxSheetRows
	}
	if o.ToolVersion == "" {
		o.ToolVersion = "dev"
	}
	return nil
}

// Run exports the views of the warehouse db to opts.Out.
func Run(ctx context.Context, db *sql.DB, opts Options) (*Result, error) {
	if err := opts.normalise(); err != nil {
		return nil, err
	}
	out, err := checkOut(opts.Out, opts.Warehouse)
	if err != nil {
		return nil, err
	}
	have, err := existingViews(ctx, db)
	if err != nil {
		return nil, err
	}
	views := opts.Views
	if len(views) == 0 {
		views = PublicViews
	}
	var todo []string
	for _, v := range PublicViews { // contract order, without duplicates
		if !slices.Contains(views, v) {
			continue
		}
		if !have[v] {
			if len(opts.Views) > 0 {
				return nil, fmt.Errorf("%w: view %s does not exist in this warehouse", ErrBadOption, v)
			}
			opts.Logger.Debug("view absent, skipped", "view", v)
			continue
		}
		todo = append(todo, v)
	}
	if len(todo) == 0 {
		return nil, fmt.Errorf("export: no public view in the warehouse (is it a budgetwh warehouse?)")
	}
	if err := checkPartitionColumns(ctx, db, todo, opts.PartitionBy); err != nil {
		return nil, err
	}
	m := &Manifest{Tool: "budgetwh", ToolVersion: opts.ToolVersion, Format: opts.Format,
		CreatedAt: opts.Now().UTC().Truncate(time.Second), PartitionBy: opts.PartitionBy,
		BOM: opts.Format == FormatCSV && !opts.NoBOM}
	if have["documents"] {
		if m.DocIDs, err = loadedDocIDs(ctx, db); err != nil {
			return nil, err
		}
	}
	if m.DocIDs == nil {
		m.DocIDs = []string{}
	}
	st, err := newStage(out)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			st.discard()
		}
	}()
	var wb *workbook
	if opts.Format == FormatXLSX {
		if wb, err = newWorkbook(opts.maxSheetRows); err != nil {
			return nil, err
		}
	}
	for _, v := range todo {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		vm, err := exportView(ctx, db, st, wb, v, &opts)
		if err != nil {
			return nil, err
		}
		m.Views = append(m.Views, vm)
		opts.Logger.Info("exported view", "view", v, "rows", vm.Rows, "files", len(vm.Files)+len(vm.Sheets))
	}
	if wb != nil {
		fe, err := wb.save(st)
		if err != nil {
			return nil, err
		}
		st.files = append(st.files, fe)
	}
	m.Files = st.files
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	sf, err := st.create(ManifestName)
	if err != nil {
		return nil, err
	}
	if _, err := sf.Write(append(data, '\n')); err != nil {
		sf.abort()
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	if _, err := sf.finish(0); err != nil {
		return nil, err
	}
	if err := st.syncDirs(); err != nil {
		return nil, err
	}
	replaced, err := st.publish()
	if err != nil {
		return nil, err
	}
	ok = true
	opts.Logger.Info("export written", "out", out, "format", opts.Format, "views", len(m.Views), "files", len(m.Files), "replaced", replaced)
	return &Result{Out: out, Replaced: replaced, Manifest: m}, nil
}

// checkPartitionColumns fails when a partition column exists in none of
// the views to export (most likely a typo).
func checkPartitionColumns(ctx context.Context, db *sql.DB, views, partitionBy []string) error {
	found := map[string]bool{}
	for _, v := range views {
		cols, err := viewColumns(ctx, db, v)
		if err != nil {
			return err
		}
		for _, c := range cols {
			found[c.Name] = true
		}
	}
	for _, p := range partitionBy {
		if !found[p] {
			return fmt.Errorf("%w: partition column %q is in none of the views exported", ErrBadOption, p)
		}
	}
	return nil
}

// part is a file being written for one partition of a view.
type part interface {
	write(vals []any) error
	finish() (FileEntry, error)
	abort()
}

func exportView(ctx context.Context, db *sql.DB, st *stage, wb *workbook, view string, opts *Options) (ViewManifest, error) {
	cols, err := viewColumns(ctx, db, view)
	if err != nil {
		return ViewManifest{}, err
	}
	total, err := countRows(ctx, db, view)
	if err != nil {
		return ViewManifest{}, err
	}
	vm := ViewManifest{Name: view, Columns: cols}
	docCol := -1
	for i, c := range cols {
		if c.Name == "doc_id" {
			docCol = i
		}
	}
	docs := map[string]bool{}
	bar := progress.New(opts.Progress, int(total), "export "+view, opts.Quiet)
	defer bar.Finish()
	seen := func(vals []any) {
		vm.Rows++
		if docCol >= 0 {
			if s, ok := vals[docCol].(string); ok {
				docs[s] = true
			}
		}
		if vm.Rows%1024 == 0 {
			bar.Add(1024)
		}
	}
	if wb != nil {
		if vm.Sheets, err = wb.writeView(ctx, db, view, cols, seen); err != nil {
			return ViewManifest{}, err
		}
	} else if err := writeParts(ctx, db, st, view, cols, opts, &vm, seen); err != nil {
		return ViewManifest{}, err
	}
	bar.Add(int(vm.Rows % 1024))
	if docCol >= 0 {
		vm.DocIDs = make([]string, 0, len(docs))
		for d := range docs {
			vm.DocIDs = append(vm.DocIDs, d)
		}
		sort.Strings(vm.DocIDs)
	}
	return vm, nil
}

// writeParts streams a view, ordered by its partition columns, into one
// file per partition.
func writeParts(ctx context.Context, db *sql.DB, st *stage, view string, cols []Column, opts *Options, vm *ViewManifest, seen func([]any)) error {
	var partIdx []int
	for _, p := range opts.PartitionBy {
		for i, c := range cols {
			if c.Name == p {
				partIdx = append(partIdx, i)
				vm.PartitionBy = append(vm.PartitionBy, p)
			}
		}
	}
	ext := ".parquet"
	if opts.Format == FormatCSV {
		ext = ".csv"
	}
	open := func(dir string) (part, error) {
		rel := path.Join(dir, "part-0"+ext)
		if len(partIdx) == 0 && opts.Format == FormatCSV {
			rel = view + ".csv"
		}
		sf, err := st.create(rel)
		if err != nil {
			return nil, err
		}
		var p part
		if opts.Format == FormatCSV {
			p, err = newCSVPart(sf, cols, !opts.NoBOM)
		} else {
			p, err = newParquetPart(sf, cols, "budgetwh "+opts.ToolVersion)
		}
		if err != nil {
			sf.abort()
			return nil, err
		}
		return p, nil
	}
	var (
		cur    part
		curDir string
	)
	closeCur := func() error {
		if cur == nil {
			return nil
		}
		fe, err := cur.finish()
		cur = nil
		if err != nil {
			return err
		}
		st.files = append(st.files, fe)
		vm.Files = append(vm.Files, fe.Path)
		return nil
	}
	err := scanRows(ctx, db, view, partIdx, len(cols), func(vals []any) error {
		dir := view
		for _, i := range partIdx {
			var s string
			valid := vals[i] != nil
			if valid {
				var err error
				if s, err = cols[i].text(vals[i]); err != nil {
					return err
				}
			}
			comp, err := partitionComponent(cols[i].Name, s, valid)
			if err != nil {
				return fmt.Errorf("export view %s: %w", view, err)
			}
			dir = path.Join(dir, comp)
		}
		if cur == nil || dir != curDir {
			if err := closeCur(); err != nil {
				return err
			}
			p, err := open(dir)
			if err != nil {
				return err
			}
			cur, curDir = p, dir
		}
		if err := cur.write(vals); err != nil {
			return err
		}
		seen(vals)
		return nil
	})
	if err != nil {
		if cur != nil {
			cur.abort()
		}
		return err
	}
	if cur == nil { // no rows: one empty file with the schema
		p, err := open(view)
		if err != nil {
			return err
		}
		cur = p
	}
	return closeCur()
}
