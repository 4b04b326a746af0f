package logrcase

import (
	"example.com/eid/logging"
	"github.com/go-logr/logr"
	"k8s.io/klog/v2"
)

func logrCalls(l logr.Logger, id string, err error) {
	l.Error(err, "no id")         // want `logr ERROR log without the correlation field "execution_id": .* \(l = l.WithValues\("execution_id", id\)\)`
	l.Error(err, "no id", "k", 1) // want `logr ERROR log without`
	l.Error(err, "ok", "execution_id", id)
	l.Error(err, "ok", logging.KeyExecutionID, id)
	l.Info("ok: info")
	l.V(1).Info("ok: info")
	el := l.WithValues("execution_id", id)
	el.Error(err, "ok: derived")
	el.WithName("sub").V(2).Error(err, "ok: WithName and V keep the values")
	l.WithValues("execution_id", id).Error(err, "ok: chained")
	l.WithName("x").Error(err, "no id") // want `logr ERROR log without`
}

func klogCalls(l klog.Logger, id string, err error) {
	klog.ErrorS(err, "no id")                 // want `klog ERROR log without the correlation field "execution_id": .* \(logger := klog.LoggerWithValues\(logger, "execution_id", id\)\)`
	klog.ErrorSDepth(1, err, "no id", "k", 1) // want `klog ERROR log without`
	klog.ErrorS(err, "ok", "execution_id", id)
	klog.ErrorSDepth(1, err, "ok", "execution_id", id)
	klog.InfoS("ok: info")
	klog.Errorf("ok: printf-style klog cannot carry fields %v", err)
	klog.Warning("ok: not structured")
	kl := klog.LoggerWithValues(l, "execution_id", id)
	kl.Error(err, "ok: derived with klog.LoggerWithValues")
	l.Error(err, "klog.Logger is a logr.Logger")                                           // want `logr ERROR log without`
	klog.FromContext(nil).Error(err, "a logger from the context is not known to carry it") // want `logr ERROR log without`
}
