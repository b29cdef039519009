package vern.processor

import data.vern.lib

# METADATA
# title: A reviewed clause map no longer matches the agreement
# description: |
#   The registry's review block records where a person found each Art. 28(3) element of
#   the agreement, for the document with the hash it names. When the document on file has
#   another hash, it was replaced or edited after the review: the reviewer's places may no
#   longer hold, and vern's own reading is all that stands. A review whose anchor no longer
#   resolves in the current document is reported here as well.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
# custom:
#   id: processor.review_stale
#   severity: low
#   kind: drift
#   promise: [recipients]
#   legal:
#     - GDPR Art. 28(3)
#     - GDPR Art. 5(2)
#   remediation: |
#     Review the current document again: run `vern processors review NAME`, check each
#     place it proposes against the agreement, and replace the review block (by, date,
#     sha256, clauses) in processors/NAME.yaml.
#   nb:
#     title: Et gjennomgått klausulkart stemmer ikke lenger med avtalen
#     description: |
#       Gjennomgangen i registeret viser hvor en person fant hvert element etter artikkel 28
#       nr. 3, for dokumentet med den angitte hashen. Når dokumentet som ligger på fil har en
#       annen hash, er det byttet ut eller endret etter gjennomgangen: stedene kan ha flyttet
#       seg, og bare vern sin egen lesing står igjen. Et anker som ikke lenger finnes i det
#       gjeldende dokumentet, meldes også her.
#     remediation: |
#       Gå gjennom det gjeldende dokumentet på nytt: kjør `vern processors review NAVN`,
#       kontroller hvert sted den foreslår mot avtalen, og erstatt review-blokken (by, date,
#       sha256, clauses) i processors/NAVN.yaml.
deny contains f if {
	some [id, kind, detail] in _review_issues
	rec := _records[id]
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("processor://%s/review", [id]),
		"target": _resource(id),
		"message": _review_message_en(kind, id, rec, detail),
		"message_nb": _review_message_nb(kind, id, rec, detail),
		"details": {
			"processor": id,
			"issue": kind,
			"unresolved": detail,
			"reviewed_sha256": _text(rec.review, "sha256"),
			"document_sha256": _text(rec.document, "sha256"),
		},
	})
}

# _review_issues are [processor, kind, detail]: a lapsed review, or an anchor of a current
# review that no longer resolves.
_review_issues contains [id, "stale", ""] if {
	some id, rec in _records
	rec.review.stale == true
}

_review_issues contains [id, "unresolved", u] if {
	some id, rec in _records
	not rec.review.stale == true
	some u in rec.review.unresolved
}

_review_message_en("stale", id, rec, _) := sprintf(
	"The review of the agreement with %q by %s on %s was of another version of the document: it has lapsed.",
	[_name(id), _text(rec.review, "by"), _text(rec.review, "date")],
)

_review_message_en("unresolved", id, _, u) := sprintf(
	"The review of the agreement with %q has an anchor vern cannot find: %s.",
	[_name(id), u],
)

_review_message_nb("stale", id, rec, _) := sprintf(
	"Gjennomgangen av avtalen med %q (%s, %s) gjaldt en annen versjon av dokumentet og gjelder ikke lenger.",
	[_name(id), _text(rec.review, "by"), _text(rec.review, "date")],
)

_review_message_nb("unresolved", id, _, u) := sprintf(
	"Gjennomgangen av avtalen med %q har et anker vern ikke finner: %s.",
	[_name(id), u],
)
