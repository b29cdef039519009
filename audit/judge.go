package audit

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
	"github.com/alarmlink/vern/internal/findings"
	"github.com/alarmlink/vern/internal/promises"
)

// EvidenceOptions configures the evaluation of one evidence document.
type EvidenceOptions struct {
	Evidence *evidence.Evidence
	// Now is the evaluation's "now"; zero means the evidence's collection time, so the same
	// evidence always gives the same findings.
	Now time.Time
	// FailOn is the gate's threshold severity; empty means high.
	FailOn string
	// Waivers are the accepted risks in force; WaiversSHA256 identifies their file.
	Waivers       []config.Waiver
	WaiversSHA256 string
	// Engine evaluates the rules; nil builds one with the built-in rules and RulesDir.
	Engine   *engine.Engine
	RulesDir string
	// VernVersion is recorded in findings.json.
	VernVersion string
	// Expected are the targets the evidence's inventory names. One the evidence lacks (a
	// fanned-out collection whose job never delivered) is judged as failed: the gate fails
	// closed. Empty means the targets the evidence holds.
	Expected []string
}

// DefaultFailOn is the gate's default threshold.
const DefaultFailOn = findings.SeverityHigh

// EvaluateEvidence turns evidence into a findings document. It touches no system. Every
// step of Evaluate and Audit that judges evidence goes through it.
func EvaluateEvidence(ctx context.Context, opts EvidenceOptions) (*findings.Document, error) {
	ev := opts.Evidence
	if ev == nil {
		return nil, fmt.Errorf("evaluate: no evidence")
	}
	failOn := findings.Severity(opts.FailOn)
	if failOn == "" {
		failOn = DefaultFailOn
	}
	if !failOn.Valid() {
		return nil, fmt.Errorf("evaluate: fail-on severity %q: choose critical, high, medium, low or info", failOn)
	}
	eng := opts.Engine
	if eng == nil {
		var err error
		if eng, err = loadEngine(ctx, opts.RulesDir); err != nil {
			return nil, err
		}
	}
	now := opts.Now
	if now.IsZero() {
		now = ev.CollectedAt
	}
	fs, err := eng.Evaluate(ctx, ev, now)
	if err != nil {
		return nil, err
	}
	targets := targetStatuses(ev, opts.Expected)
	notes := findings.ApplyWaivers(fs, opts.Waivers, now, targets)
	evidenceSHA := ev.SHA256
	if evidenceSHA == "" {
		// Hashed, not sealed: an evaluation only reads the evidence it is given.
		if evidenceSHA, err = ev.ContentHash(); err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
	}
	hashes := map[string]string{"evidence": evidenceSHA, "rules": eng.BundleSHA256, "waivers": opts.WaiversSHA256}
	for _, k := range []string{"declaration", "inventory", "processors"} {
		hashes[k] = ev.Hashes[k]
	}
	if hashes["waivers"] == "" {
		hashes["waivers"] = evidence.HashBytes(nil)
	}
	fired := map[string]findings.Rule{}
	for id, r := range eng.Rules {
		fired[id] = r
	}
	if fs == nil {
		fs = []findings.Finding{}
	}
	doc := &findings.Document{
		VernVersion:   opts.VernVersion,
		EvaluatedAt:   now.UTC(),
		CollectedAt:   ev.CollectedAt.UTC(),
		Hashes:        hashes,
		Gate:          findings.Judge(fs, targets, failOn),
		Summary:       findings.Summarise(fs),
		Findings:      fs,
		Rules:         fired,
		Targets:       targets,
		WaiverNotes:   findings.WaiverNoteTexts(notes),
		WaiverNotices: notes,
		Chain:         chainHead(ev, evidenceSHA),
	}
	doc.Promises = promises.Build(promises.FromEvidence(ev, doc, eng.KindParents))
	return doc, nil
}

// chainHead is the evidence's place in its chain, for findings.json and the report; sha is
// the evidence's hash.
func chainHead(ev *evidence.Evidence, sha string) *findings.ChainHead {
	if ev.Chain == nil && ev.Signature == nil {
		return nil
	}
	h := &findings.ChainHead{Sequence: ev.ChainSequence(), Head: sha}
	if ev.Chain != nil {
		h.Previous, h.Parts = ev.Chain.Previous, ev.Chain.Parts
	}
	if ev.Signature != nil {
		h.KeyID = ev.Signature.KeyID
	}
	return h
}

func targetStatuses(ev *evidence.Evidence, expected []string) []findings.TargetStatus {
	out := make([]findings.TargetStatus, 0, len(ev.Targets))
	for _, t := range ev.Targets {
		out = append(out, findings.TargetStatus{Name: t.Name, Kind: t.Kind, Status: t.Status, Reason: t.Reason, Fix: t.Fix})
	}
	for _, name := range expected {
		if _, ok := ev.Targets[name]; ok {
			continue
		}
		tn, _ := evidence.ParseTarget(name) // the collectors' own names: they parse
		out = append(out, findings.TargetStatus{Name: name, Kind: string(tn.Kind), Status: evidence.StatusFailed,
			Reason: "not collected: no evidence file given holds this target of the inventory",
			Fix:    "collect it with `vern collect --target " + name + "` and pass its evidence.json to evaluate as well"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// GCPercent is the garbage collector's target evaluation is tuned with (engine.GCPercent),
// for the program that runs the flows to apply.
const GCPercent = engine.GCPercent
