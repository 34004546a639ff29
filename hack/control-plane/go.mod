// Wrapper module that builds the IT tier's control plane from Go modules (see docs/control-plane.md).
// Not complete by itself on purpose: hack/setup-kube-apiserver.sh copies it into its cache and adds
// `require k8s.io/kubernetes <version>`, one `replace` per staging module and upstream's `go`/`godebug`
// lines, all read from k8s.io/kubernetes' own go.mod at that tag, so no list here rots on the next bump.
module appseg.io/hack/control-plane

go 1.26.0

tool (
	go.etcd.io/etcd/server/v3
	k8s.io/kubernetes/cmd/kube-apiserver
	k8s.io/kubernetes/cmd/kube-controller-manager
	k8s.io/kubernetes/cmd/kubectl
)
