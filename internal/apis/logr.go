package apis

// Logr is github.com/go-logr/logr (verified against v1.4.4).
var Logr = register(&Library{
	Name:  "logr",
	Paths: []string{"github.com/go-logr/logr"},
	Log: &Log{
		Loggers: []string{"github.com/go-logr/logr.Logger"},
		Calls: map[string]LogFunc{
			"(github.com/go-logr/logr.Logger).Error": {Level: Error, Args: "err msg kv..."},
			"(github.com/go-logr/logr.Logger).Info":  {Level: Info, Args: "msg kv..."},
		},
		Derives: map[string]LogFunc{
			"(github.com/go-logr/logr.Logger).WithValues":    {Args: "kv..."},
			"(github.com/go-logr/logr.Logger).WithName":      {Args: "_"},
			"(github.com/go-logr/logr.Logger).V":             {Args: "_"},
			"(github.com/go-logr/logr.Logger).WithCallDepth": {Args: "_"},
			"(github.com/go-logr/logr.Logger).WithSink":      {Args: "_"},
		},
		Attach: `l = l.WithValues(%[1]q, id)`,
		Render: RenderJSON,
	},
})
