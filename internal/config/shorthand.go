package config

import "gopkg.in/yaml.v3"

// UnmarshalYAML lets code that decodes with yaml.v3 directly read a right written as a bare
// id (`- access`) or as a mapping (`- {right: access, source: ...}`), as the loader does.
func (r *Right) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*r = Right{Right: n.Value}
		return nil
	}
	type plain Right
	return n.Decode((*plain)(r))
}

// UnmarshalYAML lets code that decodes with yaml.v3 directly read a cookie purpose written as
// a bare id (`- analytics`) or as a mapping (`- {id: analytics, basis: consent}`).
func (c *CookiePurpose) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*c = CookiePurpose{ID: n.Value}
		return nil
	}
	type plain CookiePurpose
	return n.Decode((*plain)(c))
}
