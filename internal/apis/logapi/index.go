package logapi

import (
	"go/types"
	"maps"
	"sync"

	"github.com/obscheck/obscheck/internal/apis"
	"github.com/obscheck/obscheck/internal/funcname"
)

// entry is one function of a knowledge file, its roles resolved to
// argument positions.
type entry struct {
	lib    *apis.Library
	fn     apis.LogFunc
	method bool // the receiver is the logger (or event)
	shape
}

// shape is where each role's argument is; -1 when absent.
type shape struct {
	level, ctx, err, msg, key, value, fieldmap, group, logger int
	format, msgFunc                                           bool
	rest                                                      int       // the variadic parameter
	restRole                                                  apis.Role // its role
}

func newShape(roles []apis.Role) shape {
	s := shape{level: -1, ctx: -1, err: -1, msg: -1, key: -1, value: -1, fieldmap: -1, group: -1, logger: -1, rest: -1}
	for i, r := range roles {
		switch r {
		case apis.RoleLevel:
			s.level = i
		case apis.RoleCtx:
			s.ctx = i
		case apis.RoleErr:
			s.err = i
		case apis.RoleMsg:
			s.msg = i
		case apis.RoleMsgFunc:
			s.msg, s.msgFunc = i, true
		case apis.RoleFormat:
			s.msg, s.format = i, true
		case apis.RoleKey:
			s.key = i
		case apis.RoleValue:
			s.value = i
		case apis.RoleFieldMap:
			s.fieldmap = i
		case apis.RoleGroup:
			s.group = i
		case apis.RoleLogger:
			s.logger = i
		case apis.RoleKV, apis.RoleFields, apis.RoleAttrs, apis.RoleArgs, apis.RoleRest:
			s.rest, s.restRole = i, r
		}
	}
	return s
}

// index is every logging knowledge file's tables, merged and keyed for
// the decoder.
type index struct {
	calls, starters, derives map[string]*entry
	loggers                  map[funcname.TypeKey]*apis.Library
	sugar                    map[funcname.TypeKey]bool
	fieldCtors               map[string]apis.FieldCtor
	fieldRender              map[string]apis.Render
	callsFilter              funcname.Filter
	packages                 map[string]bool
	libs                     []*apis.Library
	builders                 map[string]*apis.FieldBuilders
}

// idx is built on first use: the knowledge files are package variables of
// apis, complete before any analysis runs.
var idx = sync.OnceValue(func() *index {
	x := &index{
		calls: map[string]*entry{}, starters: map[string]*entry{}, derives: map[string]*entry{},
		loggers: map[funcname.TypeKey]*apis.Library{}, sugar: map[funcname.TypeKey]bool{},
		fieldCtors: map[string]apis.FieldCtor{}, fieldRender: map[string]apis.Render{},
		libs: apis.Logging(), builders: map[string]*apis.FieldBuilders{},
	}
	for _, lib := range x.libs {
		if b := lib.Log.Builders; b != nil {
			x.builders[b.Package] = b
		}
		l := lib.Log
		add := func(dst map[string]*entry, src map[string]apis.LogFunc) {
			for name, f := range src {
				roles, err := f.Roles()
				n, perr := funcname.Parse(name)
				if err != nil || perr != nil {
					continue // TestRoles and the conformance test fail on it
				}
				dst[name] = &entry{lib: lib, fn: f, method: n.Recv != "", shape: newShape(roles)}
			}
		}
		add(x.calls, l.Calls)
		add(x.starters, l.Starters)
		add(x.derives, l.Derives)
		for k := range funcname.TypeKeys(setOf(l.Loggers)) {
			x.loggers[k] = lib
		}
		for k := range funcname.TypeKeys(setOf(l.SugarLoggers)) {
			x.sugar[k] = true
		}
		maps.Copy(x.fieldCtors, l.FieldCtors)
		maps.Copy(x.fieldRender, l.FieldRender)
	}
	x.callsFilter = funcname.NewFilter(maps.Keys(x.calls))
	x.packages = funcname.Packages(maps.Keys(x.calls))
	return x
})

func setOf(s []string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// Packages are the packages of the log functions the knowledge files
// describe.
func Packages() map[string]bool { return idx().packages }

// IsLogger reports whether t (or what it points to) is a logger type of a
// known library.
func IsLogger(t types.Type) bool {
	return LoggerLib(t) != nil
}

// LoggerLib returns the library of logger type t, or nil.
func LoggerLib(t types.Type) *apis.Library {
	if t == nil {
		return nil
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	k, ok := funcname.KeyOf(t)
	if !ok {
		return nil
	}
	return idx().loggers[k] // asked for most assignments: no string built
}

// IsLibraryPackage reports whether path is a package of a logging library.
func IsLibraryPackage(path string) bool {
	for _, l := range idx().libs {
		if l.Covers(path) {
			return true
		}
	}
	return false
}
