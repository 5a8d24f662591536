# shellcheck shell=bash
# Sourced by every bin/ script (never run directly). Every default can be overridden from the
# environment, e.g. `KAFKA_PORT=19092 bin/start-kafka`. Tests use that to run on free ports with
# their own STREAMLAB_VAR, so they never touch a running lab.
#
# Read here: STREAMLAB_HOME STREAMLAB_VAR STREAMLAB_BUILD STREAMLAB_JAR STREAMLAB_BIND JAVA_HOME STREAMLAB_JAVA_CHECK
#   ZK_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_LIBS KAFKA_HEAP_OPTS
#   SPARK_HOME SPARK_CONF_DIR SPARK_MASTER_PORT SPARK_MASTER_WEBUI_PORT SPARK_WORKER_WEBUI_PORT
#   STREAMLAB_DRIVER_MEMORY STREAMLAB_GC_OPTS STREAMLAB_JAVA_OPTS STREAMLAB_CDS STREAMLAB_WAIT_SECONDS
#   ZK_HEAP_OPTS STREAMLAB_STOP_SECONDS SPARK_DAEMON_MEMORY SPARK_WORKER_CORES SPARK_WORKER_MEMORY
#   SPARK_MASTER_URL
if [ -z "${STREAMLAB_ENV_LOADED:-}" ]; then
  STREAMLAB_ENV_LOADED=1

  STREAMLAB_HOME="${STREAMLAB_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
  # State, logs and PID files: one ignored folder.
  STREAMLAB_VAR="${STREAMLAB_VAR:-$STREAMLAB_HOME/var}"
  STREAMLAB_LOG_DIR="${STREAMLAB_LOG_DIR:-$STREAMLAB_VAR/log}"
  STREAMLAB_PID_DIR="${STREAMLAB_PID_DIR:-$STREAMLAB_VAR/run}"
  STREAMLAB_DATA_DIR="${STREAMLAB_DATA_DIR:-$STREAMLAB_VAR/data}"
  STREAMLAB_BUILD="${STREAMLAB_BUILD:-$STREAMLAB_HOME/target}"
  STREAMLAB_JAR="${STREAMLAB_JAR:-$STREAMLAB_BUILD/streamlab.jar}"
  # Every server binds here unless the user asks otherwise.
  STREAMLAB_BIND="${STREAMLAB_BIND:-127.0.0.1}"
  STREAMLAB_WAIT_SECONDS="${STREAMLAB_WAIT_SECONDS:-60}"   # bound on every readiness wait
  STREAMLAB_STOP_SECONDS="${STREAMLAB_STOP_SECONDS:-30}"   # SIGTERM grace before SIGKILL

  ZK_PORT="${ZK_PORT:-2181}"
  ZK_HEAP_OPTS="${ZK_HEAP_OPTS:--Xmx256m}"
  KAFKA_PORT="${KAFKA_PORT:-9092}"                       # broker N listens on KAFKA_PORT+N-1
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19092}" # KRaft only; broker N: +N-1
  KAFKA_LIBS="${KAFKA_LIBS:-$STREAMLAB_BUILD/runtime/kafka/libs}"
  KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"

  SPARK_HOME="${SPARK_HOME:-$STREAMLAB_BUILD/runtime/spark}"
  SPARK_CONF_DIR="${SPARK_CONF_DIR:-$STREAMLAB_HOME/conf/spark}"
  SPARK_MASTER_PORT="${SPARK_MASTER_PORT:-7077}"
  SPARK_MASTER_WEBUI_PORT="${SPARK_MASTER_WEBUI_PORT:-8080}"
  SPARK_WORKER_WEBUI_PORT="${SPARK_WORKER_WEBUI_PORT:-8081}"  # worker N: +N-1
  SPARK_MASTER_URL="${SPARK_MASTER_URL:-spark://$STREAMLAB_BIND:$SPARK_MASTER_PORT}"
  SPARK_DAEMON_MEMORY="${SPARK_DAEMON_MEMORY:-512m}"     # heap of the master and worker JVMs
  SPARK_WORKER_CORES="${SPARK_WORKER_CORES:-2}"          # what one worker offers to executors
  SPARK_WORKER_MEMORY="${SPARK_WORKER_MEMORY:-2g}"
  # Without SPARK_SCALA_VERSION a worker's executors die with "Cannot find any build directories".
  SPARK_SCALA_VERSION=2.12
  SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$STREAMLAB_BIND}"
  STREAMLAB_DRIVER_MEMORY="${STREAMLAB_DRIVER_MEMORY:-2g}"
  # The collector of the kit's JVMs (bin/streamlab, the driver of bin/submit-job). The parallel collector
  # processed 2 million readings 9% faster than G1, Java's default, on 2 cores: G1's barriers and its
  # concurrent threads compete with Spark's tasks. Set to "" for the JVM's default, or to another -XX:+Use...GC.
  STREAMLAB_GC_OPTS="${STREAMLAB_GC_OPTS--XX:+UseParallelGC}"
  # The class-data archive next to the jar (bin/build-cds, run by make build): the JVM maps the classes
  # that a training run of the kit loaded instead of reading them from the jars and verifying them, which
  # saves about 3 s of start-up and 1 s of the job's first micro-batch. Used while it is newer than the
  # jar; STREAMLAB_CDS=off runs without it.
  STREAMLAB_CDS="${STREAMLAB_CDS:-on}"
  export SPARK_HOME SPARK_CONF_DIR SPARK_SCALA_VERSION SPARK_LOCAL_IP

  die() { echo "$(basename "$0"): $*" >&2; exit 1; }

  # The JDK (bin/jdk.sh): JAVA_HOME, macOS's java_home -v 17, java on PATH. Scripts that start a JVM call
  # require_java, which refuses a missing or unsupported one in one line; the others (stop, status) work
  # whatever the JDK. Exported, so that Maven, Spark's workers and child scripts use the same one.
  # shellcheck source=bin/jdk.sh
  . "$STREAMLAB_HOME/bin/jdk.sh"
  JAVA=java
  if jdk_find; then export JAVA_HOME="$JDK_HOME"; fi

  # Spark 3.5 on Java 17: what Spark's launcher adds on the spark-submit path (JavaModuleOptions). The list
  # is conf/jvm-module-flags.txt, which the tests' JVM reads too (pom.xml); one flag a line, # for comments.
  SPARK_JAVA17_OPTS=()
  while IFS= read -r jvm_flag || [ -n "$jvm_flag" ]; do
    case "$jvm_flag" in '' | '#'*) continue ;; esac
    SPARK_JAVA17_OPTS+=("$jvm_flag")
  done <"$STREAMLAB_HOME/conf/jvm-module-flags.txt"
  unset jvm_flag

  # The class-data archive that goes with a copy of the jar: its name, .jsa for .jar.
  cds_archive() { echo "${1%.jar}.jsa"; }
  # The JVM an archive was written by (bin/build-cds): an archive serves only that JVM build, and any
  # other one warns at every start that it cannot use it.
  cds_jvm_file() { echo "${1%.jar}.jvm"; }
  # cds_current JAR: JAR's archive is there, newer than JAR, written by this JDK, and not turned off.
  cds_current() {
    [ "$STREAMLAB_CDS" != off ] && [ "$(cds_archive "$1")" -nt "$1" ] \
      && [ "$(cat "$(cds_jvm_file "$1")" 2>/dev/null)" = "$(jdk_id)" ]
  }

  # The kit's class path without Spark's conf folder, which comes after it: an archive's class path
  # cannot hold a folder with files in it, and the JVM uses an archive whose class path starts its own.
  kit_archive_class_path() { echo "$STREAMLAB_JAR:$SPARK_HOME/jars/*"; }

  # kit_jvm: sets KIT_JVM to a JVM on the kit's class path, started as bin/streamlab starts it (heap,
  # Java 17 flags, collector, archive, STREAMLAB_JAVA_OPTS, log configuration); the main class follows.
  kit_jvm() {
    local jsa cds=()
    require_java
    jsa="$(cds_archive "$STREAMLAB_JAR")"
    if cds_current "$STREAMLAB_JAR"; then
      case " ${STREAMLAB_JAVA_OPTS:-} " in
        # Java 17.0.15 crashes loading an archived class while a class-file hook is on from the start
        # (an agent, a flight recording); and options of its own for the archive win.
        *-javaagent*|*-agentlib*|*-agentpath*|*StartFlightRecording*|*Xshare*|*SharedArchiveFile*|*DumpLoadedClassList*|*ArchiveClassesAtExit*) ;;
        *) cds=(-XX:SharedArchiveFile="$jsa") ;;
      esac
    fi
    # shellcheck disable=SC2206,SC2034 # the option variables hold several words on purpose; KIT_JVM is for the caller
    KIT_JVM=("$JAVA" -Xmx"$STREAMLAB_DRIVER_MEMORY" "${SPARK_JAVA17_OPTS[@]}" $STREAMLAB_GC_OPTS ${cds[@]+"${cds[@]}"}
      ${STREAMLAB_JAVA_OPTS:-} -Dstreamlab.home="$STREAMLAB_HOME"
      -Dlog4j2.configurationFile="$SPARK_CONF_DIR/log4j2.properties" -cp "$(kit_archive_class_path):$SPARK_CONF_DIR")
  }

  # The runtimes come from `make build`; say so instead of failing with a ClassNotFoundException.
  require_kafka_runtime() {
    [ -d "$KAFKA_LIBS" ] && compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null \
      || die "Kafka runtime not found in $KAFKA_LIBS; run 'make build' first"
  }
  require_spark_runtime() {
    [ -d "$SPARK_HOME/jars" ] && compgen -G "$SPARK_HOME/jars/spark-core_*.jar" >/dev/null \
      || die "Spark runtime not found in $SPARK_HOME/jars; run 'make build' first"
  }
  require_jar() {
    [ -f "$STREAMLAB_JAR" ] || die "$STREAMLAB_JAR not found; run 'make build' first"
  }
fi
