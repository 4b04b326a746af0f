package directives

//obscheck:ignore execidfield
var A = 1

//obscheck:ignore nosuchrule because
var B = 2

// C is documented.
//
//obscheck:ignore execidfield nothing to suppress here
var C = 3
