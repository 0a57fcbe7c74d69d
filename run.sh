#!/usr/bin/env bash
# Build and start Remote Support on this machine (Debian 12, as root or with sudo).
#   ./run.sh [server arguments...]
# Environment: DATA_FOLDER (default ./data) — where the database, keys and blobs live.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

require_dotnet
require_node
ensure_packages "${PRODUCT_PACKAGES[@]}"

# On a systemd host the Debian packages may have started their own daemons; the server starts
# janus and turnserver itself, so system copies would hold the same ports.
if have systemctl && [ -d /run/systemd/system ]; then
  for svc in janus coturn; do
    if systemctl is-active --quiet "$svc" 2>/dev/null; then
      warn "the system service '$svc' is running and may hold ports the server needs;"
      warn "  stop it with: systemctl disable --now $svc"
    fi
  done
fi

if [ -f web/package.json ] && [ ! -d web/node_modules ]; then
  log "Installing web dependencies (npm ci)"
  (cd web && npm ci --no-audit --no-fund)
fi

log "Building the server (Release)"
dotnet build -c Release src/RemoteSupport.Server -nologo -v:minimal

export Data__Folder="${DATA_FOLDER:-$PWD/data}"
echo
echo "Starting Remote Support… open the https URL printed below"
echo
bin="$PWD/src/RemoteSupport.Server/bin/Release/net10.0"
# The content root is the build output, where appsettings.json is; the server finds web/dist by itself.
exec dotnet "$bin/RemoteSupport.Server.dll" --contentRoot "$bin" "$@"
