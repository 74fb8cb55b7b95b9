package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestRead_zipBomb checks the unpacked-size guard: an archive whose entries
// declare more than UnzipSizeLimit bytes is refused before anything is
// inflated.
func TestRead_zipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte("<worksheet/>")
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "xl/worksheets/sheet1.xml",
		Method:             zip.Store,
		CRC32:              0,
		CompressedSize64:   uint64(len(body)),
		UncompressedSize64: UnzipSizeLimit + 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(body); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Read(context.Background(), "/x/bomb.xlsx", buf.Bytes())
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Read error = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "bomb.xlsx") {
		t.Errorf("error %q does not name the file", err)
	}
}
