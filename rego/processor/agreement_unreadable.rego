package vern.processor

import data.vern.lib

# METADATA
# title: A processor's agreement cannot be read
# description: |
#   The agreement document exists but yields no text (a scan without a text layer) or
#   cannot be parsed (a broken PDF), so whether it contains what Art. 28(3) requires cannot
#   be checked; the controller must be able to demonstrate its agreements (Art. 5(2),
#   Art. 24(1)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_5
#     description: GDPR Article 5
# custom:
#   id: processor.agreement_unreadable
#   severity: high
#   kind: law
#   promise: [recipients]
#   ropa: [processors]
#   legal:
#     - GDPR Art. 28(3)
#     - GDPR Art. 28(9)
#     - GDPR Art. 5(2)
#     - personopplysningsloven § 1
#   remediation: |
#     Replace the document with a text version (a PDF with a text layer, Markdown or plain
#     text): ask the supplier for the signed original, or run OCR on the scan and keep the
#     scan beside it.
#   nb:
#     title: En databehandleravtale kan ikke leses
#     description: |
#       Avtaledokumentet finnes, men gir ingen tekst (en skannet avtale uten tekstlag) eller
#       kan ikke tolkes (en skadet PDF), slik at det ikke kan kontrolleres om det inneholder
#       det artikkel 28 nr. 3 krever. Den behandlingsansvarlige må kunne påvise avtalene sine
#       (artikkel 5 nr. 2 og artikkel 24 nr. 1).
#     remediation: |
#       Bytt dokumentet ut med en tekstversjon (PDF med tekstlag, Markdown eller ren tekst):
#       be leverandøren om det signerte originaldokumentet, eller kjør tekstgjenkjenning på
#       skanningen og behold skanningen ved siden av.
deny contains f if {
	some id, rec in _records
	rec.document.status in {"unreadable", "error"}
	reason := _text(rec.document, "reason")
	f := lib.finding(rego.metadata.chain(), {
		"resource": _resource(id),
		"target": _resource(id),
		"message": sprintf("The agreement of %q cannot be read (%s): %s.", [_name(id), rec.document.status, reason]),
		"message_nb": sprintf("Avtalen med %q kan ikke leses (%s): %s.", [_name(id), rec.document.status, reason]),
		"details": {
			"processor": id,
			"status": rec.document.status,
			"path": _text(rec.document, "path"),
			"format": _text(rec.document, "format"),
		},
	})
}
