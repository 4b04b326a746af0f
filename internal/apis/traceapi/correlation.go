package traceapi

// Knowledge for the spancorrelation rule: where a request or message
// gives a value by name (a header, a query or path parameter, gRPC
// metadata), and which parameter types make a function a message
// consumer.

// KeyedReads read a value of a request or message by name; the value is
// the argument index of the name. Reading a correlation key this way puts
// the correlation value in scope.
var KeyedReads = map[string]int{
	"(" + NetHTTP + ".Header).Get":         0,
	"(net/url.Values).Get":                 0,
	"(*" + NetHTTP + ".Request).PathValue": 0,
	"(*" + NetHTTP + ".Request).FormValue": 0,
	"(" + Nats + ".Header).Get":            0,
	"(" + GRPC + "/metadata.MD).Get":       0,
	Chi + ".URLParam":                      1,
	Chi + ".URLParamFromCtx":               1,
	"(*" + Gin + ".Context).Param":         0,
	"(*" + Gin + ".Context).Query":         0,
	"(*" + Gin + ".Context).DefaultQuery":  0,
	"(*" + Gin + ".Context).PostForm":      0,
	"(*" + Gin + ".Context).GetHeader":     0,
	"(" + Echo + ".Context).Param":         0,
	"(" + Echo + ".Context).QueryParam":    0,
	"(" + Echo + ".Context).FormValue":     0,
}

// MessageTypes are the message types of the consumer libraries, as
// funcname.TypeIs reads them: a span started in a function with a
// parameter of one of them (a handler's message, a loop's record) is a
// consumer span.
var MessageTypes = []string{
	"*" + Nats + ".Msg",
	JetStream + ".Msg",
	"*" + Sarama + ".ConsumerMessage",
	"*" + OldSarama + ".ConsumerMessage",
	KafkaGo + ".Message",
	"*" + Kgo + ".Record",
}
