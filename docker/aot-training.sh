#!/usr/bin/env bash
# The AOT cache's training run: one whole start of the application against an up-to-date database, until
# /q/health/ready says UP, then a graceful stop; the JVM writes the cache (-XX:AOTCacheOutput) as it exits.
# A plain start comes first and brings the database to this build's schema, so the recorded start is the common
# one: nothing to migrate, Flyway never loaded (a cache that held Flyway and JDBC would load them at every start).
# docker/Dockerfile.jvm runs it while the image builds (against a throwaway PostgreSQL of its own), and
# bench/startup runs the very same script to measure the image's start.
#
#   aot-training.sh <app dir> <cache file>
#
# Environment: DB_URL, DB_USERNAME, DB_PASSWORD (a database the start may migrate), JAVA (default java),
# JAVA_OPTS (the options the image runs with, without -XX:AOTCache), PORT (default 8080). Everything else the
# start reads comes from the environment as it is (AUTH_ENABLED=false, say: no token issuer is reachable here).
set -euo pipefail
app=${1:?usage: aot-training.sh <app dir> <cache file>}
cache=${2:?usage: aot-training.sh <app dir> <cache file>}
port=${PORT:-8080}
read -r -a opts <<<"${JAVA_OPTS:-}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cd "$app"
rm -f "$cache"

# start_until_ready <what> [JVM options...]: one start until ready, then a graceful stop and the JVM's exit
start_until_ready() {
  local what=$1; shift
  PORT=$port "${JAVA:-java}" ${opts[@]+"${opts[@]}"} "$@" -jar quarkus-run.jar >"$log" 2>&1 &
  local pid=$! ready=false
  # Polled for up to 5 minutes: a training start is slower than a production one (it records every class).
  for _ in $(seq 1 1500); do
    if curl -fs --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; then
      ready=true
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if ! $ready; then
    echo "aot-training: the $what never became ready; its log:" >&2
    cat "$log" >&2
    kill -KILL "$pid" 2>/dev/null || true
    exit 1
  fi
  # The cache is written by the exiting JVM (a forked assembly step): wait for it, however long it takes.
  kill -TERM "$pid"
  wait "$pid" || true
}

start_until_ready "start that migrates the database"
start_until_ready "training start" -XX:AOTCacheOutput="$cache"
if [ ! -s "$cache" ]; then
  echo "aot-training: no AOT cache written at $cache; the training start's log:" >&2
  cat "$log" >&2
  exit 1
fi
echo "aot-training: $(du -h "$cache" | cut -f1) AOT cache written to $cache"
