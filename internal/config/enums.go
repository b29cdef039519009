package config

// The closed vocabularies of the file formats. Values outside them are load errors; which
// of them a statement uses (or omits) is for the rules to judge.
var (
	// bases are the GDPR Art. 6(1) legal bases.
	bases = []string{"consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interest"}
	// processorRoles are the roles a registry entry can have.
	processorRoles = []string{"processor", "joint_controller"}
	// transferMechanisms are the Chapter V safeguards a transfer can rest on.
	transferMechanisms = []string{"adequacy", "scc", "bcr", "dpf", "none"}
	// rightIDs are the data subject rights of GDPR Art. 13(2)(b)-(f).
	rightIDs = []string{
		"access", "rectification", "erasure", "restriction", "portability", "object",
		"withdraw_consent", "complaint", "automated_decisions",
	}
	// cookiePurposeIDs are the purposes a cookie can serve.
	cookiePurposeIDs = []string{"necessary", "functional", "analytics", "marketing", "personalization"}
	// retentionFrom are the starting points a retention period can count from besides the
	// row's own timestamp.
	retentionFrom = []string{RetentionFromFinancialYearEnd}
)
