module myservice

go 1.26
