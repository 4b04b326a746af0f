package directives

//obscheck:ignore execidfield
var T = 1
