#!/usr/bin/env bash
# Runs every test: unit tests, and integration tests that fork JVMs under the agent against real
# peers on loopback (nginx, openssl s_server/s_client, Prometheus) and tshark to check JA3. Installs those peers with
# apt-get when they are missing (as root, or through sudo); where it cannot, it says so and the
# tests that need them are skipped with that reason. Extra arguments go to Maven.
# The JDKs the tests fork: see "Tests" in README.md.
set -euo pipefail
cd "$(dirname "$0")"

# Debian installs nginx in /usr/sbin, often not on a user's PATH.
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

missing=()
for tool in nginx openssl prometheus tshark; do
  has "$tool" || missing+=("$tool")
done

if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo)
    else
      as_root=(unavailable)
    fi
  fi
  if [ "${as_root[*]}" = unavailable ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: missing ${missing[*]}, and cannot install it here (needs apt-get as root or sudo without a password);" >&2
    echo "test.sh: the tests that need ${missing[*]} are skipped. Install it: apt-get install -y ${missing[*]}" >&2
  else
    echo "test.sh: installing ${missing[*]} (Debian packages)" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

exec mvn -B verify "$@"
