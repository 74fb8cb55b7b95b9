// Package pdf reads PDF publications into the block model of ingest/doc.
//
// Characters and their boxes come from PDFium compiled to WebAssembly
// (github.com/klippa-app/go-pdfium/webassembly, run in pure Go by wazero), so
// no external program is needed at run time. The compiled module is cached on
// disk (BUDGETWH_CACHE, default <user cache dir>/budgetwh/wazero) and one
// PDFium pool is kept per process, created lazily on first use.
//
// Everything geometric is pure Go and independent of PDFium (geom.go,
// layout.go): glyph boxes and ruling lines in, lines, cells and blocks out.
// Tables are built from the ruling lines a page draws (cell borders) when
// there are any, and from column gaps between glyph runs otherwise. Function
// codes split over 类/款/项 columns are joined into one code cell by the
// reader (the cells of 款 and 项 are removed), so interpreters always see a
// single code cell such as "2010507".
package pdf
