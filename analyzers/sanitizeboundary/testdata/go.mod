module example.com/sb

go 1.26.0
