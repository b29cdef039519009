package vern.processor

import data.vern.lib

# METADATA
# title: A processor's agreement lacks a required element
# description: |
#   Art. 28(3) requires the agreement to set out the subject matter and duration of the
#   processing, its nature and purpose, the types of personal data and the categories of
#   data subjects, and to bind the processor to (a) act only on documented instructions,
#   (b) confidentiality, (c) the security of Art. 32, (d) engage sub-processors only with
#   prior authorisation and on the same obligations (Art. 28(2) and (4)), (e) help with data
#   subjects' rights, (f) help with Art. 32 to 36, (g) delete or return the data at the end,
#   and (h) information and audits. A joint controllers' arrangement (Art. 26) must set out
#   their respective responsibilities, in particular for data subjects' rights and
#   information, and its essence must be made available to data subjects. One finding per
#   element the document does not grant, or grants only to take it away; the page and line
#   point at where an auditor should look. These are indicators to verify, not legal advice.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_26
#     description: GDPR Article 26
# custom:
#   id: processor.clause_missing
#   severity: medium
#   kind: law
#   promise: [recipients]
#   ropa: [processors]
#   legal:
#     - GDPR Art. 28(3)
#     - GDPR Art. 28(4)
#     - GDPR Art. 26(1)-(2)
#     - personopplysningsloven § 1
#   remediation: |
#     Check the agreement at the place given. If the element is indeed missing or refused,
#     agree an amendment with the supplier (the Commission's standard contractual clauses
#     for Art. 28, or Datatilsynet's template, cover every element) and replace the document.
#   nb:
#     title: En databehandleravtale mangler et påkrevd element
#     description: |
#       Artikkel 28 nr. 3 krever at avtalen fastsetter behandlingens gjenstand og varighet,
#       art og formål, typen personopplysninger og kategoriene av registrerte, og at den
#       pålegger databehandleren å a) bare behandle etter dokumenterte instrukser, b)
#       taushetsplikt, c) sikkerhet etter artikkel 32, d) bare bruke underdatabehandlere med
#       forhåndsgodkjenning og på samme vilkår (artikkel 28 nr. 2 og 4), e) bistå med de
#       registrertes rettigheter, f) bistå med artikkel 32 til 36, g) slette eller
#       tilbakelevere opplysningene ved avslutning og h) informasjon og revisjon. En ordning
#       mellom felles behandlingsansvarlige (artikkel 26) må fastsette ansvarsfordelingen,
#       særlig for de registrertes rettigheter og informasjon, og hovedinnholdet må gjøres
#       tilgjengelig for de registrerte. Ett funn per element dokumentet ikke gir, eller gir
#       bare for å ta det tilbake; side og linje viser hvor en revisor bør se. Dette er
#       indikatorer som må kontrolleres, ikke juridisk rådgivning.
#     remediation: |
#       Kontroller avtalen på stedet som er angitt. Mangler elementet eller er det avskåret,
#       avtal en endring med leverandøren (Kommisjonens standard avtaleklausuler etter
#       artikkel 28 eller Datatilsynets mal dekker alle elementene) og bytt ut dokumentet.
deny contains f if {
	some id, rec in _records
	rec.document.status == "found"
	not rec.partial == true
	p := object.get(_registry, id, {})
	some element in _elements[_role(p)]
	e := object.get(rec, ["elements", element], {})
	not e.found == true
	label := _labels[element]
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("processor://%s/clause/%s", [id, element]),
		"target": _resource(id),
		"message": sprintf("The agreement with %q %s %s (%s)%s.", [
			_name(id), _verb_en(e), label.en, label.ref, _where_en(e),
		]),
		"message_nb": sprintf("Avtalen med %q %s %s (%s)%s.", [
			_name(id), _verb_nb(e), label.nb, label.ref, _where_nb(e),
		]),
		"details": object.union(
			{
				"processor": id, "element": element, "article": label.ref,
				"negated": object.get(e, "negated", false) == true,
				"status": object.get(e, "status", "missing"),
			},
			_location(e),
		),
	})
}

# _elements are the element ids judged for each role, as the collector records them.
_elements := {
	"processor": [
		"subject_matter", "duration", "nature_purpose", "data_types", "data_subjects",
		"a", "b", "c", "d", "e", "f", "g", "h",
	],
	"joint_controller": ["responsibilities", "rights_information", "essence"],
}

