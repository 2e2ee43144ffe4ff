// Command sink is the HTTP downstream for bench/sink.sh: a small, fast local server that
// answers every POST with 204 No Content at once and counts the requests.
//
//	sink -port 18080 [-addr 127.0.0.1]
//
//	POST <any path>   -> 204, counted (the body is read and dropped, so keep-alive works)
//	GET  /count       -> 200, the number of POSTs so far as a decimal number and a newline
//	HEAD / GET other  -> 204, not counted (kmsg probes the URL with HEAD at start-up)
//
// Standard library only; keep-alive is on (net/http's default). It listens on the loopback
// address only and stops on SIGINT/SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

var posts atomic.Uint64

func handle(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost:
		// Drain the body so the connection can be reused for the next request.
		_, _ = io.Copy(io.Discard, r.Body)
		posts.Add(1)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && r.URL.Path == "/count":
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, strconv.FormatUint(posts.Load(), 10)+"\n")
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1", "address to listen on (keep it on loopback)")
	port := flag.Int("port", 18080, "TCP port to listen on")
	flag.Parse()

	ln, err := net.Listen("tcp", net.JoinHostPort(*addr, strconv.Itoa(*port)))
	if err != nil {
		log.Fatalf("sink: %v", err)
	}
	srv := &http.Server{
		Handler:           http.HandlerFunc(handle),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       5 * time.Minute,
	}
	srv.SetKeepAlivesEnabled(true)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-stop
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()

	fmt.Fprintf(os.Stderr, "sink: listening on %s\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		log.Fatalf("sink: %v", err)
	}
	fmt.Fprintf(os.Stderr, "sink: stopped after %d POSTs\n", posts.Load())
}
