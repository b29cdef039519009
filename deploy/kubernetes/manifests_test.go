// Package kubernetes holds vern's kustomize base; its tests read the manifests and the
// Dockerfile (no cluster or Docker is needed).
package kubernetes

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// strict decodes a YAML manifest into v with unknown fields as errors (a misspelt or
// misplaced key would otherwise be dropped silently by the API server's older decoders).
func strict(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// kustomization is the part of kustomize's Kustomization the base uses; other keys are errors.
type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
	Labels     []struct {
		Pairs            map[string]string `json:"pairs"`
		IncludeSelectors bool              `json:"includeSelectors"`
	} `json:"labels"`
}

type manifests struct {
	collect, join *batchv1.CronJob
	pvc           *corev1.PersistentVolumeClaim
}

func load(t *testing.T) manifests {
	t.Helper()
	var k kustomization
	strict(t, "kustomization.yaml", &k)
	if k.Kind != "Kustomization" || k.APIVersion != "kustomize.config.k8s.io/v1beta1" {
		t.Fatalf("kustomization.yaml: %s %s", k.APIVersion, k.Kind)
	}
	var m manifests
	files, _ := filepath.Glob("*.yaml")
	for _, f := range files {
		if f != "kustomization.yaml" && !slices.Contains(k.Resources, f) {
			t.Errorf("%s is not among the kustomization's resources", f)
		}
	}
	for _, r := range k.Resources {
		var head struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		b, err := os.ReadFile(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(b, &head); err != nil {
			t.Fatal(err)
		}
		switch head.Kind {
		case "CronJob":
			var c batchv1.CronJob
			strict(t, r, &c)
			switch c.Name {
			case "vern-collect":
				m.collect = &c
			case "vern-join":
				m.join = &c
			default:
				t.Errorf("%s: unexpected CronJob %s", r, c.Name)
			}
		case "PersistentVolumeClaim":
			var p corev1.PersistentVolumeClaim
			strict(t, r, &p)
			m.pvc = &p
		default:
			t.Errorf("%s: unexpected kind %s", r, head.Kind)
		}
	}
	if m.collect == nil || m.join == nil || m.pvc == nil {
		t.Fatalf("want the collect and join CronJobs and the evidence claim, got %+v", m)
	}
	return m
}

func TestCollectIsAnIndexedJob(t *testing.T) {
	m := load(t)
	spec := m.collect.Spec.JobTemplate.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		t.Fatal("the collect Job is not Indexed")
	}
	if spec.Completions == nil || *spec.Completions < 1 {
		t.Fatal("the collect Job has no completions")
	}
	if spec.Template.Spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Error("restartPolicy: a failed target must fail its index, not loop")
	}
	c := only(t, spec.Template.Spec.Containers)
	script := strings.Join(append(c.Command, c.Args...), " ")
	// The index picks the target through vern itself (plan --index), so the mapping is vern's.
	if !strings.Contains(script, `vern plan --config /etc/vern/vern.yaml --index "$JOB_COMPLETION_INDEX"`) {
		t.Errorf("the collect container does not map JOB_COMPLETION_INDEX to a target with vern plan:\n%s", script)
	}
	idx := envVar(c, "JOB_COMPLETION_INDEX")
	if idx == nil || idx.ValueFrom == nil || idx.ValueFrom.FieldRef == nil ||
		idx.ValueFrom.FieldRef.FieldPath != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("JOB_COMPLETION_INDEX is not taken from the completion index annotation: %+v", idx)
	}
	if !strings.Contains(script, "--out \"$out\"") || !strings.Contains(script, "/evidence/nights/") {
		t.Error("the collect container does not write its evidence under /evidence/nights/")
	}
	var fromSecret bool
	for _, e := range c.EnvFrom {
		fromSecret = fromSecret || (e.SecretRef != nil && e.SecretRef.Name == "vern-database-secrets")
	}
	if !fromSecret {
		t.Error("the database variables do not come from the vern-database-secrets Secret")
	}
	for _, e := range c.Env {
		if e.Value != "" && e.Name != "HOME" {
			t.Errorf("env %s has a literal value: secrets come from Secrets", e.Name)
		}
	}
}

func TestJoinEvaluatesTheNight(t *testing.T) {
	m := load(t)
	spec := m.join.Spec.JobTemplate.Spec
	c := only(t, spec.Template.Spec.Containers)
	script := strings.Join(append(c.Command, c.Args...), " ")
	for _, want := range []string{"/evidence/nights/", "vern evaluate", "exit 3"} {
		if !strings.Contains(script, want) {
			t.Errorf("the join does not %q:\n%s", want, script)
		}
	}
	if spec.BackoffLimit == nil || *spec.BackoffLimit != 0 {
		t.Error("a failed join must not re-run (it would sync issues twice)")
	}
	// The join runs after the collection's deadline has passed.
	collectHour, joinHour := hour(t, m.collect.Spec.Schedule), hour(t, m.join.Spec.Schedule)
	deadline := *m.collect.Spec.JobTemplate.Spec.ActiveDeadlineSeconds
	if int64((joinHour-collectHour+24)%24)*3600 < deadline {
		t.Errorf("the join (%dh) starts before the collection's deadline (%ds after %dh)", joinHour, deadline, collectHour)
	}
}