_labels := {
	"subject_matter": {
		"ref": "Art. 28(3)",
		"en": "the subject matter of the processing",
		"nb": "behandlingens gjenstand",
	},
	"duration": {
		"ref": "Art. 28(3)",
		"en": "the duration of the processing",
		"nb": "behandlingens varighet",
	},
	"nature_purpose": {
		"ref": "Art. 28(3)",
		"en": "the nature and purpose of the processing",
		"nb": "behandlingens art og formål",
	},
	"data_types": {
		"ref": "Art. 28(3)",
		"en": "the types of personal data",
		"nb": "typen personopplysninger",
	},
	"data_subjects": {
		"ref": "Art. 28(3)",
		"en": "the categories of data subjects",
		"nb": "kategoriene av registrerte",
	},
	"a": {
		"ref": "Art. 28(3)(a)",
		"en": "processing only on documented instructions",
		"nb": "behandling bare etter dokumenterte instrukser",
	},
	"b": {
		"ref": "Art. 28(3)(b)",
		"en": "confidentiality of the persons processing",
		"nb": "taushetsplikt for dem som behandler opplysningene",
	},
	"c": {
		"ref": "Art. 28(3)(c)",
		"en": "the security measures of Art. 32",
		"nb": "sikkerhetstiltak etter artikkel 32",
	},
	"d": {
		"ref": "Art. 28(3)(d)",
		"en": "sub-processors only with prior authorisation and the same obligations",
		"nb": "underdatabehandlere bare med forhåndsgodkjenning og samme plikter",
	},
	"e": {
		"ref": "Art. 28(3)(e)",
		"en": "assistance with data subjects' rights",
		"nb": "bistand med de registrertes rettigheter",
	},
	"f": {
		"ref": "Art. 28(3)(f)",
		"en": "assistance with Art. 32 to 36",
		"nb": "bistand med artikkel 32 til 36",
	},
	"g": {
		"ref": "Art. 28(3)(g)",
		"en": "deletion or return of the data at the end",
		"nb": "sletting eller tilbakelevering ved avslutning",
	},
	"h": {
		"ref": "Art. 28(3)(h)",
		"en": "information and audits",
		"nb": "informasjon og revisjon",
	},
	"responsibilities": {
		"ref": "Art. 26(1)",
		"en": "the joint controllers' respective responsibilities",
		"nb": "ansvarsfordelingen mellom de felles behandlingsansvarlige",
	},
	"rights_information": {
		"ref": "Art. 26(1)",
		"en": "who answers data subjects' rights and gives information",
		"nb": "hvem som ivaretar de registrertes rettigheter og informasjon",
	},
	"essence": {
		"ref": "Art. 26(2)",
		"en": "the essence of the arrangement made available to data subjects",
		"nb": "at hovedinnholdet gjøres tilgjengelig for de registrerte",
	},
}

_verb_en(e) := "leaves to an annex that is not on file" if e.status == "referenced_not_supplied"

else := "refuses" if e.negated == true

else := "does not set out"

_verb_nb(e) := "viser til et vedlegg som ikke er levert, for" if e.status == "referenced_not_supplied"

else := "avskjærer" if e.negated == true

else := "fastsetter ikke"

_where_en(e) := sprintf(" at page %d, line %d, which conflicts with a grant at page %d, line %d", [
	e.conflict.page, e.conflict.line, e.page, e.line,
]) if e.status == "conflict"

else := sprintf(" at page %d, line %d", [e.page, e.line]) if e.negated == true

else := msg if {
	e.status == "referenced_not_supplied"
	msg := sprintf("; referenced at page %d, line %d", [e.page, e.line])
}

else := sprintf("; only part of it was found (missing: %s)", [concat(", ", e.missing)]) if count(e.missing) > 0

else := ""

_where_nb(e) := sprintf(" på side %d, linje %d, i strid med det som gis på side %d, linje %d", [
	e.conflict.page, e.conflict.line, e.page, e.line,
]) if e.status == "conflict"

else := sprintf(" på side %d, linje %d", [e.page, e.line]) if e.negated == true

else := msg if {
	e.status == "referenced_not_supplied"
	msg := sprintf("; henvisningen står på side %d, linje %d", [e.page, e.line])
}

else := sprintf("; bare deler av det ble funnet (mangler: %s)", [concat(", ", e.missing)]) if count(e.missing) > 0

else := ""

_location(e) := {"page": e.page, "line": e.line, "conflict": e.conflict} if {
	e.status == "conflict"
	is_number(e.page)
	is_number(e.line)
} else := {"page": e.page, "line": e.line} if {
	is_number(e.page)
	is_number(e.line)
} else := {}
