package apis

// StdLog is the standard library's log package: no levels but Fatal and
// Panic, no fields.
var StdLog = register(&Library{
	Name:  "log",
	Paths: []string{"log"},
	Log: &Log{
		Loggers: []string{"log.Logger"},
		Calls: map[string]LogFunc{
			"log.Print":             {Args: "args..."},
			"log.Printf":            {Args: "format args..."},
			"log.Println":           {Args: "args..."},
			"log.Fatal":             {Level: Fatal, Args: "args..."},
			"log.Fatalf":            {Level: Fatal, Args: "format args..."},
			"log.Fatalln":           {Level: Fatal, Args: "args..."},
			"log.Panic":             {Level: Panic, Args: "args..."},
			"log.Panicf":            {Level: Panic, Args: "format args..."},
			"log.Panicln":           {Level: Panic, Args: "args..."},
			"(*log.Logger).Print":   {Args: "args..."},
			"(*log.Logger).Printf":  {Args: "format args..."},
			"(*log.Logger).Println": {Args: "args..."},
			"(*log.Logger).Fatal":   {Level: Fatal, Args: "args..."},
			"(*log.Logger).Fatalf":  {Level: Fatal, Args: "format args..."},
			"(*log.Logger).Fatalln": {Level: Fatal, Args: "args..."},
			"(*log.Logger).Panic":   {Level: Panic, Args: "args..."},
			"(*log.Logger).Panicf":  {Level: Panic, Args: "format args..."},
			"(*log.Logger).Panicln": {Level: Panic, Args: "args..."},
		},
		Render: RenderFmt,
	},
})
