#!/usr/bin/env bash
# Provides the real control plane for the *IT tier (kube-api-test layout), built offline from Debian:
#   $APPSEG_KUBE_DIR/k8s/1.20.2-linux-amd64/{kube-apiserver,kube-controller-manager,etcd,kubectl}
# kube-apiserver + kube-controller-manager come from bookworm's `kubernetes` source package (1.20.2, vendored
# Go deps), etcd from `etcd-server`, kubectl from the machine. Idempotent: a complete cache exits at once.
# See shared/reference/real-apiserver.md for why each step is needed.
set -euo pipefail

VERSION=1.20.2
KUBE_DIR=${APPSEG_KUBE_DIR:-$HOME/.cache/appseg/kubeapitest}
OUT=$KUBE_DIR/k8s/$VERSION-linux-amd64
LOG=$KUBE_DIR/setup-kube-apiserver.log
SRC_PKG=kubernetes
APT_PKGS=(golang-go etcd-server golang-github-modern-go-reflect2-dev make rsync curl)
REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2

is_complete() {
  local bin
  for bin in kube-apiserver kube-controller-manager etcd kubectl; do
    [[ -x $OUT/$bin ]] || return 1
  done
  [[ -x /usr/bin/etcd ]] || return 1
  "$OUT/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes v$VERSION"
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo -n "$@"; fi
}

install_packages() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}"
}

# deb-src twin of the machine's own Debian sources, in a private dir: /etc/apt stays untouched.
fetch_source() {
  local work=$1 srcdir=$1/apt
  mkdir -p "$srcdir/lists/partial" "$srcdir/sources.d"
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -e $f ]] && sed 's/^Types: deb$/Types: deb-src/' "$f" >"$srcdir/sources.d/$(basename "$f")"
  done
  if [[ -f /etc/apt/sources.list ]]; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$srcdir/sources.d/sources.list"
  fi
  local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$srcdir/sources.d"
              -o "Dir::State::Lists=$srcdir/lists")
  apt-get "${opts[@]}" update -qq
  (cd "$work" && apt-get "${opts[@]}" source --download-only "$SRC_PKG")
  tar -C "$work" -xzf "$work"/${SRC_PKG}_*.orig.tar.gz
}

# The vendored reflect2 v1.0.1 makes kube-apiserver panic under Go >= 1.18 (first CR status patch);
# Debian's 1.0.2 fixes it.
swap_reflect2() {
  local r=$1/vendor/github.com/modern-go/reflect2
  rm -f "$r"/*.go "$r"/*.s
  cp "$REFLECT2_SRC"/*.go "$r"/
  cp "$REFLECT2_SRC"/*.s "$r"/ 2>/dev/null || true
  rm -f "$r"/*_test.go
}

build_binaries() {
  local src=$1 home=$2
  (cd "$src" && env HOME="$home" CGO_ENABLED=0 GOFLAGS= GOLDFLAGS="-s -w" \
      make WHAT="cmd/kube-apiserver cmd/kube-controller-manager")
}

# kube-api-test hard-codes etcd on http://0.0.0.0:<port>; keep it on loopback.
write_etcd_wrapper() {
  cat >"$1/etcd" <<'EOF'
#!/bin/sh
# kube-api-test starts etcd on http://0.0.0.0:<port>; rewrite to loopback.
for a in "$@"; do set -- "$@" "$(printf '%s' "$a" | sed 's#http://0\.0\.0\.0:#http://127.0.0.1:#')"; shift; done
exec /usr/bin/etcd "$@"
EOF
  chmod 755 "$1/etcd"
}

# kube-api-test only calls `kubectl get ns default` for readiness; a curl stub does when kubectl is absent.
write_kubectl() {
  rm -f "$1/kubectl"
  if [[ -x /usr/bin/kubectl ]]; then
    ln -s /usr/bin/kubectl "$1/kubectl"
    return
  fi
  cat >"$1/kubectl" <<'EOF'
#!/bin/sh
# Stand-in for kube-api-test's readiness probe (`kubectl get ns default`).
for a in "$@"; do case "$a" in
  --client-certificate=*) C=${a#*=};; --client-key=*) K=${a#*=};;
  --certificate-authority=*) A=${a#*=};; --server=*) S=${a#*=};; esac; done
exec curl -sf -m 5 --cert "$C" --key "$K" --cacert "$A" "$S/api/v1/namespaces/default" -o /dev/null
EOF
  chmod 755 "$1/kubectl"
}

setup() {
  local work
  work=$(mktemp -d "$KUBE_DIR/build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  install_packages
  fetch_source "$work"
  local src
  src=$(find "$work" -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
  swap_reflect2 "$src"
  build_binaries "$src" "$work/home"
  mkdir -p "$OUT"
  install -m 755 "$src/_output/bin/kube-apiserver" "$src/_output/bin/kube-controller-manager" "$OUT/"
  write_etcd_wrapper "$OUT"
  write_kubectl "$OUT"
  rm -rf "$work"
  trap - EXIT
}

main() {
  mkdir -p "$KUBE_DIR"
  # Several builds on one machine share the cache: build once, the others wait.
  exec 9>"$KUBE_DIR/.setup.lock"
  flock 9
  if is_complete; then
    echo "kube-apiserver v$VERSION ready in $OUT"
    return 0
  fi
  echo "building kube-apiserver + kube-controller-manager v$VERSION into $OUT (~5 min, log: $LOG)"
  local start=$SECONDS
  if ! (setup) >"$LOG" 2>&1; then
    echo "setup-kube-apiserver FAILED; last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2
    return 1
  fi
  if ! is_complete; then
    echo "setup-kube-apiserver FAILED: $OUT incomplete or wrong version (log: $LOG)" >&2
    return 1
  fi
  echo "kube-apiserver v$VERSION built in $((SECONDS - start)) s into $OUT"
}

main "$@"
