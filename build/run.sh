#!/usr/bin/env bash
# The main job: the whole local stack (Mosquitto with mutual TLS, the cloud app, five simulated devices) until Ctrl+C.
# Installs what is missing first, builds the nordiciot tool, then runs `nordiciot up --sim 5` in this folder
# (state in ./.nordiciot, which git ignores). Arguments are passed on, e.g. `./build/run.sh --port 5081 --sim 20`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/build/install-deps.sh"
# The build talks on stderr: stdout is left to `up`, whose lines (URLs, paths) scripts may read.
dotnet build cloud/NordicIoT.Cli -c Release -nologo -v quiet >&2

# exec the built tool rather than `dotnet run`: Ctrl+C and SIGTERM then reach `up` itself, which stops the devices,
# the app and the broker in order and exits 0.
exec dotnet artifacts/bin/NordicIoT.Cli/release/nordiciot.dll up --sim 5 "$@"
