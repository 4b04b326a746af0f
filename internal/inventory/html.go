package inventory

import (
	"fmt"
	"html/template"
	"io"
)

// WriteHTML writes the coverage as one self-contained HTML page (no
// external script, style or font), like go tool cover -html: a table
// grouped by package, each artefact coloured red, amber or green. A click
// on a column header sorts the rows of every package by that column; the
// page opened with #sort=COLUMN (or #sort=-COLUMN, descending) starts
// sorted.
func (c *Coverage) WriteHTML(w io.Writer) error {
	type cell struct {
		Text, State string
		Sort        string
	}
	type row struct {
		Entry, Handler, Where     string
		Span, Metrics, Logs, Sani cell
		Complete                  bool
	}
	type group struct {
		Package string
		Rows    []row
		Done    int
	}
	var groups []group
	for _, g := range c.Groups() {
		gr := group{Package: g[0].Package}
		for _, e := range g {
			r := row{
				Entry: e.entryText(), Handler: shortDecl(e.Handler), Where: fmt.Sprintf("%s:%d", e.File, e.Line),
				Span:     cell{e.spanText(), e.Span.State, rank(e.Span.State)},
				Metrics:  cell{e.metricsText(), e.Metrics.State, fmt.Sprintf("%s%04d", rank(e.Metrics.State), len(e.Metrics.Names))},
				Logs:     cell{e.logsText(), e.Logs.State, fmt.Sprintf("%s%04d", rank(e.Logs.State), e.Logs.WithoutKey)},
				Sani:     cell{e.sanitizedText(), e.Sanitized.State, fmt.Sprintf("%s%04d", rank(e.Sanitized.State), 9999-e.Sanitized.Leaks)},
				Complete: e.Complete,
			}
			if r.Complete {
				gr.Done++
			}
			gr.Rows = append(gr.Rows, r)
		}
		groups = append(groups, gr)
	}
	title := c.Title
	if title == "" {
		title = "obscheck coverage"
	}
	return htmlPage.Execute(w, map[string]any{
		"Title": title, "Summary": c.SummaryLine(), "Notes": c.Notes, "Groups": groups,
	})
}

// rank orders states for sorting: red first when ascending.
func rank(state string) string {
	switch state {
	case Red:
		return "0"
	case Amber:
		return "1"
	case None:
		return "2"
	}
	return "3"
}

var htmlPage = template.Must(template.New("coverage").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; font-size: 0.9em; }
thead th { background: #eee; cursor: pointer; user-select: none; }
thead th[data-dir="asc"]::after { content: " \25B2"; }
thead th[data-dir="desc"]::after { content: " \25BC"; }
tr.pkg th { background: #f6f6f6; font-family: monospace; }
td.green { background: #d7f5d7; }
td.amber { background: #fbe9b7; }
td.red { background: #f8d0d0; }
td.none { background: #f2f2f2; color: #666; }
code, td.code { font-family: monospace; }
.note { color: #8a5a00; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p id="summary">{{.Summary}}</p>
{{range .Notes}}<p class="note">{{.}}</p>
{{end}}<table id="coverage">
<thead><tr><th data-col="entry">entry point</th><th data-col="handler">handler</th><th data-col="span">span</th><th data-col="metrics">metrics</th><th data-col="logs">WARN/ERROR logs</th><th data-col="sanitized">sanitized</th></tr></thead>
{{range .Groups}}<tbody data-package="{{.Package}}">
<tr class="pkg"><th colspan="6">{{.Package}} ({{.Done}} of {{len .Rows}} complete)</th></tr>
{{range .Rows}}<tr class="entry" data-complete="{{.Complete}}"><td class="code" data-col="entry" data-sort="{{.Entry}}">{{.Entry}}</td><td class="code" data-col="handler" data-sort="{{.Handler}}" title="{{.Where}}">{{.Handler}}</td><td class="{{.Span.State}}" data-col="span" data-sort="{{.Span.Sort}}">{{.Span.Text}}</td><td class="{{.Metrics.State}}" data-col="metrics" data-sort="{{.Metrics.Sort}}">{{.Metrics.Text}}</td><td class="{{.Logs.State}}" data-col="logs" data-sort="{{.Logs.Sort}}">{{.Logs.Text}}</td><td class="{{.Sani.State}}" data-col="sanitized" data-sort="{{.Sani.Sort}}">{{.Sani.Text}}</td></tr>
{{end}}</tbody>
{{end}}</table>
<script>
(function () {
  var table = document.getElementById("coverage");
  function sortBy(col, desc) {
    table.querySelectorAll("thead th").forEach(function (th) {
      th.removeAttribute("data-dir");
      if (th.getAttribute("data-col") === col) th.setAttribute("data-dir", desc ? "desc" : "asc");
    });
    table.querySelectorAll("tbody").forEach(function (tb) {
      var rows = Array.prototype.slice.call(tb.querySelectorAll("tr.entry"));
      rows.sort(function (a, b) {
        var x = a.querySelector('td[data-col="' + col + '"]').getAttribute("data-sort");
        var y = b.querySelector('td[data-col="' + col + '"]').getAttribute("data-sort");
        var r = x < y ? -1 : x > y ? 1 : 0;
        return desc ? -r : r;
      });
      rows.forEach(function (r) { tb.appendChild(r); });
    });
  }
  table.querySelectorAll("thead th").forEach(function (th) {
    th.addEventListener("click", function () {
      sortBy(th.getAttribute("data-col"), th.getAttribute("data-dir") === "asc");
    });
  });
  var m = /^#sort=(-?)([a-z]+)$/.exec(location.hash);
  if (m) sortBy(m[2], m[1] === "-");
})();
</script>
</body>
</html>
`))
