package commands

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alarmlink/vern/audit"
	"github.com/alarmlink/vern/internal/logging"
)

// logFlags are the flags of the logger's settings.
var logFlags = map[string]string{logging.SettingFormat: "--log-format", logging.SettingLevel: "--log-level"}

// withFlagHints rewords the typed errors of the flows and the logger so that they name the
// flags that fix them. The libraries speak of settings; the user types flags. An error with
// no hint is returned as it is.
func withFlagHints(err error) error {
	if err == nil {
		return nil
	}
	var (
		choice  *logging.ChoiceError
		link    *audit.LinkError
		rules   *audit.RulesDirError
		waivers *audit.WaiversMismatchError
		chain   *audit.ChainMismatchError
		lang    *audit.LangError
		token   *audit.NoTokenError
	)
	switch {
	case errors.As(err, &choice) && logFlags[choice.Setting] != "":
		return reworded(err, choice, fmt.Sprintf("%s %q: choose %s", logFlags[choice.Setting], choice.Value, choice.Choices))
	case errors.As(err, &link):
		return reworded(err, link, fmt.Sprintf("--previous %s: %v", link.Previous, link.Err))
	case errors.As(err, &rules):
		return reworded(err, rules, fmt.Sprintf("load rules from %s: not a folder; --rules takes a folder of .rego files", rules.Dir))
	case errors.As(err, &waivers):
		return reworded(err, waivers, fmt.Sprintf("merge evidence: %s was collected with other waivers than %s: collect every target with the same waivers.yaml, or pass --waivers", waivers.Path, waivers.First))
	case errors.As(err, &chain):
		which := map[bool]string{true: audit.LinkedText(true) + " (--previous)", false: audit.LinkedText(false)}
		return reworded(err, chain, fmt.Sprintf("merge evidence: %s %s but %s %s: collect every target with --previous, or none", chain.Path, which[chain.Linked], chain.First, which[!chain.Linked]))
	case errors.As(err, &lang):
		return reworded(err, lang, fmt.Sprintf("--lang %q: choose en or nb", lang.Lang))
	case errors.As(err, &token):
		return reworded(err, token, fmt.Sprintf("issues sync: $%s is not set; export a token with rights on %s's issues", tokenEnv, token.Repo))
	case errors.Is(err, audit.ErrNoRepository):
		return reworded(err, audit.ErrNoRepository, "issues sync: no repository; pass --repo owner/name or --config with a github.repo entry")
	case errors.Is(err, audit.ErrPublicRepository):
		return reworded(err, audit.ErrPublicRepository, audit.ErrPublicRepository.Error()+" (use a private repository, or --allow-public to accept this)")
	}
	return err
}

// reworded is err with the text of the error inside it replaced by text; it still wraps
// err, so errors.As and errors.Is see what they saw.
func reworded(err, inner error, text string) error {
	return &hinted{text: strings.Replace(err.Error(), inner.Error(), text, 1), err: err}
}

// hinted is an error reworded for the command line.
type hinted struct {
	text string
	err  error
}

func (h *hinted) Error() string { return h.text }

func (h *hinted) Unwrap() error { return h.err }
