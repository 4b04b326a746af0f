package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/obscheck/obscheck/analyzers/all"
	"github.com/obscheck/obscheck/internal/baseline"
	"github.com/obscheck/obscheck/internal/docgen"
	"github.com/obscheck/obscheck/internal/policy"
	"github.com/obscheck/obscheck/internal/safefile"
	"github.com/spf13/cobra"
)

func newRootCmd() *cobra.Command {
	o := &options{}
	root := &cobra.Command{
		Use:   "obscheck [flags] [packages]",
		Short: "Check Go services against observability rules",
		Long: `obscheck checks Go packages (default ./...) against observability rules:
handlers run inside spans, metrics follow the naming policy, WARN/ERROR logs
carry the execution id, ids never become metric labels, and secrets reach
logs, spans and labels only through a sanitizer.

Exit codes: 0 no findings, 1 findings, 2 usage or configuration error,
3 some packages could not be loaded, type-checked or analyzed.

As a go vet tool: go vet -vettool=$(command -v obscheck) ./...`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, o, args)
		},
	}
	o.register(root)
	root.AddCommand(
		&cobra.Command{
			Use:   "check [packages]",
			Short: "Check packages (the default command)",
			Args:  cobra.ArbitraryArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				return runCheck(cmd, o, args)
			},
		},
		&cobra.Command{
			Use:   "rules",
			Short: "List the rules, one line each",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return listRules(cmd.OutOrStdout(), o)
			},
		},
		&cobra.Command{
			Use:   "explain RULE",
			Short: "Explain a rule: rationale, bad and good examples, options",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return explain(cmd.OutOrStdout(), args[0])
			},
		},
		newBaselineCmd(o),
		newCatalogCmd(o),
		newCoverageCmd(o),
		&cobra.Command{
			Use:   "version",
			Short: "Print the version",
			Args:  cobra.NoArgs,
			Run: func(cmd *cobra.Command, _ []string) {
				fmt.Fprintln(cmd.OutOrStdout(), "obscheck "+version())
			},
		},
		newInitCmd(o),
	)
	return root
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func listRules(w io.Writer, o *options) error {
	dir := o.dir
	if dir == "" {
		dir = "."
	}
	pol, err := loadPolicy(dir, o.config)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range all.Rules {
		state := "on"
		if !pol.Enabled(r.Analyzer.Name) {
			state = "off"
		}
		short, _, _ := strings.Cut(r.Analyzer.Doc, "\n")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Analyzer.Name, state, pol.Severity(r.Analyzer.Name), short)
	}
	return tw.Flush()
}

func explain(w io.Writer, name string) error {
	r, ok := all.Lookup(name)
	if !ok {
		var names []string
		for _, r := range all.Rules {
			names = append(names, r.Analyzer.Name)
		}
		return usageErrorf("unknown rule %q; rules: %s", name, strings.Join(names, ", "))
	}
	fmt.Fprint(w, docgen.Text(r))
	return nil
}

func newBaselineCmd(o *options) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "baseline [packages]",
		Short: "Record today's findings so that only new ones fail the run",
		Long: `baseline checks the packages and writes every finding's fingerprint (rule,
file, enclosing function, message; no line numbers, so unrelated edits keep
it valid) to FILE. Later runs with --baseline FILE fail only on new findings.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := o.prepare()
			if err != nil {
				return err
			}
			res, bad, err := s.analyzeAll(args)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := baseline.Write(&buf, withModulePaths(res.Findings, s.pol.Root)); err != nil {
				return err
			}
			// The default file is obscheck's choice: a symlink there is
			// refused, not followed; -f FILE writes through a symlink
			// that stays in the repository.
			mode := safefile.Own
			if cmd.Flags().Changed("file") {
				mode = safefile.Named
			}
			if err := safefile.Write(s.path(out), buf.Bytes(), mode); err != nil {
				return &exitError{code: exitIncomplete, msg: "writing the baseline: " + err.Error()}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "obscheck: wrote %d finding(s) to %s\n", len(res.Findings), out)
			if reportIncomplete(cmd.ErrOrStderr(), bad, res.Failures, o.debug) {
				return &exitError{code: exitIncomplete}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "file", "f", ".obscheck-baseline.json", "baseline `FILE` to write")
	return cmd
}

func newInitCmd(o *options) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented " + policy.FileName + " with every default spelled out",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir := o.dir
			if dir == "" {
				dir = "."
			}
			path := filepath.Join(dir, policy.FileName)
			if _, err := os.Lstat(path); err == nil && !force {
				return usageErrorf("%s exists; use --force to overwrite", path)
			}
			// Created, never followed: a symlink planted at
			// .obscheck.yaml is refused even with --force.
			mode := safefile.Create
			if force {
				mode = safefile.Own
			}
			if err := safefile.Write(path, []byte(policy.Template()), mode); err != nil {
				return &exitError{code: exitIncomplete, msg: err.Error()}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "obscheck: wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}
