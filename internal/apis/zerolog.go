package apis

// Zerolog is github.com/rs/zerolog (verified against v1.35.1): event
// chains (l.Error().Str(k, v).Msg("")) and context chains
// (l.With().Str(k, v).Logger()).
var Zerolog = register(&Library{
	Name:  "zerolog",
	Paths: []string{"github.com/rs/zerolog"},
	Log: &Log{
		Loggers: []string{"github.com/rs/zerolog.Logger"},
		Calls: map[string]LogFunc{
			"(*github.com/rs/zerolog.Event).Msg":     {Event: true, Args: "msg"},
			"(*github.com/rs/zerolog.Event).Msgf":    {Event: true, Args: "format args..."},
			"(*github.com/rs/zerolog.Event).Send":    {Event: true},
			"(*github.com/rs/zerolog.Event).MsgFunc": {Event: true, Args: "msgfunc"},
		},
		Starters: map[string]LogFunc{
			"(*github.com/rs/zerolog.Logger).Trace":     {Level: Debug},
			"(*github.com/rs/zerolog.Logger).Debug":     {Level: Debug},
			"(*github.com/rs/zerolog.Logger).Info":      {Level: Info},
			"(*github.com/rs/zerolog.Logger).Warn":      {Level: Warn},
			"(*github.com/rs/zerolog.Logger).Error":     {Level: Error},
			"(*github.com/rs/zerolog.Logger).Fatal":     {Level: Fatal},
			"(*github.com/rs/zerolog.Logger).Panic":     {Level: Panic},
			"(*github.com/rs/zerolog.Logger).Log":       {},
			"(*github.com/rs/zerolog.Logger).Err":       {Level: Error, Args: "err"},
			"(*github.com/rs/zerolog.Logger).WithLevel": {Args: "level"},
			"github.com/rs/zerolog/log.Trace":           {Level: Debug},
			"github.com/rs/zerolog/log.Debug":           {Level: Debug},
			"github.com/rs/zerolog/log.Info":            {Level: Info},
			"github.com/rs/zerolog/log.Warn":            {Level: Warn},
			"github.com/rs/zerolog/log.Error":           {Level: Error},
			"github.com/rs/zerolog/log.Fatal":           {Level: Fatal},
			"github.com/rs/zerolog/log.Panic":           {Level: Panic},
			"github.com/rs/zerolog/log.Log":             {},
			"github.com/rs/zerolog/log.Err":             {Level: Error, Args: "err"},
			"github.com/rs/zerolog/log.WithLevel":       {Args: "level"},
		},
		Derives: map[string]LogFunc{
			"(github.com/rs/zerolog.Context).Logger": {Context: true},
			"(github.com/rs/zerolog.Logger).Level":   {Args: "_"},
			"(github.com/rs/zerolog.Logger).Output":  {Args: "_"},
			"(github.com/rs/zerolog.Logger).Hook":    {Args: "_..."},
			"(github.com/rs/zerolog.Logger).Sample":  {Args: "_"},
		},
		Chain: &Chain{
			Event:   "github.com/rs/zerolog.Event",
			Context: "github.com/rs/zerolog.Context",
			Open:    []string{"(github.com/rs/zerolog.Logger).With", "github.com/rs/zerolog/log.With"},
			Dicts:   []string{"github.com/rs/zerolog.Dict", "(*github.com/rs/zerolog.Event).CreateDict", "(github.com/rs/zerolog.Context).CreateDict"},
			Methods: map[string]ChainMethod{
				"Err": ChainErr, "Fields": ChainFields, "Dict": ChainDict, "EmbedObject": ChainOpaque, "Func": ChainOpaque, "Ctx": ChainCtx,
			},
		},
		// Trace -1, Debug 0 ... Fatal 4, Panic 5 (NoLevel 6, Disabled 7: none).
		Levels: map[int64]Level{-1: Debug, 0: Debug, 1: Info, 2: Warn, 3: Error, 4: Fatal, 5: Panic},
		LevelConsts: map[string]Level{
			"github.com/rs/zerolog.TraceLevel": Debug, "github.com/rs/zerolog.DebugLevel": Debug,
			"github.com/rs/zerolog.InfoLevel": Info, "github.com/rs/zerolog.WarnLevel": Warn,
			"github.com/rs/zerolog.ErrorLevel": Error, "github.com/rs/zerolog.FatalLevel": Fatal,
			"github.com/rs/zerolog.PanicLevel": Panic,
		},
		Attach: `l = l.With().Str(%[1]q, id).Logger()`,
		Render: RenderJSON,
		FieldRender: map[string]Render{
			"(*github.com/rs/zerolog.Event).Stringer":  RenderDispatch,
			"(github.com/rs/zerolog.Context).Stringer": RenderDispatch,
		},
		Builders: &FieldBuilders{
			Package:   "github.com/rs/zerolog",
			Receivers: map[string]bool{"github.com/rs/zerolog.Event": true, "github.com/rs/zerolog.Context": true},
			Skip:      map[string]bool{"Dict": true, "Func": true, "Ctx": true, "Caller": true, "CallerWithSkipFrameCount": true},
			Dispatch:  map[string]bool{"Stringer": true},
			Scalar:    true,
		},
	},
})
