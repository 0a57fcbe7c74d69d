# shellcheck shell=bash
# Helpers shared by run.sh and test.sh. Source it; do not execute it.
#   . "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

# Messages go to stderr so they never mix with a command's output.
log()  { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# True when the Debian package is installed (not merely known or half-configured).
package_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

# ensure_packages pkg... — install the Debian packages that are missing.
# Does nothing (no apt-get update, no network) when all are installed already.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    package_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  have apt-get || die "missing packages (${missing[*]}) and no apt-get to install them"
  log "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
}

# version_ge A B — true when dotted version A >= B (e.g. version_ge 20.20.2 20.19).
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

# free_port — print a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  if have python3 && python3 -c 'import socket' >/dev/null 2>&1; then
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
    return
  fi
  # Fallback: probe random high ports; a refused connection means nobody listens.
  local port _
  for _ in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# Fail with a clear message when the .NET SDK is not there: it cannot be fetched by apt here.
require_dotnet() {
  if ! have dotnet; then
    cat >&2 <<'EOF'
ERROR: the .NET 10 SDK ('dotnet') is not installed.
Debian 12 does not ship it. Install it from Microsoft, for example:
  wget https://packages.microsoft.com/config/debian/12/packages-microsoft-prod.deb
  dpkg -i packages-microsoft-prod.deb && apt-get update && apt-get install -y dotnet-sdk-10.0
or with the install script (no root needed):
  curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0
  export PATH="$HOME/.dotnet:$PATH"
See https://learn.microsoft.com/dotnet/core/install/linux-debian
EOF
    exit 1
  fi
  local v
  v=$(dotnet --version 2>/dev/null || true)
  case "$v" in
    10.*|1[1-9].*) ;;
    *) if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
         cat >&2 <<EOF
ERROR: a .NET 10 SDK is required, found: ${v:-none}.
Install dotnet-sdk-10.0 (see https://learn.microsoft.com/dotnet/core/install/linux-debian).
EOF
         exit 1
       fi ;;
  esac
}

# Node.js >= 20.19 and npm are needed to build (and test) the web clients.
MIN_NODE_VERSION=20.19
require_node() {
  if ! have node || ! have npm; then
    ensure_packages nodejs npm
  fi
  have node || die "node is not installed"
  have npm || die "npm is not installed"
  local v
  v=$(node --version 2>/dev/null | sed 's/^v//')
  if ! version_ge "$v" "$MIN_NODE_VERSION"; then
    warn "Node.js $v found; the web build needs >= $MIN_NODE_VERSION (Vite 7)."
    warn "Debian 12's nodejs is 18.x; install a newer one, e.g. from https://deb.nodesource.com (node_20.x or later)."
  fi
}

# Packages the product itself uses at run time (media server, TURN, conversion).
# shellcheck disable=SC2034 # used by run.sh and test.sh
PRODUCT_PACKAGES=(coturn janus janus-tools ffmpeg)
