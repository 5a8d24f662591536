# shellcheck shell=bash
# Sourced by streamlab-env.sh (never run directly): which JDK the kit runs on, found the way a Java
# user expects it to be:
#   1. JAVA_HOME, when it is set;
#   2. on macOS, /usr/libexec/java_home -v 17 (any JDK 17 the system knows of, e.g. Homebrew's keg-only
#      openjdk@17 once linked into /Library/Java/JavaVirtualMachines as brew's caveats say);
#   3. java on PATH.
# The same JDK builds the jar (the Makefile asks bin/java-home) and runs every JVM of the kit, and it is
# exported as JAVA_HOME so that Maven, Spark's workers (which start executors with $JAVA_HOME/bin/java)
# and every child script use it too.
#
# Which versions work was measured (README, "Prerequisites"): Java 17 runs make demo and the test suite.
# Java 23 and later cannot: Spark 3.5's Hadoop client calls Subject.getSubject, which they refuse, and
# process stops with "getSubject is not supported" (Temurin 25 measured). 18 to 22 are accepted untested
# (no such JDK was installable where the kit is tested). Anything else is refused in one line that says
# how to select a JDK 17. STREAMLAB_JAVA_CHECK=off skips the version check, at the user's own risk.
#
# Read here: JAVA_HOME STREAMLAB_JAVA_CHECK PATH. Sets: JAVA, JDK_HOME, JDK_VERSION, JDK_ERROR (empty
# when the JDK is usable); require_java dies with JDK_ERROR.

JDK_TESTED=17
JDK_MIN=17
JDK_MAX=22

# jdk_resolve FILE: FILE with its symbolic links followed (readlink -f is GNU only, macOS 12.3+).
jdk_resolve() {
  local f="$1" l n=0
  while [ -L "$f" ] && [ "$n" -lt 40 ]; do
    l="$(readlink "$f")"
    case "$l" in /*) f="$l" ;; *) f="$(dirname "$f")/$l" ;; esac
    n=$((n + 1))
  done
  echo "$f"
}

# jdk_probe JAVA_BIN: sets JDK_HOME and JDK_VERSION (e.g. 17.0.15) of JAVA_BIN, from the release file of
# its JDK (no JVM start), else from the JVM itself (macOS's /usr/bin/java stub has no release file).
jdk_probe() {
  local bin home props
  JDK_HOME="" JDK_VERSION=""
  bin="$(jdk_resolve "$1")"
  home="$(cd "$(dirname "$bin")/.." 2>/dev/null && pwd -P)" || home=""
  if [ -n "$home" ] && [ -f "$home/release" ]; then
    JDK_VERSION="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release" | head -n 1)"
    JDK_HOME="$home"
  fi
  if [ -z "$JDK_VERSION" ]; then
    props="$("$bin" -XshowSettings:properties -version 2>&1)" || return 1
    JDK_VERSION="$(printf '%s\n' "$props" | sed -n 's/^ *java\.version = //p' | head -n 1)"
    JDK_HOME="$(printf '%s\n' "$props" | sed -n 's/^ *java\.home = //p' | head -n 1)"
  fi
  [ -n "$JDK_VERSION" ] && [ -n "$JDK_HOME" ]
}

# jdk_feature VERSION: its feature release number: 17 for 17.0.15, 8 for 1.8.0_392, 21 for 21-ea.
jdk_feature() {
  local v="${1#1.}"
  echo "${v%%[!0-9]*}"
}

jdk_is_macos() { [ "$(uname -s 2>/dev/null)" = Darwin ]; }

# How the user selects a JDK 17 on this system, for every refusal.
jdk_how_to_select() {
  if jdk_is_macos; then
    echo "Select a JDK $JDK_TESTED: export JAVA_HOME=\"\$(/usr/libexec/java_home -v $JDK_TESTED)\" (install one: brew install openjdk@$JDK_TESTED)"
  else
    echo "Select a JDK $JDK_TESTED: export JAVA_HOME=/path/to/jdk-$JDK_TESTED (Debian, Ubuntu, WSL: apt install openjdk-$JDK_TESTED-jdk-headless, then JAVA_HOME=/usr/lib/jvm/java-$JDK_TESTED-openjdk-amd64)"
  fi
}

# macOS's own registry of JDKs; /usr/libexec/java_home, else one on PATH.
jdk_macos_home() {
  local tool home
  if [ -x /usr/libexec/java_home ]; then tool=/usr/libexec/java_home; else tool="$(command -v java_home 2>/dev/null)" || return 1; fi
  home="$("$tool" -v "$JDK_TESTED" 2>/dev/null)" || return 1
  [ -n "$home" ] && [ -x "$home/bin/java" ] && echo "$home"
}

# jdk_find: sets JAVA, JDK_HOME, JDK_VERSION, or JDK_ERROR (one line) when no usable JDK is found.
jdk_find() {
  local java how feature home
  JDK_ERROR=""
  if [ -n "${JAVA_HOME:-}" ]; then
    how="JAVA_HOME=$JAVA_HOME"
    java="$JAVA_HOME/bin/java"
    if [ ! -x "$java" ]; then
      JDK_ERROR="JAVA_HOME=$JAVA_HOME is not a JDK (no bin/java in it). $(jdk_how_to_select)"
      return 1
    fi
  elif jdk_is_macos && home="$(jdk_macos_home)"; then
    how="/usr/libexec/java_home -v $JDK_TESTED"
    java="$home/bin/java"
  elif java="$(command -v java 2>/dev/null)" && [ -n "$java" ]; then
    how="java on PATH, $java"
  else
    JDK_ERROR="no Java found: JAVA_HOME is not set and there is no java on PATH. $(jdk_how_to_select)"
    return 1
  fi
  if ! jdk_probe "$java"; then
    JDK_ERROR="$java ($how) does not run as a Java $JDK_TESTED JVM. $(jdk_how_to_select)"
    return 1
  fi
  JAVA="$JDK_HOME/bin/java"
  [ -x "$JAVA" ] || JAVA="$java"
  feature="$(jdk_feature "$JDK_VERSION")"
  if [ "${STREAMLAB_JAVA_CHECK:-on}" != off ] \
     && { [ -z "$feature" ] || [ "$feature" -lt "$JDK_MIN" ] || [ "$feature" -gt "$JDK_MAX" ]; }; then
    JDK_ERROR="Java $JDK_VERSION ($how) is not supported: the kit runs on Java $JDK_TESTED (tested; $((JDK_TESTED + 1)) to $JDK_MAX accepted untested; 23 and later break Spark 3.5). $(jdk_how_to_select)"
    return 1
  fi
  return 0
}

# require_java: dies with the one line of jdk_find unless the JDK is usable.
require_java() {
  [ -z "$JDK_ERROR" ] || die "$JDK_ERROR"
}

# jdk_id: names the JVM build, for the class-data archive (valid only for the JVM that wrote it).
jdk_id() {
  echo "$JDK_VERSION-$({ echo "$JDK_HOME"; cat "$JDK_HOME/release" 2>/dev/null; } | cksum | awk '{ print $1 }')"
}
