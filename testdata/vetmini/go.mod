module example.com/vetmini

go 1.26
