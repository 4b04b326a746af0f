// Command nullvet is a go vet tool that analyzes nothing: it answers the
// go command's questions (-V=full, -flags) and, for each package, writes an
// empty facts file and exits. bench/run.sh times go vet -vettool=nullvet
// after an edit: what the go command alone costs for one touched file
// (recompiling the edited package and the packages that import it,
// starting a vet process for each affected package), the floor under any
// vet tool's touched run.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

func main() {
	args := os.Args[1:]
	for _, a := range args {
		switch {
		case strings.HasPrefix(a, "-V"):
			// The go command hashes this line into the vet cache key.
			fmt.Println("nullvet version devel buildID=obscheck-bench-nullvet-1")
			return
		case a == "-flags":
			fmt.Println("[]")
			return
		}
	}
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		fmt.Fprintln(os.Stderr, "usage: go vet -vettool=nullvet packages")
		os.Exit(2)
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "nullvet:", err)
		os.Exit(1)
	}
	var cfg struct{ VetxOutput string }
	if err := json.Unmarshal(data, &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "nullvet:", err)
		os.Exit(1)
	}
	if cfg.VetxOutput != "" {
		if err := os.WriteFile(cfg.VetxOutput, nil, 0o666); err != nil {
			fmt.Fprintln(os.Stderr, "nullvet:", err)
			os.Exit(1)
		}
	}
}
