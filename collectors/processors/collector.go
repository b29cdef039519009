// Package processors collects the processor registry's agreements: for each processor it
// reads the data processing agreement beside its registry entry (Markdown, plain text or
// PDF), records whether the document is there and readable, and locates each element
// GDPR Art. 28(3) requires (Art. 26 for joint controllers) by page and line, with the
// parties, signing date and term the document gives. The elements are indicators for an
// auditor to verify, not legal advice; judging them is the rules' work.
package processors

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/alarmlink/vern/internal/collect"
	"github.com/alarmlink/vern/internal/config"
	"github.com/alarmlink/vern/internal/evidence"
)

// Target is the collector's single target name: the processors kind, which names no more.
const Target = string(evidence.TargetProcessors)

// HookDocument is the hook point before each processor's documents are read, named as
// collect.HookPoint says.
const HookDocument = Target + "/document"

// Options configures the collector; the zero value reads from the file system.
type Options struct {
	// ReadFile reads a document; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// MaxBytes bounds a document's size; 0 means 50 MiB.
	MaxBytes int64
	// PDFTimeout bounds the text extraction of one PDF; 0 means 30 s.
	PDFTimeout time.Duration
}

// Collector reads the processor registry's agreements.
type Collector struct {
	opts Options
}

// New returns the processors collector with default options.
func New() collect.Collector { return NewWithOptions(Options{}) }

// NewWithOptions returns a processors collector with the given options.
func NewWithOptions(opts Options) *Collector {
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 50 << 20
	}
	if opts.PDFTimeout <= 0 {
		opts.PDFTimeout = 30 * time.Second
	}
	return &Collector{opts: opts}
}

// Kind names the collector.
func (c *Collector) Kind() string { return Target }

// Targets is the single processors target when the inventory has a registry.
func (c *Collector) Targets(cfg *config.Config) []string {
	if len(cfg.Processors) == 0 && cfg.Inventory.Processors == "" {
		return nil
	}
	return []string{Target}
}

// Collect reads every registry entry's agreement. A missing, unreadable or broken document
// is recorded on its processor, never a failed target: it is a finding for the rules.
func (c *Collector) Collect(ctx context.Context, cfg *config.Config, target string, env collect.Env) (collect.Result, error) {
	if target != Target {
		return collect.Result{}, fmt.Errorf("collect processors: unknown target %q", target)
	}
	ids := make([]string, 0, len(cfg.Processors))
	for id := range cfg.Processors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	doc := evidence.Processors{Detector: DetectorVersion, Processors: make(map[string]evidence.ProcessorRecord, len(ids))}
	var partial []string
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return collect.Result{}, fmt.Errorf("collect processors: %w", err)
		}
		if err := env.Hook(HookDocument); err != nil {
			return collect.Result{}, fmt.Errorf("collect processors %s: %w", id, err)
		}
		rec := c.collectOne(ctx, cfg, cfg.Processors[id])
		env.Log.WithField("processor", id).WithField("document", rec.Document.Status).Debug("agreement read")
		doc.Processors[id] = rec
		if rec.Partial {
			partial = append(partial, id+": "+rec.PartialReason)
		}
		if env.Progress != nil {
			env.Progress.Step(target, i+1, len(ids))
		}
	}
	res := collect.Result{Data: doc}
	if len(partial) > 0 {
		res.Partial, res.Reason = true, "agreements not checked: "+strings.Join(partial, "; ")
	}
	return res, nil
}

func (c *Collector) collectOne(ctx context.Context, cfg *config.Config, p config.Processor) evidence.ProcessorRecord {
	rec := evidence.ProcessorRecord{Role: p.Role}
	if rec.Role == "" {
		rec.Role = "processor"
	}
	files := p.Agreement.Files()
	if len(files) == 0 {
		rec.Document = evidence.Document{Status: evidence.DocumentMissing, Reason: "the registry entry names no agreement document"}
		resolveDates(&rec, p.Agreement)
		return rec
	}
	var docs []docLines
	for _, f := range files {
		lines, d := c.read(ctx, cfg, p, f)
		rec.Documents = append(rec.Documents, d)
		if d.Status == evidence.DocumentFound {
			docs = append(docs, docLines{index: len(rec.Documents) - 1, name: d.Path, lines: lines})
		}
	}
	rec.Document = rec.Documents[0]
	if len(files) == 1 {
		rec.Documents = nil
	}
	if rec.Document.Status == evidence.DocumentFound {
		r := judge(docs, rec.Role)
		for i, lang := range r.langs {
			if rec.Documents != nil {
				rec.Documents[docs[i].index].Language = lang
			}
			if i == 0 {
				rec.Document.Language = lang
			}
		}
		rec.Partial, rec.PartialReason = r.partial, r.reason
		if !r.partial {
			rec.Elements = r.elements
			rec.Standard = r.standard
		}
		rec.Extracted = extract(docs[0].lines)
		applyReview(&rec, p, r)
	}
	resolveDates(&rec, p.Agreement)
	return rec
}

