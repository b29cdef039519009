package processors

import (
	"strings"
	"testing"

	"github.com/alarmlink/vern/internal/evidence"
)

// TestReadingStructure checks the structure the rules read: headings as context, list
// items carrying their lead-in, tables of contents skipped, refusals scoped to their
// provision and conflicts with both places. Texts are short agreements written for the
// test.
func TestReadingStructure(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		text   string
		id     string
		status string
		line   int
		other  int // the conflicting provision's line
	}{
		{
			name: "a heading is context for the clause under it",
			text: "# Databehandleravtale\n\n## 6. Bistand ved rettighetsforespørsler\n\nDatabehandleren bistår med innsyn, retting og sletting.\n",
			id:   "e", status: evidence.ElementFound, line: 5,
		},
		{
			name: "termination (opsigelse) ends the processing for deletion",
			text: "# Databehandleraftale\n\n## 9. Sletning\n\nVed opsigelse af aftalen sletter databehandleren alle personoplysninger.\n",
			id:   "g", status: evidence.ElementFound, line: 5,
		},
		{
			name: "a definition naming the agreement's people carries the data subjects",
			text: "# Databehandleravtale\n\n## 1. Definisjoner\n\n- Tjenesten: nettbutikken som leveres etter hovedavtalen.\n- Registrerte: Kundens sluttkunder og ansatte som bruker tjenesten.\n",
			id:   "data_subjects", status: evidence.ElementFound, line: 6,
		},
		{
			name: "a quoted definition naming the people carries the data subjects",
			text: "# Agreement\n\n## 1. Definitions\n\n\"Data Subjects\" means the customer's employees and the end users of the service.\n",
			id:   "data_subjects", status: evidence.ElementFound, line: 5,
		},
		{
			name: "the Regulation's definition of data subject is no category",
			text: "# Agreement\n\n## 1. Definitions\n\n\"Data Subject\" means an identified or identifiable natural person.\n",
			id:   "data_subjects", status: evidence.ElementMissing,
		},
		{
			name: "a definition of data subjects carries no other element",
			text: "# Agreement\n\n## 1. Definitions\n\n\"Data Subjects\" means the customer's employees whose personal data the processor deletes at the end of the services.\n",
			id:   "g", status: evidence.ElementMissing,
		},
		{
			name: "a heading alone grants no clause",
			text: "# Databehandleravtale\n\n## 8. Revisjon\n\nNærmere vilkår avtales senere.\n",
			id:   "h", status: evidence.ElementMissing,
		},
		{
			name: "list items carry their lead-in",
			text: "# Aftale\n\nDatabehandleren forpligter sig til at:\n\n- Slette eller tilbagelevere alle personoplysninger ved aftalens ophør\n- Sikre at autoriserede medarbejdere er underlagt fortrolighed\n",
			id:   "b", status: evidence.ElementFound, line: 6,
		},
		{
			name: "a table of contents is skipped",
			text: "# Agreement\n\nContents\n\n1. Audits ........ 4\n2. Definitions ........ 5\n\nThis agreement is made between the parties named below for the services.\n\n## 1. Audits\n\nThe processor shall allow for and contribute to audits, including inspections, by the controller.\n",
			id:   "h", status: evidence.ElementFound, line: 12,
		},
		{
			name: "a refusal in a relative clause does not void a grant",
			text: "# Agreement\n\nThe data importer means the processor who is not subject to a third country's system ensuring adequate protection.\n\nThe processor shall process personal data only on documented instructions from the controller.\n",
			id:   "a", status: evidence.ElementFound, line: 5,
		},
		{
			name: "a grant and a refusal elsewhere are a conflict with both places",
			text: "# Agreement\n\n## 1. Deletion\n\nThe processor shall delete all personal data at the end of the services.\n\n## 9. Retention\n\nThe processor is not obliged to delete personal data after termination of the agreement.\n",
			id:   "g", status: evidence.ElementConflict, line: 5, other: 9,
		},
		{
			name: "a refusal alone is negated",
			text: "# Agreement\n\nThe processor is not obliged to delete personal data after termination of the agreement.\n",
			id:   "g", status: evidence.ElementMissing, line: 3,
		},
		{
			name: "a particular left to an annex not on file is referenced",
			text: "# Agreement\n\nThe categories of data subjects are described in Annex 2.\n",
			id:   "data_subjects", status: evidence.ElementReferenced, line: 3,
		},
		{
			name: "a particular in an annex on file is found there",
			text: "# Agreement\n\nThe categories of data subjects are described in Annex 2.\n\n# Annex 2\n\nCategories of data subjects: the customer's employees.\n",
			id:   "data_subjects", status: evidence.ElementFound, line: 7,
		},
		{
			name: "a particular left to the privacy policy is referenced",
			text: "# Agreement\n\nFor the types of personal data processed, we refer to our Privacy Policy, which can be found on our website.\n",
			id:   "data_types", status: evidence.ElementReferenced, line: 3,
		},
		{
			name: "a particular left to the main agreement is referenced",
			text: "# Databehandleravtale\n\nKategorier av registrerte fremgår av hovedavtalen.\n",
			id:   "data_subjects", status: evidence.ElementReferenced, line: 3,
		},
		{
			name: "a template blank is no particular",
			text: "# Agreement\n\n## Categories of Data Subjects\n\n`categories of data subjects`\n",
			id:   "data_subjects", status: evidence.ElementMissing,
		},
		{
			name: "a governing-law clause is no subject matter",
			text: "# Agreement\n\nThis agreement and any dispute arising out of it or its subject matter or formation shall be governed by the laws of Norway.\n",
			id:   "subject_matter", status: evidence.ElementMissing,
		},
		{
			name: "a term from one date to another is a duration",
			text: "# Databehandleravtale\n\nAvtalen løper fra 1. mars 2024 til 1. mars 2027.\n",
			id:   "duration", status: evidence.ElementFound, line: 3,
		},
		{
			name: "a label line names the data types",
			text: "# Databehandleravtale\n\nKategorier av opplysninger: navn, adresse og telefonnummer.\n",
			id:   "data_types", status: evidence.ElementFound, line: 3,
		},
		{
			name: "data subjects named in a section heading",
			text: "# Databehandleravtale\n\n## 3. Registrerte\n\n- Kundens kunder\n- Kundens ansatte\n",
			id:   "data_subjects", status: evidence.ElementFound, line: 5,
		},
		{
			name: "assistance with requests under the rights heading",
			text: "# Databehandleravtale\n\n## 7. De registrertes rettigheter\n\nDatabehandleren skal etter avtale bistå den behandlingsansvarlige slik at henvendelser om innsyn, retting og sletting kan besvares.\n",
			id:   "e", status: evidence.ElementFound, line: 5,
		},
		{
			name: "Swedish compounds and inflections",
			text: "# Avtal\n\n## Underbiträden\n\nKunden ger ett generellt godkännande för anlitande av underbiträden. Biträdet ska säkerställa att underbiträdet omfattas av likvärdiga skyldigheter.\n",
			id:   "d", status: evidence.ElementFound, line: 5,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Detect(TextLines(FormatMarkdown, []byte(tc.text)), "processor")[tc.id]
			if got.Status != tc.status {
				t.Fatalf("%s: status %q (%+v), want %q", tc.id, got.Status, got, tc.status)
			}
			if tc.line > 0 && got.Line != tc.line {
				t.Errorf("%s: line %d (%q), want %d", tc.id, got.Line, got.Excerpt, tc.line)
			}
			if tc.other > 0 && (got.Conflict == nil || got.Conflict.Line != tc.other) {
				t.Errorf("%s: conflict %+v, want line %d", tc.id, got.Conflict, tc.other)
			}
			if tc.status == evidence.ElementConflict && (got.Found || !got.Negated) {
				t.Errorf("a conflict must stay a finding: found=%v negated=%v", got.Found, got.Negated)
			}
			if strings.Contains(got.Excerpt, "@") || len([]rune(got.Excerpt)) > maxExcerpt {
				t.Errorf("excerpt %q", got.Excerpt)
			}
		})
	}
}

// TestExternalDocumentOnFile: a reference to the privacy policy is answered when the
// privacy policy is one of the agreement's files.
func TestExternalDocumentOnFile(t *testing.T) {
	t.Parallel()
	main := Source{Name: "dpa.md", Data: []byte("# Agreement\n\nFor the types of personal data processed, we refer to our Privacy Policy.\n")}
	policy := Source{Name: "privacy.md", Data: []byte("# Privacy Policy\n\nTypes of personal data: name, e-mail address and order history.\n")}
	alone, err := ReadAgreement([]Source{main}, "processor")
	if err != nil {
		t.Fatal(err)
	}
	if e := alone.Elements["data_types"]; e.Status != evidence.ElementReferenced {
		t.Errorf("alone, data_types = %+v, want referenced_not_supplied", e)
	}
	both, err := ReadAgreement([]Source{main, policy}, "processor")
	if err != nil {
		t.Fatal(err)
	}
	if e := both.Elements["data_types"]; e.Status != evidence.ElementFound || e.Document != "privacy.md" {
		t.Errorf("with the policy, data_types = %+v, want found in privacy.md", e)
	}
}
