package mn

import (
	"context"

	"go.opentelemetry.io/otel/metric"
)

func otelInstruments(ctx context.Context, meter metric.Meter, opts []metric.Int64CounterOption) {
	// dots are fine: the exporter turns them into '_'; it appends _total to counters.
	c, _ := meter.Int64Counter("noetl.tasks.created", metric.WithDescription("Tasks created."))
	c.Add(ctx, 1)
	meter.Int64Counter("tasks.created", metric.WithDescription("d"))     // want `counter name "tasks.created" should be "noetl.tasks.created": every metric name starts with "noetl_"`
	meter.Float64Counter("noetl.queueWait", metric.WithDescription("d")) // want `should be "noetl.queue_wait": names are snake_case`
	meter.Int64Counter("noetl.polls", metric.WithDescription("d"), metric.WithUnit("{poll}"))

	meter.Float64Histogram("noetl.dispatch.duration", metric.WithUnit("s"), metric.WithDescription("d"))
	meter.Float64Histogram("noetl.dispatch.latency", metric.WithDescription("d"))                    // want `histogram "noetl_dispatch_latency" measures latency but its name has no unit; observe seconds and set metric.WithUnit\("s"\)`
	meter.Int64Histogram("noetl.claim.duration", metric.WithUnit("ms"), metric.WithDescription("d")) // want `instrument unit "ms" is not a base unit: the Prometheus exporter will name the metric ..._milliseconds; record in "s"`
	meter.Int64Gauge("noetl.payload", metric.WithUnit("KBy"), metric.WithDescription("d"))           // want `instrument unit "KBy" is not a base unit`
	meter.Int64Gauge("noetl.payload.size", metric.WithUnit("By"), metric.WithDescription("d"))
	meter.Float64Gauge("noetl.load.ms", metric.WithDescription("d")) // want `uses the non-base unit "ms"`

	meter.Int64UpDownCounter("noetl.inflight.total", metric.WithDescription("d")) // want `up-down counter "noetl_inflight_total" ends in _total`
	meter.Int64ObservableGauge("noetl.workers", metric.WithDescription("d"))
	meter.Int64ObservableCounter("noetl.ticks", metric.WithDescription("d"))
	meter.Float64ObservableUpDownCounter("noetl.pending", metric.WithDescription("d"))

	meter.Int64Counter("noetl.no.description") // OTel descriptions are optional (rules.metricnaming.require_help.otel)
	meter.Int64Counter("noetl.opts.hidden", opts...)

	hopts := []metric.Float64HistogramOption{metric.WithUnit("ms"), metric.WithDescription("d")} // want `instrument unit "ms" is not a base unit`
	meter.Float64Histogram("noetl.fetch.duration", hopts...)
	sopts := []metric.Float64HistogramOption{metric.WithUnit("s"), metric.WithDescription("d")}
	meter.Float64Histogram("noetl.fetch.latency", sopts...)
	meter.Float64Histogram("noetl.store.latency", append(sopts, metric.WithExplicitBucketBoundaries(1, 2))...)
	meter.Float64Histogram("noetl.load.latency", secondsOpt()) // a helper may set the unit
	meter.Int64Counter("noetl.loads", secondsOpt())            // or the description
}

func secondsOpt() metric.InstrumentOption { return metric.WithUnit("s") }
