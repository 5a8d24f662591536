# shellcheck shell=bash
# Sourced by the start/stop/status scripts after streamlab-env.sh (never run directly): the one
# place that knows how a server of the kit is started, found, waited for and stopped, in the
# manner of Spark's sbin/spark-daemon.sh.
#
# A daemon is named SERVICE-N (zookeeper-1, kafka-2, spark-master-1, spark-worker-1). It has
#   $STREAMLAB_PID_DIR/NAME.pid    its process id
#   $STREAMLAB_PID_DIR/NAME.info   port=... and ui=... lines for bin/status
#   $STREAMLAB_LOG_DIR/NAME.log    its stdout and stderr (the previous run's log is kept as NAME.log.1)
# and its JVM carries -Dstreamlab.daemon=NAME@PID_DIR, so that a PID file left behind never makes
# us signal an unrelated process that happens to reuse the number. Nothing here stops a process
# by name pattern: only PIDs from our own PID files, after that identity check.
#
# Read here: STREAMLAB_PID_DIR STREAMLAB_LOG_DIR STREAMLAB_WAIT_SECONDS STREAMLAB_STOP_SECONDS
#   STREAMLAB_BIND JAVA

daemon_pid_file() { echo "$STREAMLAB_PID_DIR/$1.pid"; }
daemon_info_file() { echo "$STREAMLAB_PID_DIR/$1.info"; }
daemon_log_file() { echo "$STREAMLAB_LOG_DIR/$1.log"; }
daemon_marker() { echo "-Dstreamlab.daemon=$1@$STREAMLAB_PID_DIR"; }

# daemon_pid NAME: prints the PID from NAME's PID file (empty when there is none).
daemon_pid() {
  local f; f="$(daemon_pid_file "$1")"
  if [ -f "$f" ]; then tr -dc '0-9' <"$f"; fi
}

# daemon_is_ours NAME PID: true when PID is alive and is the JVM we started as NAME.
daemon_is_ours() {
  local name="$1" pid="$2" marker
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  marker="$(daemon_marker "$name")"
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF -- "$marker"
  else
    ps -ww -p "$pid" -o args= 2>/dev/null | grep -qF -- "$marker"
  fi
}

# daemon_status NAME: 0 running, 1 PID file left by a process that is gone, 2 not running.
daemon_status() {
  local pid; pid="$(daemon_pid "$1")"
  if [ -z "$pid" ] && [ ! -f "$(daemon_pid_file "$1")" ]; then return 2; fi
  daemon_is_ours "$1" "$pid" && return 0
  return 1
}

# state_get FILE KEY: the value of a KEY=VALUE line in FILE (empty when either is missing).
state_get() {
  [ -f "$1" ] || return 0
  sed -n "s/^$2=//p" "$1" | head -n 1
}

# daemon_info NAME KEY: a value written by daemon_launch (port, ui), empty when unknown.
daemon_info() { state_get "$(daemon_info_file "$1")" "$2"; }

# daemon_names SERVICE: NAMEs of SERVICE that have a PID file, in instance order.
daemon_names() {
  local f
  [ -d "$STREAMLAB_PID_DIR" ] || return 0
  for f in "$STREAMLAB_PID_DIR/$1"-*.pid; do
    f="$(basename "$f" .pid)"
    f="${f#"$1"-}"
    case "$f" in ''|*[!0-9]*) continue ;; esac
    echo "$f"
  done | sort -n | sed "s/^/$1-/"
}

