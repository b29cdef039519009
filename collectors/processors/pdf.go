package processors

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ledongthuc/pdf"
)

// errNoPages marks a PDF whose page tree is empty or broken.
var errNoPages = errors.New("the PDF has no pages")

// maxPDFPages bounds the pages read from one agreement.
const maxPDFPages = 500

// pdfPages extracts the text of each page. The PDF library panics on some malformed files
// and can spin on others, so it runs behind recover and a deadline: a broken PDF is an
// error to record, never a crash or a hang.
func pdfPages(ctx context.Context, data []byte, timeout time.Duration) ([]string, error) {
	type result struct {
		pages []string
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if r := recover(); r != nil {
				res = result{err: fmt.Errorf("parse pdf: %v", r)}
			}
			ch <- res
		}()
		res.pages, res.err = readPDF(data)
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case res := <-ch:
		return res.pages, res.err
	case <-t.C:
		return nil, fmt.Errorf("parse pdf: no result after %s", timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func readPDF(data []byte) ([]string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("parse pdf: %w", err)
	}
	n := r.NumPage()
	if n <= 0 {
		return nil, errNoPages
	}
	if n > maxPDFPages {
		n = maxPDFPages
	}
	pages := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			pages = append(pages, "")
			continue
		}
		// Fonts are per page: the same resource name can mean another font elsewhere.
		text, err := p.GetPlainText(nil)
		if err != nil {
			return nil, fmt.Errorf("parse pdf page %d: %w", i, err)
		}
		pages = append(pages, text)
	}
	return pages, nil
}
