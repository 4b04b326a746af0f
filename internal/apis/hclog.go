package apis

// Hclog is github.com/hashicorp/go-hclog (verified against v1.6.3): the
// Logger interface, msg then key-values.
var Hclog = register(&Library{
	Name:  "hclog",
	Paths: []string{"github.com/hashicorp/go-hclog"},
	Log: &Log{
		Loggers: []string{"github.com/hashicorp/go-hclog.Logger", "github.com/hashicorp/go-hclog.InterceptLogger"},
		Calls: map[string]LogFunc{
			"(github.com/hashicorp/go-hclog.Logger).Trace": {Level: Debug, Args: "msg kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Debug": {Level: Debug, Args: "msg kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Info":  {Level: Info, Args: "msg kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Warn":  {Level: Warn, Args: "msg kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Error": {Level: Error, Args: "msg kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Log":   {Args: "level msg kv..."},
		},
		Derives: map[string]LogFunc{
			"(github.com/hashicorp/go-hclog.Logger).With":       {Args: "kv..."},
			"(github.com/hashicorp/go-hclog.Logger).Named":      {Args: "_"},
			"(github.com/hashicorp/go-hclog.Logger).ResetNamed": {Args: "_"},
		},
		// NoLevel 0, Trace 1, Debug 2, Info 3, Warn 4, Error 5 (Off 6: none).
		Levels: map[int64]Level{1: Debug, 2: Debug, 3: Info, 4: Warn, 5: Error},
		LevelConsts: map[string]Level{
			"github.com/hashicorp/go-hclog.Trace": Debug, "github.com/hashicorp/go-hclog.Debug": Debug,
			"github.com/hashicorp/go-hclog.Info": Info, "github.com/hashicorp/go-hclog.Warn": Warn,
			"github.com/hashicorp/go-hclog.Error": Error,
		},
		Attach: `l = l.With(%[1]q, id)`,
		// The text format prints values with fmt (%v, String(), Error()).
		Render: RenderFmt,
	},
})
