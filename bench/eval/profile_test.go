package main

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/engine"
	"github.com/alarmlink/vern/internal/evidence"
)

func TestProfileEval(t *testing.T) {
	if os.Getenv("VERN_PROFILE") == "" {
		t.Skip("set VERN_PROFILE=file to profile")
	}
	decl, err := config.FromDeclaration("../../examples/alarmlink/declaration.yaml")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := synthetic(decl, 10000, 10, 20000, 500)
	f, _ := os.Create(os.Getenv("VERN_PROFILE"))
	pprof.StartCPUProfile(f)
	for i := 0; i < 3; i++ {
		start := time.Now()
		fs, err := eng.Evaluate(context.Background(), ev, ev.CollectedAt)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t.Logf("%d findings in %s, heap after GC %d MB", len(fs), d, ms.HeapAlloc>>20)
	}
	pprof.StopCPUProfile()
	runtime.GC()
	hf, _ := os.Create(os.Getenv("VERN_PROFILE") + ".heap")
	pprof.WriteHeapProfile(hf)
	hf.Close()
}

func TestWriteInput(t *testing.T) {
	out := os.Getenv("VERN_INPUT")
	if out == "" {
		t.Skip("set VERN_INPUT=dir")
	}
	decl, _ := config.FromDeclaration("../../examples/alarmlink/declaration.yaml")
	ev := synthetic(decl, 10000, 10, 20000, 500)
	b, _ := engine.InputJSON(ev, ev.CollectedAt)
	os.WriteFile(out+"/input.json", b, 0o644)
	exportBundle(out + "/bundle")
}

func TestWriteEvidence(t *testing.T) {
	out := os.Getenv("VERN_EVIDENCE_OUT")
	if out == "" {
		t.Skip("set VERN_EVIDENCE_OUT=file")
	}
	decl, _ := config.FromDeclaration("../../examples/alarmlink/declaration.yaml")
	if err := evidence.Write(out, synthetic(decl, 10000, 10, 20000, 500)); err != nil {
		t.Fatal(err)
	}
}
