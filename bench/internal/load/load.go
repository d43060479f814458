// Package load holds what the benchmarks that drive a running thelist serve
// share (bench/api, bench/overload): starting a server of their own in its
// own process group, stopping that one process only, waiting for it to be
// ready, and a free port to give it.
package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// Proc is a process a benchmark started, in its own process group, with
// its output in a log file.
type Proc struct {
	cmd  *exec.Cmd
	Log  string
	done chan error
}

// Start runs name with args in dir (the current folder when empty), its
// output to logFile.
func Start(logFile string, env []string, dir, name string, args ...string) (*Proc, error) {
	f, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(name, args...)
	cmd.Env, cmd.Dir, cmd.Stdout, cmd.Stderr = env, dir, f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &Proc{cmd: cmd, Log: logFile, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait(); f.Close() }()
	return p, nil
}

// Stop ends the process it started, and only that one: SIGTERM, and SIGKILL
// after grace.
func (p *Proc) Stop(grace time.Duration) {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// WaitUntil checks cond every 300 ms until it holds, and fails when the
// process exits, ctx ends or limit passes first.
func (p *Proc) WaitUntil(ctx context.Context, limit time.Duration, cond func() bool) error {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return errors.New("not within " + limit.String())
		}
		select {
		case err := <-p.done:
			p.done <- err
			return fmt.Errorf("exited: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
	return nil
}

// FreePort is a TCP port of 127.0.0.1 that nothing listens on now.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// HTTPOK is a condition for WaitUntil: a GET of url answers 200.
func HTTPOK(url string) func() bool {
	return func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
}

// Serve starts thelist serve (the binary thelist) on a free port of
// 127.0.0.1 with the rate limit off and args added, its output to logFile,
// and waits within limit until it has warmed its plans (it logs "plans
// warmed", or "warm up plans" when that failed), as a server would before
// it takes traffic: the benchmarks measure a warm server, not cold plans,
// which take minutes on a busy 2-core machine with a large graph. It
// returns the process and the server's base URL.
func Serve(ctx context.Context, thelist, logFile string, env []string, limit time.Duration, args ...string) (*Proc, string, error) {
	port, err := FreePort()
	if err != nil {
		return nil, "", err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	p, err := Start(logFile, env, "", thelist, append([]string{"serve", "--addr", addr, "--rate-limit", "off"}, args...)...)
	if err != nil {
		return nil, "", err
	}
	if err := p.WaitUntil(ctx, limit, func() bool {
		b, _ := os.ReadFile(logFile)
		return bytes.Contains(b, []byte("plans warmed")) || bytes.Contains(b, []byte("warm up plans"))
	}); err != nil {
		p.Stop(10 * time.Second)
		return nil, "", fmt.Errorf("thelist serve did not warm its plans: %w (see %s)", err, logFile)
	}
	return p, "http://" + addr, nil
}
