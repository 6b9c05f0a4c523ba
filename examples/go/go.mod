module vshop.example/host

go 1.19
