package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/alarmlink/vern/collectors/processors"
	"github.com/alarmlink/vern/internal/config"
)

// ReviewOptions configures the draft review of a processor's agreement.
type ReviewOptions struct {
	ConfigPath string
	// Processor is the registry's id of the processor (its file's stem).
	Processor string
	// By is who reviews, written into the draft.
	By string
	// Today is the review's date.
	Today time.Time
}

// ReviewResult is the draft review block.
type ReviewResult struct {
	Review config.Review
	// Missing are the elements vern did not find in the agreement.
	Missing []string
	// Order is the elements' report order for the processor's role.
	Order []string
}

// Review reads a processor's agreement as the collector does and drafts its review block
// from vern's own reading.
func Review(ctx context.Context, opts ReviewOptions) (*ReviewResult, error) {
	cfg, err := loadConfig(opts.ConfigPath)
	if err != nil {
		return nil, invalid(err)
	}
	p, ok := cfg.Processors[opts.Processor]
	if !ok {
		return nil, invalid(fmt.Errorf("processor %q is not in the registry (see %s)", opts.Processor, opts.ConfigPath))
	}
	rv, missing, err := processors.DraftReview(ctx, cfg, p, opts.Today)
	if err != nil {
		return nil, invalid(err)
	}
	rv.By = opts.By
	return &ReviewResult{Review: rv, Missing: missing, Order: processors.ElementIDs(p.Role)}, nil
}