// read finds, reads and extracts the text of one of a processor's documents.
func (c *Collector) read(ctx context.Context, cfg *config.Config, p config.Processor, file string) ([]Line, evidence.Document) {
	rel, err := documentPath(p, file)
	if err != nil {
		return nil, evidence.Document{Status: evidence.DocumentError, Reason: err.Error()}
	}
	d := evidence.Document{Path: filepath.ToSlash(rel)}
	data, err := c.opts.ReadFile(filepath.Join(cfg.Dir, rel))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.Status, d.Reason = evidence.DocumentMissing, "no such file"
		return nil, d
	case err != nil:
		d.Status, d.Reason = evidence.DocumentError, "read: "+errReason(err)
		return nil, d
	case int64(len(data)) > c.opts.MaxBytes:
		d.Status, d.Reason = evidence.DocumentError, fmt.Sprintf("larger than %d bytes", c.opts.MaxBytes)
		return nil, d
	}
	return c.parse(ctx, rel, data, d)
}

// parse hashes a document and extracts its lines; d carries the path already set.
func (c *Collector) parse(ctx context.Context, name string, data []byte, d evidence.Document) ([]Line, evidence.Document) {
	sum := sha256.Sum256(data)
	d.SHA256 = hex.EncodeToString(sum[:])
	d.Format = formatOf(name, data)
	var lines []Line
	switch d.Format {
	case FormatPDF:
		pages, err := pdfPages(ctx, data, c.opts.PDFTimeout)
		if err != nil {
			d.Status, d.Reason = evidence.DocumentError, errReason(err)
			return nil, d
		}
		d.Pages = len(pages)
		lines = PageLines(pages)
	case FormatMarkdown, FormatText:
		d.Pages = 1
		lines = TextLines(d.Format, data)
	default:
		if !validText(data) {
			d.Status, d.Reason = evidence.DocumentError, "not Markdown, text or PDF"
			return nil, d
		}
		d.Format, d.Pages = FormatText, 1
		lines = TextLines(FormatText, data)
	}
	if !hasText(lines) {
		d.Status, d.Reason = evidence.DocumentUnreadable, "the document yields no text (a scan without a text layer?)"
		return nil, d
	}
	d.Status = evidence.DocumentFound
	return lines, d
}

// documentPath resolves the document beside the registry file, relative to the inventory's
// folder; a name that leaves the registry's folder is refused.
func documentPath(p config.Processor, file string) (string, error) {
	name := filepath.FromSlash(file)
	if filepath.IsAbs(name) || !filepath.IsLocal(name) {
		return "", fmt.Errorf("document %q is outside the registry folder", file)
	}
	return filepath.Join(filepath.Dir(filepath.FromSlash(p.File)), name), nil
}

// errReason keeps an error's message without the absolute paths os errors carry.
func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

// resolveDates sets the effective parties and dates: the registry's when it gives them,
// else the document's, else an expiry computed from signing date and term.
func resolveDates(rec *evidence.ProcessorRecord, a *config.Agreement) {
	x := rec.Extracted
	rec.Parties = x.Parties
	rec.Term = x.Term
	var from []string
	if a != nil && a.Signed != "" {
		rec.Signed = a.Signed
		from = append(from, "signed:registry")
	} else if x.Signed != "" {
		rec.Signed = x.Signed
		from = append(from, "signed:document")
	}
	switch {
	case a != nil && a.Expires != "":
		rec.Expires = a.Expires
		from = append(from, "expires:registry")
	case x.Expires != "":
		rec.Expires = x.Expires
		from = append(from, "expires:document")
	case rec.Signed != "" && x.Term != "":
		if e := addTerm(rec.Signed, x.Term); e != "" {
			rec.Expires = e
			from = append(from, "expires:signed+term")
		}
	}
	rec.DatesFrom = strings.Join(from, ",")
}
