// Package xlsx reads Excel workbooks (.xlsx) of budget publications into the
// block model of ingest/doc, with excelize.
//
// Every visible sheet is read top to bottom. A row whose only content is a
// title naming a table (…表) becomes a Heading, a 部门/单位 caption row a
// Paragraph, and the rows between them a Table; blank rows are skipped, so
// several tables per sheet (separated by blank rows and a title row) come out
// as separate tables. Merged cells keep their value in the top-left cell with
// Span set to the merged width; rows covered by a vertical merge get an empty
// cell in its place. Numbers are emitted as the decimal text the cell shows:
// the stored value is parsed as an exact decimal and rounded to the decimals
// of the displayed format, never formatted through a float. Functional codes
// split over 类/款/项 columns are joined like the PDF reader does
// (pdf.JoinSplitCodes), and grid columns in which no text starts are
// dropped (pdf.CompactColumns), so both readers give the interpreters the
// same cells for the same layout. Header cells under the top of a vertical
// merge repeat its text, as in the PDF reader. Refs are doc.Ref{Sheet, Row}
// with 1-based rows.
package xlsx
