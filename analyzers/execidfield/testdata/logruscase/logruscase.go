package logruscase

import (
	"example.com/eid/logging"
	"github.com/sirupsen/logrus"
)

func levels(l *logrus.Logger, e *logrus.Entry, fl logrus.FieldLogger, err error) {
	logrus.Error("no id")           // want `logrus ERROR log without the correlation field "execution_id": .* \(e := l.WithField\("execution_id", id\)\)`
	logrus.Warnf("no id %d", 1)     // want `logrus WARN log without`
	logrus.Warningln("no id")       // want `logrus WARN log without`
	l.Errorf("no id")               // want `logrus ERROR log without`
	l.Fatal("no id")                // want `logrus FATAL log without`
	l.Panicln("no id")              // want `logrus PANIC log without`
	e.Error("no id")                // want `logrus ERROR log without`
	fl.Errorf("no id")              // want `logrus ERROR log without`
	l.Log(logrus.ErrorLevel, "no")  // want `logrus ERROR log without`
	l.WithError(err).Error("no id") // want `logrus ERROR log without`
	l.Info("ok: info")
	logrus.Debugf("ok: debug")
	l.Log(logrus.InfoLevel, "ok: info")
}

func fields(l *logrus.Logger, id string, fs logrus.Fields) {
	l.WithField("execution_id", id).Error("ok")
	l.WithField(logging.KeyExecutionID, id).Warnf("ok %d", 1)
	logrus.WithField("execution_id", id).Error("ok: package WithField")
	l.WithFields(logrus.Fields{"execution_id": id, "n": 1}).Error("ok")
	l.WithFields(fs).Error("ok: fields not visible")
	l.WithField("x", id).WithField("execution_id", id).Error("ok: chain")
	l.WithFields(logrus.Fields{"n": 1}).Error("without the key") // want `logrus ERROR log without`
}

func derived(l *logrus.Logger, id string) {
	e := l.WithField("execution_id", id)
	e.Error("ok: derived entry")
	e.WithField("n", 1).Warn("ok: derived from the derived entry")
	var fl logrus.FieldLogger = e
	fl.Errorf("ok: interface holding the derived entry")
}

type handler struct{ log *logrus.Entry } // want log:"carries execution_id"

func newHandler(id string) *handler {
	return &handler{log: logrus.WithField("execution_id", id)}
}

func (h *handler) serve() { h.log.Error("ok: field") }