port_open() {
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>'/dev/tcp/$1/$2'" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

# Ports handed out by free_port in this shell, so that two services never get the same free port.
taken_ports=" "
# free_port VAR FIRST: sets VAR to the first port from FIRST up that nothing listens on on
# $STREAMLAB_BIND and that this shell has not handed out yet.
free_port() {
  local p="$2"
  while [[ "$taken_ports" == *" $p "* ]] || port_open "$STREAMLAB_BIND" "$p"; do
    p=$((p + 1))
    [ "$p" -lt $(($2 + 100)) ] || die "no free port from $2 to $p on $STREAMLAB_BIND"
  done
  taken_ports+="$p "
  printf -v "$1" '%s' "$p"
}

# Servers of a script's own (bin/bench, bin/build-cds), which never meet a lab's: state in the caller's
# $own_var and the ports in its own_kafka_port, own_controller_port, own_master_port, own_master_ui and
# own_worker_ui (unset or empty ones keep the defaults).
# own CMD...: runs a bin/ script on them.
# shellcheck disable=SC2154 # own_var is the caller's
own() {
  env STREAMLAB_VAR="$own_var" STREAMLAB_LOG_DIR="$own_var/log" STREAMLAB_PID_DIR="$own_var/run" \
    STREAMLAB_DATA_DIR="$own_var/data" KAFKA_PORT="${own_kafka_port:-}" KAFKA_CONTROLLER_PORT="${own_controller_port:-}" \
    SPARK_MASTER_PORT="${own_master_port:-}" SPARK_MASTER_WEBUI_PORT="${own_master_ui:-}" \
    SPARK_WORKER_WEBUI_PORT="${own_worker_ui:-}" \
    SPARK_MASTER_URL="${own_master_port:+spark://$STREAMLAB_BIND:$own_master_port}" "$@"
}
# check_own_var_idle NAME...: a server of its own left running by an interrupted earlier run: say so
# rather than start a second one.
check_own_var_idle() {
  local name pid STREAMLAB_PID_DIR="$own_var/run"
  for name in "$@"; do
    pid="$(daemon_pid "$name")"
    daemon_is_ours "$name" "$pid" || pid=""
    [ -z "$pid" ] || die "$name of an earlier $(basename "$0") run still runs as process $pid. Stop it first: STREAMLAB_VAR=$own_var bin/stop-all"
  done
}

# Prints the last lines of NAME's log and where it is, for every startup error.
daemon_log_tail() {
  local log; log="$(daemon_log_file "$1")"
  if [ -f "$log" ]; then
    echo "---- last lines of $log ----" >&2
    tail -n "${2:-25}" "$log" >&2
    echo "---- (full log: $log) ----" >&2
  else
    echo "(no log at $log)" >&2
  fi
}

# Refuses to start NAME when it runs; clears a stale PID file.
daemon_check_not_running() {
  local name="$1" pid rc=0
  daemon_status "$name" || rc=$?
  case "$rc" in
    0) pid="$(daemon_pid "$name")"; die "$name is running as process $pid. Stop it first." ;;
    1) rm -f "$(daemon_pid_file "$name")" "$(daemon_info_file "$name")" ;;
  esac
}

# daemon_launch NAME PORT UI -- JAVA_ARGS...
# Starts "$JAVA" JAVA_ARGS in the background with nohup, writes the PID and info files and checks
# that the JVM survived its first moment. PORT must be free (checked on $STREAMLAB_BIND). UI may be
# "-" when the daemon has no web UI. Does not wait for readiness: see daemon_wait_ready.
daemon_launch() {
  local name="$1" port="$2" ui="$3" log pid
  shift 3
  [ "${1:-}" = "--" ] && shift
  mkdir -p "$STREAMLAB_PID_DIR" "$STREAMLAB_LOG_DIR"
  daemon_check_not_running "$name"
  if port_open "$STREAMLAB_BIND" "$port"; then
    die "cannot start $name: port $port on $STREAMLAB_BIND is already in use by another program"
  fi
  log="$(daemon_log_file "$name")"
  [ -f "$log" ] && mv -f "$log" "$log.1"
  echo "$(date '+%Y-%m-%d %H:%M:%S') starting $name: $JAVA $*" >"$log"
  nohup "$JAVA" "$(daemon_marker "$name")" "$@" >>"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(daemon_pid_file "$name")"
  printf 'port=%s\nui=%s\n' "$port" "$ui" >"$(daemon_info_file "$name")"
  # A JVM with a bad flag or a missing class dies at once: say so here, with its log.
  sleep 0.5
  if ! daemon_is_ours "$name" "$pid"; then
    rm -f "$(daemon_pid_file "$name")" "$(daemon_info_file "$name")"
    echo "$(basename "$0"): $name failed to start: the JVM exited at once." >&2
    daemon_log_tail "$name"
    exit 1
  fi
  echo "started $name (process $pid), log: $log"
}

