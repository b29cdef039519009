package config

import (
	"bufio"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	vernrego "github.com/alarmlink/vern/rego"
)

// unwaivableRules are the built-in rules whose METADATA says custom.unwaivable: true. They
// are read from the embedded rules themselves, so that loading waivers.yaml refuses a
// waiver on one before any rule is compiled, and no rule id is written here. The engine
// checks the METADATA strictly; a block this reader cannot parse is skipped.
var unwaivableRules = sync.OnceValue(func() []string {
	var ids []string
	_ = fs.WalkDir(vernrego.Bundle, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := fs.ReadFile(vernrego.Bundle, p)
		if err != nil {
			return nil
		}
		for _, block := range metadataBlocks(string(b)) {
			var m struct {
				Custom struct {
					ID         string `yaml:"id"`
					Unwaivable bool   `yaml:"unwaivable"`
				} `yaml:"custom"`
			}
			if yaml.Unmarshal([]byte(block), &m) == nil && m.Custom.Unwaivable && m.Custom.ID != "" {
				ids = append(ids, m.Custom.ID)
			}
		}
		return nil
	})
	slices.Sort(ids)
	return ids
})

// metadataBlocks returns the YAML of each # METADATA comment block of a Rego module.
func metadataBlocks(src string) []string {
	var blocks []string
	var cur *strings.Builder
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "# METADATA":
			cur = &strings.Builder{}
		case cur != nil && strings.HasPrefix(line, "#"):
			cur.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ") + "\n")
		case cur != nil:
			blocks = append(blocks, cur.String())
			cur = nil
		}
	}
	return blocks
}

// unwaivable reports whether no waiver may name rule.
func unwaivable(rule string) bool { return slices.Contains(unwaivableRules(), rule) }
