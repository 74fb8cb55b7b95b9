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
//
// Table geometry, in order: ruling lines (stroked segments, thin filled
// shapes) are merged and grouped into connected grids; each band between
// two horizontal boundaries is a row, its cells delimited by the vertical
// rules crossing it (Span > 1 for merged cells); header cells with no rule
// between bands are one cell whose text is repeated in each band it covers;
// a band holding several amount lines is split into rows; title and
// 部门/单位 caption rows drawn inside a frame become Heading/Paragraph
// blocks. Across pages, a table starting a page whose column boundaries
// match the previous page's last table is aligned to that grid and a
// wrapped label fragment at its top is folded into the row above. Finally
// grid columns in which no text starts (Word's sliver columns) are dropped
// per table, so Col indices are contiguous. Text outside grids becomes
// lines (baseline clustering), paragraphs (wrapped lines joined) and
// headings (larger, bold or centred short lines); runs of unruled lines
// with several column-gap separated amounts become tables by gap geometry.
// The lines of a file's first page before its 目录 are cover paragraphs.
package pdf
