package policy

import "testing"

// FuzzParse: the policy decoder never panics; it either returns a policy
// or positioned errors.
func FuzzParse(f *testing.F) {
	f.Add([]byte(Template()))
	f.Add([]byte("version: 1\nrules: {execidfield: {levels: [warn]}}\n"))
	f.Add([]byte("version: 1\npolicy: {span_starters: ['(*a/b.T).M']}\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Add([]byte("rules:\n  labelcardinality:\n    allow: {m: [a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.yaml", data)
		if err == nil && p == nil {
			t.Fatal("nil policy without error")
		}
		if err != nil {
			if es, ok := err.(Errors); ok {
				for _, e := range es {
					if e.Msg == "" {
						t.Fatalf("error without message: %+v", e)
					}
				}
			}
		}
	})
}
