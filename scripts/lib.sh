# Shared set-up for scripts/start and scripts/test: system libraries, Python >= 3.12, venv.
# Sourced, not run. Idempotent: a second run installs nothing that is already there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
APT_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
APT_TEST_PACKAGES="chromium"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'FEL: %s\n' "$*" >&2; exit 1; }

ensure_system_libraries() {
  local missing="" packages="$APT_PACKAGES ${1:-}"
  for pkg in $packages; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null; then
    die "saknar systempaket:$missing (Pango och HarfBuzz för WeasyPrint, Chromium för webbläsartesterna)"
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "Installerar systembibliotek:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }

find_python() {
  local wanted candidates=()
  wanted="$(tr -d '[:space:]' < "$ROOT/.python-version" 2>/dev/null || true)"
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  if command -v pyenv >/dev/null && [ -n "$wanted" ]; then
    local p; p="$(pyenv root)/versions"
    for dir in "$p/$wanted" "$p/$wanted".*; do [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python"); done
  fi
  for dir in "$HOME"/.pyenv/versions/3.1[2-9]*; do [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python"); done
  for name in "python$wanted" python3.13 python3.12 python3; do
    command -v "$name" >/dev/null && candidates+=("$(command -v "$name")")
  done
  for c in "${candidates[@]}"; do
    if python_ok "$c"; then echo "$c"; return 0; fi
  done
  die "hittar ingen Python 3.12 eller senare (Django 6 kräver det). Installera t.ex. med 'pyenv install 3.12' eller sätt PYTHON=/sökväg/till/python3.12."
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ] || ! python_ok "$VENV/bin/python"; then
    local py; py="$(find_python)"
    log "Skapar virtuell miljö med $("$py" --version)"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256" sum
  sum="$(sha256sum requirements.lock | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "Installerar Python-paket (låsta versioner i requirements.lock)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -r requirements.lock
    echo "$sum" > "$stamp"
  fi
}

# The sign-in tests start a real OpenID Connect provider (npm oidc-provider, tests/idp).
# Installed from its package-lock.json when node is there; without node those tests skip.
ensure_test_idp() {
  command -v npm >/dev/null || { log "npm saknas: OpenID Connect-testerna hoppas över"; return 0; }
  [ -d "$ROOT/tests/idp/node_modules/oidc-provider" ] && return 0
  log "Installerar testernas OpenID Connect-leverantör (npm ci i tests/idp)"
  npm ci --prefix "$ROOT/tests/idp" --no-audit --no-fund --silent
}

setup() {
  ensure_system_libraries "${1:-}"
  ensure_venv
  mkdir -p "$ROOT/var"
}
