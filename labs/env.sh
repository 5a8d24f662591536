# shellcheck shell=bash
# labs/env.sh: source it once in every terminal you use for the labs (bash or zsh), from the kit's top folder:
#
#   source labs/env.sh
#
# It defines the few names the lab commands use, from the same defaults as bin/streamlab-env.sh
# (and the same overrides: KAFKA_PORT=19092 moves the broker and $BOOTSTRAP with it):
#   BOOTSTRAP        the Kafka broker Kafka's own tools talk to (--bootstrap-server "$BOOTSTRAP")
#   ZOOKEEPER        the ZooKeeper server (host:port)
#   SPARK_UI         the Spark master's web UI (its JSON view is "$SPARK_UI/json/")
#   SPARK_WORKER_UI  the first Spark worker's web UI
#   STREAMLAB_VAR    the kit's state folder (PID files in run/, logs in log/, checkpoints/)
#   LABS             a scratch folder for the files the labs write ($STREAMLAB_VAR/labs)
# The kit's own commands (bin/streamlab ...) need none of them: they use the same defaults.
_labs_bind="${STREAMLAB_BIND:-127.0.0.1}"
# This file's own path: zsh sets no BASH_SOURCE (its %x prompt escape names the file being sourced; eval keeps
# that syntax away from bash's parser).
if [ -n "${ZSH_VERSION:-}" ]; then eval '_labs_self="${(%):-%x}"'; else _labs_self="${BASH_SOURCE[0]:-$0}"; fi
_labs_home="$(cd "$(dirname "$_labs_self")/.." >/dev/null && pwd)"
export STREAMLAB_VAR="${STREAMLAB_VAR:-$_labs_home/var}"
export BOOTSTRAP="${STREAMLAB_BOOTSTRAP_SERVER:-$_labs_bind:${KAFKA_PORT:-9092}}"
export ZOOKEEPER="$_labs_bind:${ZK_PORT:-2181}"
export SPARK_UI="http://$_labs_bind:${SPARK_MASTER_WEBUI_PORT:-8080}"
export SPARK_WORKER_UI="http://$_labs_bind:${SPARK_WORKER_WEBUI_PORT:-8081}"
export LABS="$STREAMLAB_VAR/labs"
mkdir -p "$LABS"
unset _labs_bind _labs_home _labs_self
