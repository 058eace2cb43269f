#!/usr/bin/env bash
# Builds the agent and the sample apps, then reproduces every handshake failure on loopback with
# the agent attached: one line per scenario, with the diagnosis the agent attached to the exception.
# Extra arguments go to the sample apps (e.g. --client http-client, or one scenario name).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B package -DskipTests
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(all)
exec java -Djdk.net.hosts.file=sample-apps/hosts \
  -javaagent:agent/target/handshake-doctor.jar=log=off \
  -jar sample-apps/target/sample-apps.jar "${args[@]}"