# daemon_wait_ready NAME [LOG_PATTERN]: waits up to $STREAMLAB_WAIT_SECONDS until NAME's port
# accepts connections and, if given, a line matching LOG_PATTERN (grep -E) is in its log.
daemon_wait_ready() {
  local name="$1" pattern="${2:-}" port pid log deadline
  port="$(daemon_info "$name" port)"
  pid="$(daemon_pid "$name")"
  log="$(daemon_log_file "$name")"
  deadline=$((SECONDS + STREAMLAB_WAIT_SECONDS))
  while :; do
    if ! daemon_is_ours "$name" "$pid"; then
      rm -f "$(daemon_pid_file "$name")" "$(daemon_info_file "$name")"
      echo "$(basename "$0"): $name failed to start: process $pid exited during startup." >&2
      daemon_log_tail "$name"
      exit 1
    fi
    if port_open "$STREAMLAB_BIND" "$port" && { [ -z "$pattern" ] || grep -qE -- "$pattern" "$log"; }; then
      echo "$name is ready on $STREAMLAB_BIND:$port"
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$(basename "$0"): $name not ready after ${STREAMLAB_WAIT_SECONDS}s (port $STREAMLAB_BIND:$port${pattern:+, log line /$pattern/})." >&2
      echo "It still runs as process $pid; stop it with the matching bin/stop-* script. Raise STREAMLAB_WAIT_SECONDS on a slow machine." >&2
      daemon_log_tail "$name"
      exit 1
    fi
    sleep 0.5
  done
}

# daemon_signal_stop NAME: sends SIGTERM to NAME if it runs; clears a stale PID file. Prints
# what it did. Lets stop scripts signal several daemons before waiting for any of them.
daemon_signal_stop() {
  local name="$1" pid rc=0
  daemon_status "$name" || rc=$?
  case "$rc" in
    0) pid="$(daemon_pid "$name")"; echo "stopping $name (process $pid)"; kill -TERM "$pid" 2>/dev/null || true ;;
    1) echo "$name was not running (removed its stale PID file)"
       rm -f "$(daemon_pid_file "$name")" "$(daemon_info_file "$name")" ;;
    2) ;;
  esac
}

# daemon_await_stop NAME: waits up to $STREAMLAB_STOP_SECONDS for NAME to exit after SIGTERM,
# then sends SIGKILL. Removes the PID file once the process is gone.
daemon_await_stop() {
  local name="$1" pid deadline
  pid="$(daemon_pid "$name")"
  if [ -n "$pid" ] && daemon_is_ours "$name" "$pid"; then
    deadline=$((SECONDS + STREAMLAB_STOP_SECONDS))
    while daemon_is_ours "$name" "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.3; done
    if daemon_is_ours "$name" "$pid"; then
      echo "$name did not stop within ${STREAMLAB_STOP_SECONDS}s; killing process $pid" >&2
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + 10))
      while daemon_is_ours "$name" "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    fi
  fi
  rm -f "$(daemon_pid_file "$name")" "$(daemon_info_file "$name")"
}

# daemon_stop NAME...: stops each NAME (SIGTERM to all first, then wait). Safe when none runs.
daemon_stop() {
  local name
  for name in "$@"; do daemon_signal_stop "$name"; done
  for name in "$@"; do daemon_await_stop "$name"; done
}

# render_config TEMPLATE OUT KEY=VALUE...: copies TEMPLATE to OUT with every @KEY@ replaced by
# VALUE, and fails if a placeholder is left (a template and its script out of step).
render_config() {
  local template="$1" out="$2" kv key value script=""
  shift 2
  [ -f "$template" ] || die "config template $template not found"
  for kv in "$@"; do
    key="${kv%%=*}"
    value="${kv#*=}"
    value="$(printf '%s' "$value" | sed -e 's/[\\|&]/\\&/g')"
    script+="s|@$key@|$value|g;"
  done
  mkdir -p "$(dirname "$out")"
  sed -e "$script" "$template" >"$out"
  if grep -qE '@[A-Z_]+@' "$out"; then
    die "$out: placeholder left unreplaced: $(grep -oE '@[A-Z_]+@' "$out" | head -n 1)"
  fi
}
