// Package handlers starts spans where an execution id is, or is not, at
// hand.
package handlers

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

var tracer = otel.Tracer("handlers")

const keyExecutionID = attribute.Key("execution_id")

func run(context.Context) {}

func param(ctx context.Context, executionID string) {
	ctx, span := tracer.Start(ctx, "handlers.param") // want `span "handlers.param" starts without the "execution_id" attribute although executionID holds it`
	defer span.End()
	run(ctx)
}

func atStart(ctx context.Context, executionID string) {
	ctx, span := tracer.Start(ctx, "handlers.at_start", trace.WithAttributes(attribute.String("execution_id", executionID)))
	defer span.End()
	run(ctx)
}

func setLater(ctx context.Context, executionID string) {
	ctx, span := tracer.Start(ctx, "handlers.set_later")
	defer span.End()
	span.SetAttributes(keyExecutionID.String(executionID))
	run(ctx)
}

func noID(ctx context.Context, name string) {
	ctx, span := tracer.Start(ctx, "handlers.no_id")
	defer span.End()
	run(ctx)
}

// Command is a queued unit of work.
type Command struct {
	ExecutionID string
	Tool        string
}

func field(ctx context.Context, cmd Command) {
	ctx, span := tracer.Start(ctx, "handlers.field") // want `although cmd.ExecutionID holds it`
	defer span.End()
	run(ctx)
}

// Event is a decoded message; its id is tagged, not named, like the key.
type Event struct {
	Exec string `json:"execution_id,omitempty"`
	Meta struct {
		Source string
	}
}

type envelope struct {
	Event Event
}

func decoded(ctx context.Context, data []byte) {
	ctx, span := tracer.Start(ctx, "handlers.decoded") // want `although ev.Exec holds it`
	defer span.End()
	var ev Event
	_, _ = data, ev
	run(ctx)
}

func nested(ctx context.Context, env *envelope) {
	ctx, span := tracer.Start(ctx, "handlers.nested") // want `although env.Event.Exec holds it`
	defer span.End()
	run(ctx)
}

func header(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Execution-Id")
	ctx, span := tracer.Start(r.Context(), "handlers.header") // want `although r.Header.Get\("X-Execution-Id"\) holds it`
	defer span.End()
	_ = id
	run(ctx)
}

func query(w http.ResponseWriter, r *http.Request) {
	ctx, span := tracer.Start(r.Context(), "handlers.query", trace.WithAttributes(attribute.String("execution_id", r.URL.Query().Get("execution_id"))))
	defer span.End()
	run(ctx)
}

// Ids of a batch are not one value: a slice is no id.
func batch(ctx context.Context, executionIDs []string) {
	ctx, span := tracer.Start(ctx, "handlers.batch")
	defer span.End()
	run(ctx)
}

// A per-item id declared inside the loop is not in scope of the batch
// span; the per-item span does have it.
func perItem(ctx context.Context, cmds []Command) {
	ctx, span := tracer.Start(ctx, "handlers.per_item")
	defer span.End()
	for _, c := range cmds {
		executionID := c.ExecutionID
		_ = executionID
		_, item := tracer.Start(ctx, "handlers.item") // want `although executionID holds it`
		item.End()
	}
}

// Options built elsewhere may carry it: not judged.
func spread(ctx context.Context, executionID string, opts []trace.SpanStartOption) {
	ctx, span := tracer.Start(ctx, "handlers.spread", opts...)
	defer span.End()
	run(ctx)
}

// Closures see the enclosing function's id.
func closure(ctx context.Context, executionID string) func() {
	return func() {
		_, span := tracer.Start(ctx, "handlers.closure") // want `although executionID holds it`
		span.End()
	}
}

// A uuid-like array and an integer are ids too; a pointer to a string is
// not judged.
type UUID [16]byte

func uuidID(ctx context.Context, executionID UUID) {
	_, span := tracer.Start(ctx, "handlers.uuid") // want `although executionID holds it`
	span.End()
}

func ptrID(ctx context.Context, executionID *string) {
	_, span := tracer.Start(ctx, "handlers.ptr")
	span.End()
}

// A receiver's own field is the object's id; a field of a field of a
// long-lived receiver is configuration, not the request's id.
type server struct {
	cfg struct{ ExecutionID string }
}

func (s *server) handle(ctx context.Context) {
	_, span := tracer.Start(ctx, "handlers.server")
	span.End()
}

type job struct{ executionID string }

func (j *job) run(ctx context.Context) {
	_, span := tracer.Start(ctx, "handlers.job") // want `although j.executionID holds it`
	span.End()
}
