package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// ErrEncrypted is returned for password-protected PDFs.
var ErrEncrypted = errors.New("pdf is encrypted")

// ErrCorrupt is returned for files PDFium cannot parse.
var ErrCorrupt = errors.New("pdf is corrupt or not a pdf")

// maxWorkers bounds the PDFium instances of the process.
const maxWorkers = 2

var (
	poolMu   sync.Mutex
	pool     pdfium.Pool
	poolErr  error
	poolDone bool
)

// CacheDir returns the directory where the compiled WebAssembly module is
// cached: $BUDGETWH_CACHE/wazero, else <user cache dir>/budgetwh/wazero, else
// a directory under the system temp dir.
func CacheDir() string {
	if d := os.Getenv("BUDGETWH_CACHE"); d != "" {
		return filepath.Join(d, "wazero")
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "budgetwh", "wazero")
	}
	return filepath.Join(os.TempDir(), "budgetwh-cache", "wazero")
}

// getPool returns the process-wide PDFium pool, creating it on first use.
func getPool() (pdfium.Pool, error) {
	poolMu.Lock()
	defer poolMu.Unlock()
	if poolDone {
		return pool, poolErr
	}
	pool, poolErr = newPool(CacheDir())
	poolDone = poolErr == nil
	return pool, poolErr
}

// newPool starts PDFium in wazero with an on-disk compilation cache at dir
// (no cache when dir is empty).
func newPool(dir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
	}
	p, err := webassembly.Init(webassembly.Config{
		MinIdle:       1,
		MaxIdle:       maxWorkers,
		MaxTotal:      maxWorkers,
		ReuseWorkers:  true,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no host file system: documents are passed as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start pdfium: %w", err)
	}
	return p, nil
}

// Warm starts the PDFium pool (compiling or loading the cached module) and
// returns how long it took; later calls return immediately.
func Warm() (time.Duration, error) {
	t0 := time.Now()
	_, err := getPool()
	return time.Since(t0), err
}

// rawPage is what PDFium gives for one page, in display coordinates (origin
// top-left, y down, page rotation applied).
type rawPage struct {
	Width, Height float64
	Glyphs        []Glyph
	Rules         []Rule
}

// extract opens data with PDFium and returns every page's glyphs and rules.
func extract(ctx context.Context, data []byte) ([]rawPage, error) {
	p, err := getPool()
	if err != nil {
		return nil, err
	}
	inst, err := p.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("get pdfium instance: %w", err)
	}
	defer inst.Close()

	buf := data
	od, err := inst.OpenDocument(&requests.OpenDocument{File: &buf})
	if err != nil {
		if errors.Is(err, pdfiumerrors.ErrPassword) || errors.Is(err, pdfiumerrors.ErrSecurity) {
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: od.Document})

	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: od.Document})
	if err != nil {
		return nil, fmt.Errorf("count pages: %w", err)
	}
	pages := make([]rawPage, 0, pc.PageCount)
	for i := 0; i < pc.PageCount; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rp, err := extractPage(inst, od.Document, i)
		if err != nil {
			return nil, fmt.Errorf("read page %d: %w", i+1, err)
		}
		pages = append(pages, rp)
	}
	return pages, nil
}