func TestManifestsAgree(t *testing.T) {
	m := load(t)
	for _, cj := range []*batchv1.CronJob{m.collect, m.join} {
		pod := cj.Spec.JobTemplate.Spec.Template.Spec
		c := only(t, pod.Containers)
		if c.Image != "vern:latest" {
			t.Errorf("%s: image %s, want the Dockerfile's vern:latest (overlays set it)", cj.Name, c.Image)
		}
		var claim string
		for _, v := range pod.Volumes {
			if v.PersistentVolumeClaim != nil {
				claim = v.Name
				if v.PersistentVolumeClaim.ClaimName != m.pvc.Name {
					t.Errorf("%s: volume %s claims %s, not %s", cj.Name, v.Name, v.PersistentVolumeClaim.ClaimName, m.pvc.Name)
				}
			}
		}
		mounts := map[string]string{}
		for _, vm := range c.VolumeMounts {
			mounts[vm.Name] = vm.MountPath
			if !slices.ContainsFunc(pod.Volumes, func(v corev1.Volume) bool { return v.Name == vm.Name }) {
				t.Errorf("%s: mount %s has no volume", cj.Name, vm.Name)
			}
		}
		if mounts[claim] != "/evidence" {
			t.Errorf("%s: the evidence claim is mounted at %q, want /evidence", cj.Name, mounts[claim])
		}
		if mounts["tmp"] != "/tmp" {
			t.Errorf("%s: no writable /tmp beside the read-only root filesystem", cj.Name)
		}
		checkSecurity(t, cj.Name, pod, c)
	}
	if !slices.Contains(m.pvc.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Error("the evidence claim must be ReadWriteMany: collect pods run on several nodes")
	}
}

func checkSecurity(t *testing.T, name string, pod corev1.PodSpec, c corev1.Container) {
	t.Helper()
	psc := pod.SecurityContext
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
		t.Errorf("%s: the pod does not run as a non-root user", name)
	}
	if psc != nil && psc.RunAsUser != nil && *psc.RunAsUser != dockerUID(t) {
		t.Errorf("%s: runAsUser %d, the Dockerfile's user is %d", name, *psc.RunAsUser, dockerUID(t))
	}
	sc := c.SecurityContext
	if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Errorf("%s: the root filesystem is not read-only", name)
	}
	if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Errorf("%s: privilege escalation is allowed", name)
	}
	if sc == nil || sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
		t.Errorf("%s: capabilities are not dropped", name)
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Errorf("%s: the pod mounts a service account token it does not need", name)
	}
}

// dockerUID is the numeric user of the Dockerfile's final stage.
func dockerUID(t *testing.T) int64 {
	t.Helper()
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var user string
	stages := 0
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) < 2 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			stages++
			user = "" // each stage starts as root
		case "USER":
			user = fields[1]
		}
	}
	if stages < 2 {
		t.Fatalf("the Dockerfile has %d stages, want a builder and a runtime", stages)
	}
	uid, _, _ := strings.Cut(user, ":")
	n, err := strconv.ParseInt(uid, 10, 64)
	if err != nil {
		t.Fatalf("the Dockerfile's final USER is %q: name a numeric uid, so Kubernetes can check runAsNonRoot", user)
	}
	return n
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if uid := dockerUID(t); uid == 0 {
		t.Error("the Dockerfile's final user is root")
	}
	for _, want := range []string{"AS build", "go build", "COPY --from=build", "chromium", "FROM debian:"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
	if strings.Contains(text, "--no-sandbox") {
		t.Error("the image must not switch Chromium's sandbox off")
	}
}

func only(t *testing.T, cs []corev1.Container) corev1.Container {
	t.Helper()
	if len(cs) != 1 {
		t.Fatalf("%d containers, want 1", len(cs))
	}
	return cs[0]
}

func envVar(c corev1.Container, name string) *corev1.EnvVar {
	for i := range c.Env {
		if c.Env[i].Name == name {
			return &c.Env[i]
		}
	}
	return nil
}

func hour(t *testing.T, schedule string) int {
	t.Helper()
	f := strings.Fields(schedule)
	if len(f) != 5 {
		t.Fatalf("schedule %q", schedule)
	}
	h, err := strconv.Atoi(f[1])
	if err != nil {
		t.Fatalf("schedule %q: %v", schedule, err)
	}
	return h
}
