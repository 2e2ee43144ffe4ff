module kmsg/bench/sink

go 1.19