func extractPage(inst pdfium.Pdfium, d references.FPDF_DOCUMENT, index int) (rawPage, error) {
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d, Index: index})
	if err != nil {
		return rawPage{}, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	page := requests.Page{ByReference: &lp.Page}

	w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
	if err != nil {
		return rawPage{}, err
	}
	h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
	if err != nil {
		return rawPage{}, err
	}
	rot := 0
	if r, err := inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: page}); err == nil {
		rot = int(r.PageRotation)
	}
	// Width/height from PDFium are already the rotated (displayed) size.
	W, H := float64(w.PageWidth), float64(h.PageHeight)
	uw, uh := W, H // unrotated size
	if rot == 1 || rot == 3 {
		uw, uh = H, W
	}
	tf := func(x, y float64) (float64, float64) {
		// (x, y) in PDF user space (origin bottom-left, y up) → display (origin top-left, y down).
		switch rot {
		case 1: // 90° clockwise
			return y, x
		case 2:
			return uw - x, y
		case 3:
			return uh - y, uw - x
		}
		return x, uh - y
	}
	box := func(l, b, r, t float64) (x0, y0, x1, y1 float64) {
		ax, ay := tf(l, b)
		bx, by := tf(r, t)
		return math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)
	}

	rp := rawPage{Width: W, Height: H}
	st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page:                   page,
		Mode:                   requests.GetPageTextStructuredModeChars,
		CollectFontInformation: true,
	})
	if err != nil {
		return rawPage{}, err
	}
	for _, c := range st.Chars {
		if c.Text == "" {
			continue
		}
		r := []rune(c.Text)[0]
		if r == '\r' || r == '\n' || r == 0xFFFE || r == 0xFFFF || r == 2 {
			continue
		}
		x0, y0, x1, y1 := box(c.PointPosition.Left, c.PointPosition.Bottom, c.PointPosition.Right, c.PointPosition.Top)
		// PDFium gives the angle in unrotated page space; the page rotation
		// turns it clockwise.
		angle := math.Mod(c.Angle-float64(rot)*math.Pi/2, 2*math.Pi)
		if angle < 0 {
			angle += 2 * math.Pi
		}
		g := Glyph{R: r, X0: x0, Y0: y0, X1: x1, Y1: y1, Angle: angle}
		if fi := c.FontInformation; fi != nil {
			g.Size = fi.Size
			if fi.RenderedSize > 0 {
				g.Size = fi.RenderedSize
			}
			g.Bold = fi.Weight >= 600
		}
		rp.Glyphs = append(rp.Glyphs, g)
	}

	// Ruling lines: path objects whose bounds are thin, or the edges of
	// rectangles (cell backgrounds/borders drawn as rectangles).
	cnt, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return rp, nil // text without rules is still usable
	}
	for i := 0; i < cnt.Count; i++ {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			continue
		}
		rp.Rules = appendRules(inst, o.PageObject, box, rp.Rules, identity, 0)
	}
	return rp, nil
}

type boxFunc func(l, b, r, t float64) (x0, y0, x1, y1 float64)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

// apply maps (x, y) through m.
func (m matrix) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// then returns the matrix applying m first and n after.
func (m matrix) then(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.b*n.c, b: m.a*n.b + m.b*n.d,
		c: m.c*n.a + m.d*n.c, d: m.c*n.b + m.d*n.d,
		e: m.e*n.a + m.f*n.c + n.e, f: m.e*n.b + m.f*n.d + n.f,
	}
}

// maxSegments bounds the segments read from one path (a glyph outline or a
// chart can have thousands; table borders have few per path).
const maxSegments = 4000

// appendRules adds the ruling lines of a path object (or of the objects of a
// form object) to rules; outer maps the object's space to page space.
func appendRules(inst pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, box boxFunc, rules []Rule, outer matrix, depth int) []Rule {
	t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return rules
	}
	if t.Type != enums.FPDF_PAGEOBJ_FORM && t.Type != enums.FPDF_PAGEOBJ_PATH {
		return rules
	}
	m := identity
	if mr, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj}); err == nil {
		x := mr.Matrix
		m = matrix{float64(x.A), float64(x.B), float64(x.C), float64(x.D), float64(x.E), float64(x.F)}
	}
	full := m.then(outer)
	if t.Type == enums.FPDF_PAGEOBJ_FORM {
		if depth > 4 {
			return rules
		}
		n, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return rules
		}
		for i := 0; i < n.Count; i++ {
			c, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
			if err != nil {
				continue
			}
			rules = appendRules(inst, c.PageObject, box, rules, full, depth+1)
		}
		return rules
	}
	n, err := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil || n.Count == 0 || n.Count > maxSegments {
		return rules
	}
	stroked := true
	if dm, err := inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj}); err == nil {
		stroked = dm.Stroke
	}
	var sub [][2]float64 // current subpath in display space
	var startX, startY float64
	flush := func(closed bool) {
		if closed && len(sub) > 0 {
			x, y, _, _ := box(startX, startY, startX, startY)
			sub = append(sub, [2]float64{x, y})
		}
		rules = append(rules, subpathRules(sub, stroked)...)
		sub = sub[:0]
	}
	for i := 0; i < n.Count; i++ {
		sr, err := inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: i})
		if err != nil {
			break
		}
		pt, err := inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: sr.PathSegment})
		if err != nil {
			break
		}
		st, err := inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: sr.PathSegment})
		if err != nil {
			break
		}
		x, y := full.apply(float64(pt.X), float64(pt.Y))
		if st.Type == enums.FPDF_SEGMENT_MOVETO {
			flush(false)
			startX, startY = x, y
		}
		dx, dy, _, _ := box(x, y, x, y)
		sub = append(sub, [2]float64{dx, dy})
		if cl, err := inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: sr.PathSegment}); err == nil && cl.IsClose {
			flush(true)
		}
	}
	flush(false)
	return rules
}
