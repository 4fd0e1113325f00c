#!/usr/bin/env bash
# Installs what the tests and the local stack need on a fresh Debian/Ubuntu machine with the .NET SDK:
# Debian packages (only those missing, so a warm machine skips apt entirely) and the npm test tools
# from the committed lock file. NuGet packages come with `dotnet restore`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# command -> Debian package that provides it
declare -A needed=(
  [node]=nodejs
  [npm]=npm
  [mosquitto]=mosquitto
  [mosquitto_pub]=mosquitto-clients
  [chromium]=chromium
)

missing=()
for cmd in "${!needed[@]}"; do
  # Debian installs daemons such as mosquitto in /usr/sbin, which is not on a normal user's PATH.
  command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || missing+=("${needed[$cmd]}")
done

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "install-deps: apt-get install ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

lock="$root/tests/node/package-lock.json"
stamp="$root/tests/node/node_modules/.installed-lock"
if [[ ! -f "$stamp" ]] || ! cmp -s "$lock" "$stamp"; then
  echo "install-deps: npm ci (tests/node)" >&2
  (cd "$root/tests/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$lock" "$stamp"
fi
