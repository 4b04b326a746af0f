package apis

// Slog is log/slog (verified against go1.26).
var Slog = register(&Library{
	Name:  "slog",
	Paths: []string{"log/slog"},
	Log: &Log{
		Loggers: []string{"log/slog.Logger"},
		Calls: map[string]LogFunc{
			"log/slog.Debug":                  {Level: Debug, Args: "msg kv..."},
			"log/slog.Info":                   {Level: Info, Args: "msg kv..."},
			"log/slog.Warn":                   {Level: Warn, Args: "msg kv..."},
			"log/slog.Error":                  {Level: Error, Args: "msg kv..."},
			"log/slog.DebugContext":           {Level: Debug, Args: "ctx msg kv..."},
			"log/slog.InfoContext":            {Level: Info, Args: "ctx msg kv..."},
			"log/slog.WarnContext":            {Level: Warn, Args: "ctx msg kv..."},
			"log/slog.ErrorContext":           {Level: Error, Args: "ctx msg kv..."},
			"log/slog.Log":                    {Args: "ctx level msg kv..."},
			"log/slog.LogAttrs":               {Args: "ctx level msg attrs..."},
			"(*log/slog.Logger).Debug":        {Level: Debug, Args: "msg kv..."},
			"(*log/slog.Logger).Info":         {Level: Info, Args: "msg kv..."},
			"(*log/slog.Logger).Warn":         {Level: Warn, Args: "msg kv..."},
			"(*log/slog.Logger).Error":        {Level: Error, Args: "msg kv..."},
			"(*log/slog.Logger).DebugContext": {Level: Debug, Args: "ctx msg kv..."},
			"(*log/slog.Logger).InfoContext":  {Level: Info, Args: "ctx msg kv..."},
			"(*log/slog.Logger).WarnContext":  {Level: Warn, Args: "ctx msg kv..."},
			"(*log/slog.Logger).ErrorContext": {Level: Error, Args: "ctx msg kv..."},
			"(*log/slog.Logger).Log":          {Args: "ctx level msg kv..."},
			"(*log/slog.Logger).LogAttrs":     {Args: "ctx level msg attrs..."},
		},
		Derives: map[string]LogFunc{
			"log/slog.With":                {Args: "kv..."},
			"(*log/slog.Logger).With":      {Args: "kv..."},
			"(*log/slog.Logger).WithGroup": {Args: "group"},
		},
		FieldCtors: map[string]FieldCtor{
			"log/slog.String":   {KeyArgs: true},
			"log/slog.Int":      {KeyArgs: true},
			"log/slog.Int64":    {KeyArgs: true},
			"log/slog.Uint64":   {KeyArgs: true},
			"log/slog.Float64":  {KeyArgs: true},
			"log/slog.Bool":     {KeyArgs: true},
			"log/slog.Time":     {KeyArgs: true},
			"log/slog.Duration": {KeyArgs: true},
			"log/slog.Any":      {KeyArgs: true},
			"log/slog.Group":    {Group: true},
		},
		// Debug -4, Info 0, Warn 4, Error 8; a custom level counts as the
		// one at or below it.
		Levels:        map[int64]Level{-4: Debug, 0: Info, 4: Warn, 8: Error},
		LevelsAtLeast: true,
		LevelConsts: map[string]Level{
			"log/slog.LevelDebug": Debug, "log/slog.LevelInfo": Info, "log/slog.LevelWarn": Warn, "log/slog.LevelError": Error,
		},
		Attach: `l = l.With(%[1]q, id)`,
		// The JSON and text handlers marshal a struct (exported fields)
		// unless it is a LogValuer.
		Render:   RenderJSON,
		Builders: &FieldBuilders{Package: "log/slog", Result: "log/slog.Attr", Skip: map[string]bool{"Group": true}},
	},
})
