package fix

import (
	"bytes"
	"fmt"
	"strings"
)

// Unified returns the unified diff (3 lines of context) that turns old
// into new, with a/ and b/ prefixed names, as git diff prints it; "" when
// they are equal.
func Unified(name string, old, new []byte) string {
	a, b := splitLines(old), splitLines(new)
	ops := diffLines(a, b)
	if len(ops) == 0 {
		return ""
	}
	var buf strings.Builder
	fmt.Fprintf(&buf, "--- a/%s\n+++ b/%s\n", name, name)
	const context = 3
	for i := 0; i < len(ops); {
		// A hunk: this change and the ones within 2*context lines.
		j := i
		for j+1 < len(ops) && ops[j+1].a-ops[j].a2() <= 2*context {
			j++
		}
		startA := max(ops[i].a-context, 0)
		startB := ops[i].b - (ops[i].a - startA)
		endA := min(ops[j].a2()+context, len(a))
		endB := ops[j].b2() + (endA - ops[j].a2())
		fmt.Fprintf(&buf, "@@ -%s +%s @@\n", hunkRange(startA, endA-startA), hunkRange(startB, endB-startB))
		pa := startA
		for _, op := range ops[i : j+1] {
			for ; pa < op.a; pa++ {
				line(&buf, ' ', a[pa])
			}
			for _, l := range a[op.a:op.a2()] {
				line(&buf, '-', l)
			}
			for _, l := range b[op.b:op.b2()] {
				line(&buf, '+', l)
			}
			pa = op.a2()
		}
		for ; pa < endA; pa++ {
			line(&buf, ' ', a[pa])
		}
		i = j + 1
	}
	return buf.String()
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func line(buf *strings.Builder, prefix byte, l string) {
	buf.WriteByte(prefix)
	buf.WriteString(l)
	if !strings.HasSuffix(l, "\n") {
		buf.WriteString("\n\\ No newline at end of file\n")
	}
}

func splitLines(src []byte) []string {
	var out []string
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			out = append(out, string(src))
			break
		}
		out = append(out, string(src[:i+1]))
		src = src[i+1:]
	}
	return out
}

// op replaces lines a[a:a+na] by b[b:b+nb].
type op struct{ a, na, b, nb int }

func (o op) a2() int { return o.a + o.na }
func (o op) b2() int { return o.b + o.nb }

// diffLines is Myers' O(ND) diff of two line slices, as a list of
// replacements in order.
func diffLines(a, b []string) []op {
	// Common prefix and suffix first: fixes change a few lines.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	x, y := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(x), len(y)
	if n == 0 && m == 0 {
		return nil
	}
	limit := n + m
	off := limit
	v := make([]int, 2*limit+2)
	var trace [][]int
	var d int
search:
	for d = 0; d <= limit; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				break search
			}
		}
	}
	// Walk back to list the edit script, then merge into replacements.
	type step struct {
		del  bool
		i, j int
	}
	var steps []step
	i, j := n, m
	for ; d > 0; d-- {
		vp := trace[d]
		k := i - j
		pk := k - 1
		if k == -d || k != d && vp[off+k-1] < vp[off+k+1] {
			pk = k + 1
		}
		pi := vp[off+pk]
		pj := pi - pk
		for i > pi && j > pj { // the snake after the step
			i--
			j--
		}
		if i == pi { // insertion of y[pj]
			steps = append(steps, step{false, pi, pj})
		} else { // deletion of x[pi]
			steps = append(steps, step{true, pi, pj})
		}
		i, j = pi, pj
	}
	var ops []op
	for s := len(steps) - 1; s >= 0; s-- {
		st := steps[s]
		var o op
		if st.del {
			o = op{a: st.i, na: 1, b: st.j, nb: 0}
		} else {
			o = op{a: st.i, na: 0, b: st.j, nb: 1}
		}
		if k := len(ops) - 1; k >= 0 && ops[k].a2() == o.a && ops[k].b2() == o.b {
			ops[k].na += o.na
			ops[k].nb += o.nb
			continue
		}
		ops = append(ops, o)
	}
	for k := range ops {
		ops[k].a += pre
		ops[k].b += pre
	}
	return ops
}
