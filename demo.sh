#!/usr/bin/env bash
# Builds the agent and the sample apps, then reproduces every handshake failure on loopback with
# the agent attached: a table of what the JDK said and what the agent says, then the whole text of
# one scenario. `./demo.sh NAME` prints the whole text of that scenario (both sides' exceptions and
# diagnoses, with the fix); other arguments go to the sample apps (e.g. --client http-client).
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B package -DskipTests
exec java -Djdk.net.hosts.file=sample-apps/hosts \
  -javaagent:agent/target/handshake-doctor.jar=log=off \
  -jar sample-apps/target/sample-apps.jar --demo "$@"
