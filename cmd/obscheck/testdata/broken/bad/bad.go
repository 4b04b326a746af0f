package bad

var X int = "not an int"
