package zerologcase

import (
	"context"

	"example.com/eid/logging"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/log"
)

func levels(l zerolog.Logger, pl *zerolog.Logger, err error) {
	l.Error().Msg("no id")                       // want `zerolog ERROR log without the correlation field "execution_id": .* \(l = l.With\(\).Str\("execution_id", id\).Logger\(\)\)`
	l.Warn().Msgf("no id %d", 1)                 // want `zerolog WARN log without`
	pl.Err(err).Send()                           // want `zerolog ERROR log without`
	log.Error().Err(err).Msg("no id")            // want `zerolog ERROR log without`
	log.Fatal().Msg("no id")                     // want `zerolog FATAL log without`
	log.Panic().Msg("no id")                     // want `zerolog PANIC log without`
	l.WithLevel(zerolog.ErrorLevel).Msg("no id") // want `zerolog ERROR log without`
	l.WithLevel(zerolog.InfoLevel).Msg("ok: info")
	l.Info().Msg("ok: info")
	l.Debug().Msg("ok: debug")
	l.Log().Msg("ok: no level")
	log.Trace().Msg("ok: trace")
}

func fields(l zerolog.Logger, id string, m map[string]any, st interface{ String() string }) {
	l.Error().Str("execution_id", id).Msg("ok")
	l.Error().Str(logging.KeyExecutionID, id).Msg("ok")
	l.Error().Stringer("execution_id", st).Msg("ok")
	l.Error().Interface("execution_id", id).Msg("ok")
	l.Warn().Any("execution_id", id).Int("n", 1).Msg("ok")
	l.Error().Fields(map[string]any{"execution_id": id}).Msg("ok")
	l.Error().Fields(m).Msg("ok: fields not visible")
	l.Error().Dict("req", zerolog.Dict().Str("execution_id", id)).Msg("a dict key does not count") // want `zerolog ERROR log without`
	l.Error().Str("n", "execution_id").Msg("a value does not count")                               // want `zerolog ERROR log without`
	ev := l.Error().Str("execution_id", id)
	ev.Int("n", 1).Msg("ok: event variable")
	ev2 := l.Warn()
	ev2.Msg("event variable without the key") // want `zerolog WARN log without`
}

func derived(ctx context.Context, l zerolog.Logger, id string) {
	el := l.With().Str("execution_id", id).Logger()
	el.Error().Msg("ok: derived")
	el2 := el.Level(zerolog.WarnLevel)
	el2.Warn().Msg("ok: Level keeps the fields")
	gl := log.With().Str("execution_id", id).Logger()
	gl.Error().Msg("ok: derived from the global logger")
	other := l.With().Str("x", id).Logger()
	other.Error().Msg("derived without the key") // want `zerolog ERROR log without`
	ul := l
	ul.UpdateContext(func(c zerolog.Context) zerolog.Context { return c.Str("execution_id", id) })
	ul.Error().Msg("ok: UpdateContext is given the benefit of the doubt")
	zerolog.Ctx(ctx).Error().Msg("a logger from the context is not known to carry it") // want `zerolog ERROR log without`
}

type instanaLogger struct{ logger zerolog.Logger }

func msgFunc(args ...any) func() string { return func() string { return "" } }

func (l instanaLogger) Warn(args ...any) {
	l.logger.Warn().CallerSkipFrame(1).MsgFunc(msgFunc(args...)) // ok: an adapter relaying its caller's message
}
