#!/usr/bin/env bash
# Provides the real control plane of the *IT tier and of `appseg local`, in kube-api-test's layout:
#   $APPSEG_KUBE_DIR/k8s/<version>-linux-<arch>/{kube-apiserver,kube-controller-manager,kubectl,etcd}
# All four are built from Go modules (no binary download): the wrapper module hack/control-plane/ is completed
# here from k8s.io/kubernetes' own go.mod at the tag (one replace per staging module, its go/godebug lines,
# etcd at the version that release pins) and built with upstream's version ldflags. docs/control-plane.md
# explains why each step is needed. Idempotent (a complete cache returns at once), locked against concurrent
# runs, caches (binaries, Go module and build caches) under ~/.cache/appseg, outside the repo.
set -euo pipefail

KUBE_VERSION=1.37.2   # bump here only; everything else is derived from k8s.io/kubernetes@v$KUBE_VERSION
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${APPSEG_CACHE:-$HOME/.cache/appseg}
KUBE_DIR=${APPSEG_KUBE_DIR:-$CACHE/kubeapitest}
case $(uname -m) in x86_64) ARCH=amd64 ;; aarch64) ARCH=arm64 ;; *) ARCH=$(uname -m) ;; esac
OUT=$KUBE_DIR/k8s/$KUBE_VERSION-linux-$ARCH
LOG=$KUBE_DIR/setup-kube-apiserver-$KUBE_VERSION.log
STAMP=$OUT/.complete

# Only what is set here may influence the build: a developer's GOFLAGS, GOTOOLCHAIN, go.work or CGO setting
# must not change what CI gets. go.mod of upstream names its Go version; `local` refuses a silent toolchain
# download and fails clearly if the installed Go is too old.
command -v go >/dev/null || PATH=$PATH:/usr/local/go/bin   # Go's own tarball layout, when not on PATH
export GOTOOLCHAIN=local GOFLAGS=-modcacherw GOWORK=off GO111MODULE=on CGO_ENABLED=0 GOOS=linux GOARCH=$ARCH
# The build cache (about 4 GB) is only worth keeping while this release builds: it is removed afterwards.
export GOEXPERIMENT= GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build-$KUBE_VERSION GOENV=off
unset GOBIN GOPATH

is_complete() {
  [[ -f $STAMP ]] || return 1
  local bin
  for bin in kube-apiserver kube-controller-manager kubectl etcd etcd-server; do
    [[ -x $OUT/$bin ]] || return 1
  done
  "$OUT/kube-apiserver" --version 2>/dev/null | grep -qx "Kubernetes v$KUBE_VERSION"
}

# A progress line on the terminal (fd 3) and the same line in the log.
step() {
  echo "setup-kube-apiserver: $*"
  echo "setup-kube-apiserver: $*" >&3
}

# Upstream's go.mod at the tag: the one source for the staging list, the go/godebug lines and etcd's version.
upstream_go_mod() {
  go mod download -json "k8s.io/kubernetes@v$KUBE_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p'
}

