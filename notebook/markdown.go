package notebook

import (
	"html"
	"regexp"
	"strings"
)

var (
	codeRe   = regexp.MustCompile("`([^`]+)`")
	boldRe   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	italicRe = regexp.MustCompile(`(^|[^*])\*([^*\s][^*]*)\*`)
	linkRe   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	olRe     = regexp.MustCompile(`^\d+[.)]\s+`)
)

// inline renders inline Markdown (code, bold, italic, links) after escaping.
// Links become their text alone, so the page never points anywhere.
func inline(s string) string {
	s = html.EscapeString(s)
	s = codeRe.ReplaceAllString(s, "<code>$1</code>")
	s = boldRe.ReplaceAllString(s, "<strong>$1</strong>")
	s = italicRe.ReplaceAllString(s, "$1<em>$2</em>")
	s = linkRe.ReplaceAllString(s, "$1")
	return s
}

// markdownHTML renders the subset of Markdown notebooks use: headings,
// paragraphs, lists, block quotes, fenced code and pipe tables.
func markdownHTML(src string) string {
	var b strings.Builder
	lines := strings.Split(src, "\n")
	var para []string
	flushPara := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + inline(strings.Join(para, " ")) + "</p>\n")
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case t == "":
			flushPara()
		case strings.HasPrefix(t, "```"):
			flushPara()
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
				code = append(code, lines[i])
			}
			b.WriteString("<pre><code>" + html.EscapeString(strings.Join(code, "\n")) + "</code></pre>\n")
		case strings.HasPrefix(t, "#"):
			flushPara()
			n := len(t) - len(strings.TrimLeft(t, "#"))
			if n > 6 || !strings.HasPrefix(t[n:], " ") {
				para = append(para, t)
				continue
			}
			tag := string(rune('0' + n))
			b.WriteString("<h" + tag + ">" + inline(strings.TrimSpace(t[n:])) + "</h" + tag + ">\n")
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || olRe.MatchString(t):
			flushPara()
			tag := "ul"
			if olRe.MatchString(t) {
				tag = "ol"
			}
			b.WriteString("<" + tag + ">\n")
			for ; i < len(lines); i++ {
				t = strings.TrimSpace(lines[i])
				var item string
				switch {
				case tag == "ul" && (strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ")):
					item = t[2:]
				case tag == "ol" && olRe.MatchString(t):
					item = olRe.ReplaceAllString(t, "")
				default:
					i--
					goto endList
				}
				b.WriteString("<li>" + inline(item) + "</li>\n")
			}
		endList:
			b.WriteString("</" + tag + ">\n")
		case strings.HasPrefix(t, ">"):
			flushPara()
			var q []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">"); i++ {
				q = append(q, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")))
			}
			i--
			b.WriteString("<blockquote>" + inline(strings.Join(q, " ")) + "</blockquote>\n")
		case strings.HasPrefix(t, "|"):
			flushPara()
			b.WriteString("<table class=\"md\">\n")
			first := true
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				row := strings.Trim(strings.TrimSpace(lines[i]), "|")
				cells := strings.Split(row, "|")
				if strings.Trim(row, "-:| ") == "" {
					continue // the |---|---| separator
				}
				tagc := "td"
				if first {
					tagc = "th"
				}
				b.WriteString("<tr>")
				for _, c := range cells {
					b.WriteString("<" + tagc + ">" + inline(strings.TrimSpace(c)) + "</" + tagc + ">")
				}
				b.WriteString("</tr>\n")
				first = false
			}
			i--
			b.WriteString("</table>\n")
		default:
			para = append(para, t)
		}
	}
	flushPara()
	return b.String()
}
