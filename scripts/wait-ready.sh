# wait-ready.sh is sourced, not run, by the scripts that start bin/thelist
# serve in the background and then drive it (scripts/e2e.sh,
# bench/frontend/run.sh), so both wait for the server the same way.

# wait_ready NAME ADDR PID LOG waits up to 30 seconds for the server PID to
# answer /readyz at ADDR. It fails, naming NAME and showing LOG, as soon as
# the server exits, or when the time is up.
wait_ready() {
  local name=$1 addr=$2 pid=$3 log=$4
  for _ in $(seq 1 60); do
    if curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name: the server exited; see $log" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "$name: the server is not ready at $addr" >&2
  return 1
}
