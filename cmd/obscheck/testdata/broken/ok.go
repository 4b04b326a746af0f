package broken

//obscheck:ignore execidfield
var OK = 1
