package policy

import "reflect"

// Severities a rule may have (rules.<rule>.severity).
const (
	SeverityError   = "error"   // reported, and fails the run (the default)
	SeverityWarning = "warning" // reported, does not fail the run
)

// Severity returns the named rule's severity: SeverityError unless the
// policy says warning.
func (p *Policy) Severity(rule string) string {
	if f := severityField(&p.Rules, rule); f.IsValid() && f.String() == SeverityWarning {
		return SeverityWarning
	}
	return SeverityError
}

// severityField is the Severity field of the named rule's options, found
// by the rule's yaml key, so a new rule needs no code here.
func severityField(r *Rules, rule string) reflect.Value {
	v := reflect.ValueOf(r).Elem()
	for i := 0; i < v.NumField(); i++ {
		if yamlName(v.Type().Field(i)) == rule {
			return v.Field(i).FieldByName("Severity")
		}
	}
	return reflect.Value{}
}

// defaultSeverities spells out the default severity of every rule, so
// that `obscheck init` and `obscheck explain` show the key.
func defaultSeverities(r *Rules) {
	v := reflect.ValueOf(r).Elem()
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i).FieldByName("Severity"); f.IsValid() {
			f.SetString(SeverityError)
		}
	}
}
