package apis

// GoKit is github.com/go-kit/log (verified against v0.2.1): one Log(kv...)
// method, the level given by a wrapper, level.Error(l).Log("msg", m, ...).
var GoKit = register(&Library{
	Name:  "go-kit/log",
	Paths: []string{"github.com/go-kit/log"},
	Log: &Log{
		Loggers: []string{"github.com/go-kit/log.Logger"},
		Calls: map[string]LogFunc{
			"(github.com/go-kit/log.Logger).Log": {Args: "kv..."},
		},
		Derives: map[string]LogFunc{
			"github.com/go-kit/log.With":        {Args: "logger kv..."},
			"github.com/go-kit/log.WithPrefix":  {Args: "logger kv..."},
			"github.com/go-kit/log.WithSuffix":  {Args: "logger kv..."},
			"github.com/go-kit/log/level.Debug": {Level: Debug, Args: "logger"},
			"github.com/go-kit/log/level.Info":  {Level: Info, Args: "logger"},
			"github.com/go-kit/log/level.Warn":  {Level: Warn, Args: "logger"},
			"github.com/go-kit/log/level.Error": {Level: Error, Args: "logger"},
		},
		Attach: `logger = log.With(logger, %[1]q, id)`,
		// The logfmt encoder prints values with fmt (String(), Error(),
		// MarshalText, else %v).
		Render: RenderFmt,
	},
})