# Staging modules are published as k8s.io/<name> v0.<minor>.<patch> for Kubernetes v1.<minor>.<patch>.
staging_replaces() {
  local staging=v0.${KUBE_VERSION#*.}
  awk -v v="$staging" '$2 == "=>" && $3 ~ /^\.\/staging\// { print "-replace=" $1 "=" $1 "@" v }' "$1"
}

go_mod_line() {
  awk -v key="$2" '$1 == key { print $2; exit }' "$1"
}

required_version() {
  awk -v m="$2" '$1 == m { print $2; exit }' "$1"
}

# As upstream's hack/lib/version.sh; the build date is the tag's, so two builds of one version are identical.
version_ldflags() {
  local minor=${KUBE_VERSION#*.}
  minor=${minor%%.*}
  local date
  date=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "${1%.mod}.info")
  local key val flags="-s -w"
  for kv in "gitVersion=v$KUBE_VERSION" "gitMajor=1" "gitMinor=$minor" "gitTreeState=clean" "buildDate=$date"; do
    key=${kv%%=*} val=${kv#*=}
    flags+=" -X k8s.io/client-go/pkg/version.$key=$val -X k8s.io/component-base/version.$key=$val"
  done
  echo "$flags"
}

# kube-api-test starts etcd on http://0.0.0.0:<port> (hard-coded); this wrapper keeps it on loopback.
write_etcd_wrapper() {
  cat >"$1/etcd" <<'EOF'
#!/bin/sh
# kube-api-test starts etcd on http://0.0.0.0:<port>; rewrite to loopback and run the etcd built beside us.
for a in "$@"; do set -- "$@" "$(printf '%s' "$a" | sed 's#http://0\.0\.0\.0:#http://127.0.0.1:#')"; shift; done
exec "$(dirname "$0")/etcd-server" "$@"
EOF
  chmod 755 "$1/etcd"
}

build() {
  local work=$CACHE/control-plane-build-$KUBE_VERSION
  rm -rf "$work" && mkdir -p "$work/bin"
  step "[1/4] reading k8s.io/kubernetes v$KUBE_VERSION's go.mod from the Go module proxy"
  local upstream
  upstream=$(upstream_go_mod)
  [[ -f $upstream ]] || { echo "cannot read go.mod of k8s.io/kubernetes@v$KUBE_VERSION" >&2; return 1; }
  local etcd_version
  etcd_version=$(required_version "$upstream" go.etcd.io/etcd/server/v3)
  [[ -n $etcd_version ]] || { echo "no go.etcd.io/etcd/server/v3 in $upstream" >&2; return 1; }

  step "[2/4] completing the wrapper module (staging replaces, etcd $etcd_version)"
  cp "$HERE/control-plane/go.mod" "$work/go.mod"
  local -a edits
  mapfile -t edits < <(staging_replaces "$upstream")
  (( ${#edits[@]} > 20 )) || { echo "only ${#edits[@]} staging modules found in $upstream" >&2; return 1; }
  local godebug
  godebug=$(go_mod_line "$upstream" godebug)
  (cd "$work" && go mod edit -go="$(go_mod_line "$upstream" go)" ${godebug:+-godebug="$godebug"} \
      -require="k8s.io/kubernetes@v$KUBE_VERSION" -require="go.etcd.io/etcd/server/v3@$etcd_version" "${edits[@]}")

  step "[3/4] downloading modules (go mod tidy)"
  (cd "$work" && go mod tidy)
  # tidy must keep upstream's pins: the build is k8s.io/kubernetes v$KUBE_VERSION, not a newer mix.
  [[ $(required_version "$work/go.mod" k8s.io/kubernetes) == "v$KUBE_VERSION" ]]

  step "[4/4] compiling kube-apiserver, kube-controller-manager, kubectl and etcd (the long part)"
  local ldflags
  ldflags=$(version_ldflags "$upstream")
  (cd "$work" && go build -trimpath -ldflags "$ldflags" -o bin/ \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)
  (cd "$work" && go build -trimpath -ldflags "-s -w" -o bin/etcd-server go.etcd.io/etcd/server/v3)

  rm -rf "$OUT" && mkdir -p "$OUT"
  install -m 755 "$work"/bin/* "$OUT/"
  write_etcd_wrapper "$OUT"
  "$OUT/etcd-server" --version | grep -q "etcd Version: ${etcd_version#v}"
  cp "$work/go.mod" "$OUT/go.mod"   # what was built, for the record
  echo "Kubernetes v$KUBE_VERSION, etcd $etcd_version" >"$STAMP"
  rm -rf "$work" "$GOCACHE"
}

main() {
  if ! command -v go >/dev/null; then
    echo "setup-kube-apiserver FAILED: no go command (Go 1.26+ builds the control plane; docs/control-plane.md)" >&2
    return 1
  fi
  mkdir -p "$KUBE_DIR"
  # Several builds on one machine share the cache: one builds, the others wait and reuse it.
  exec 9>"$KUBE_DIR/.setup-$KUBE_VERSION.lock"
  if ! flock -n 9; then
    echo "setup-kube-apiserver: waiting for another build of the control plane (lock $KUBE_DIR/.setup-$KUBE_VERSION.lock)"
    flock 9
  fi
  if is_complete; then
    echo "setup-kube-apiserver: $(cat "$STAMP") ready in $OUT"
    return 0
  fi
  : >"$LOG"
  echo "setup-kube-apiserver: building Kubernetes v$KUBE_VERSION + etcd from Go modules into $OUT" \
       "(cold: 20-30 min on 2 cores; log: $LOG)"
  local start=$SECONDS
  if ! (build) 3>&1 >>"$LOG" 2>&1; then
    echo "setup-kube-apiserver FAILED; last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    return 1
  fi
  if ! is_complete; then
    echo "setup-kube-apiserver FAILED: $OUT incomplete or wrong version (log: $LOG)" >&2
    return 1
  fi
  echo "setup-kube-apiserver: $(cat "$STAMP") built in $((SECONDS - start)) s into $OUT"
}

# One line: bash has read it whole before running, so an edit of this file during a build cannot derail it.
main "$@"; exit
