module example.com/listerr

go 1.22
