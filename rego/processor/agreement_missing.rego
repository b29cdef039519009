package vern.processor

import data.vern.lib

# METADATA
# title: A processor has no agreement on file
# description: |
#   Art. 28(3) requires processing by a processor to be governed by a contract (a data
#   processing agreement) that binds the processor to the controller; joint controllers must
#   have an arrangement under Art. 26. The rule fires for a registry entry whose agreement
#   document is not named or not found, and for a vendor the website sends data to (its
#   cookies or requests) that has no registry entry at all.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28
#     description: GDPR Article 28
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_26
#     description: GDPR Article 26
# custom:
#   id: processor.agreement_missing
#   severity: high
#   kind: law
#   promise: [recipients]
#   ropa: [processors]
#   legal:
#     - GDPR Art. 28(3)
#     - GDPR Art. 26(1)
#     - personopplysningsloven § 1
#   remediation: |
#     Sign a data processing agreement (or, for a joint controller, an Art. 26 arrangement)
#     with the supplier, put the document beside its registry entry in processors/ and name
#     it under agreement.document. For a vendor seen on the website, add a registry entry
#     with its vendor id, or remove the vendor from the site.
#   nb:
#     title: En databehandler mangler avtale
#     description: |
#       Artikkel 28 nr. 3 krever at behandling som utføres av en databehandler, er regulert av
#       en avtale (databehandleravtale) som binder databehandleren overfor den
#       behandlingsansvarlige; felles behandlingsansvarlige må ha en ordning etter artikkel 26.
#       Regelen slår til for en oppføring i registeret der avtaledokumentet ikke er oppgitt
#       eller ikke finnes, og for en leverandør nettstedet sender data til (informasjonskapsler
#       eller forespørsler) som ikke står i registeret.
#     remediation: |
#       Inngå databehandleravtale (eller, for felles behandlingsansvarlige, en ordning etter
#       artikkel 26) med leverandøren, legg dokumentet ved oppføringen i processors/ og oppgi
#       det under agreement.document. For en leverandør sett på nettstedet: legg inn en
#       oppføring med leverandørens vendor-id, eller fjern leverandøren fra nettstedet.
deny contains f if {
	some facts in _agreement_missing
	f := lib.finding(rego.metadata.chain(), facts)
}

# _agreement_missing are the facts of each finding: registry entries without a usable
# document, and vendors seen on the website without a registry entry.
_agreement_missing contains facts if {
	some id, reason in _missing
	p := _registry[id]
	facts := {
		"resource": _resource(id),
		"target": _resource(id),
		"message": sprintf("%s %q has no %s on file: %s.", [_what_en(p), _name(id), _document_en(p), reason]),
		"message_nb": sprintf("%s %q har ingen %s: %s.", [_what_nb(p), _name(id), _document_nb(p), reason]),
		"details": {"processor": id, "role": _role(p), "reason": reason},
	}
}

_agreement_missing contains facts if {
	some vendor, sites in _unregistered_vendors
	hosts := concat(", ", sort(sites))
	facts := {
		"resource": _resource(vendor),
		"target": _resource(vendor),
		"message": sprintf(
			"The website sends data to the vendor %q (seen on %s), which has no entry in the processor registry.",
			[vendor, hosts],
		),
		"message_nb": sprintf(
			"Nettstedet sender data til leverandøren %q (sett på %s), som ikke står i databehandlerregisteret.",
			[vendor, hosts],
		),
		"details": {"vendor": vendor, "sites": sort(sites)},
	}
}

# _missing maps each registry entry without a usable document to the reason.
_missing[id] := "the registry names no agreement document" if {
	some id, p in _registry
	_text(_agreement(p), "document") == ""
}

_missing[id] := reason if {
	some id, p in _registry
	_text(_agreement(p), "document") != ""
	_document_status(id) == "missing"
	reason := _missing_reason(id)
}

_missing_reason(id) := sprintf("%s not found", [_records[id].document.path]) if {
	is_string(_records[id].document.path)
} else := "the document was not found"

_what_en(p) := "The joint controller" if _joint(p)

else := "The processor"

_what_nb(p) := "Den felles behandlingsansvarlige" if _joint(p)

else := "Databehandleren"

_document_en(p) := "Art. 26 arrangement" if _joint(p)

else := "data processing agreement"

_document_nb(p) := "ordning etter artikkel 26" if _joint(p)

else := "databehandleravtale"

# _registered_vendors are the vendor ids the registry links to a processor (its vendor, or
# its id).
_registered_vendors := {v | some _, p in _registry; v := _text(p, "vendor"); v != ""} | {id | some id, _ in _registry}

# _unregistered_vendors maps each vendor seen on a collected site, and not in the registry,
# to the sites it was seen on.
_unregistered_vendors[vendor] := sites if {
	some vendor in _seen_vendors
	not vendor in _registered_vendors
	sites := {host | some host, vs in _site_vendors; vendor in vs}
}

_seen_vendors := {v | some _, vs in _site_vendors; some v in vs}

_site_vendors[host] := {v | some v, _ in t.data.vendors} if {
	some name, t in input.targets
	t.kind == "site"
	t.status != "failed"
	is_object(t.data.vendors)
	host := trim_prefix(name, "site:")
}
