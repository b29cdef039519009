package vern.statement

import data.vern.lib

# METADATA
# title: Analytics or marketing cookies rest on a basis other than consent
# description: |
#   Storing or reading information on a user's device is allowed without consent only
#   where it is strictly necessary for the service the user asked for or for carrying the
#   communication (ekomloven § 3-15, implementing ePrivacy Directive Art. 5(3)). Analytics
#   and marketing cookies are neither, so they need consent to the standard of GDPR
#   Art. 4(11) and Art. 7, which applies in Norway since 1 January 2025. Legitimate
#   interest, contract or any other basis cannot replace it. A cookie purpose's basis is
#   its own when stated, else that of the declared purpose it refers to (by default the
#   purpose with the same id).
# related_resources:
#   - ref: https://lovdata.no/dokument/NL/lov/2024-12-13-76
#     description: Ekomloven (§ 3-15, storage of and access to information on user equipment)
#   - ref: https://eur-lex.europa.eu/eli/dir/2002/58/oj
#     description: ePrivacy Directive 2002/58/EC (Article 5(3))
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_7
#     description: GDPR Article 7
# custom:
#   id: statement.cookie_consent_basis
#   severity: high
#   kind: statement
#   legal:
#     - ekomloven § 3-15
#     - ePrivacy Directive Art. 5(3)
#     - GDPR Art. 4(11)
#     - GDPR Art. 6(1)(a)
#     - GDPR Art. 7
#   remediation: |
#     Set analytics and marketing cookies only after the user has actively consented in the
#     consent banner, say so in the statement, and set the basis of the cookie purpose (or
#     of the purpose it refers to) to consent in declaration.yaml.
#   nb:
#     title: Analyse- eller markedsføringscookies bygger på et annet grunnlag enn samtykke
#     description: |
#       Lagring av eller tilgang til informasjon på brukerens utstyr er bare tillatt uten
#       samtykke når det er strengt nødvendig for tjenesten brukeren har bedt om eller for å
#       overføre kommunikasjonen (ekomloven § 3-15, som gjennomfører
#       kommunikasjonsverndirektivet artikkel 5 nr. 3). Informasjonskapsler til analyse og
#       markedsføring er ingen av delene og krever derfor samtykke etter kravene i
#       personvernforordningen artikkel 4 nr. 11 og artikkel 7, som gjelder i Norge fra
#       1. januar 2025. Berettiget interesse, avtale eller et annet grunnlag kan ikke erstatte
#       samtykket. Grunnlaget for et cookieformål er formålets eget når det er oppgitt, ellers
#       grunnlaget for det oppgitte formålet det viser til (som standard formålet med samme id).
#     remediation: |
#       Sett informasjonskapsler til analyse og markedsføring først etter at brukeren aktivt
#       har samtykket i samtykkebanneret, si det i erklæringen, og sett grunnlaget for
#       cookieformålet (eller formålet det viser til) til consent i declaration.yaml.
deny contains f if {
	some cp in _cookie_purposes
	_consent_cookie_purposes[cp.id]
	basis := _or(cp.basis, _basis(cp.purpose))
	basis != "consent"
	f := lib.finding(rego.metadata.chain(), {
		"resource": sprintf("declaration://cookies/%s", [cp.id]),
		"target": "declaration://cookies",
		"message": sprintf(
			"The %s cookies rest on %s, but ekomloven § 3-15 requires consent for them.",
			[cp.id, _basis_en(basis)],
		),
		"message_nb": sprintf(
			"Informasjonskapslene til %s bygger på %s, men ekomloven § 3-15 krever samtykke for dem.",
			[cp.id, _basis_nb(basis)],
		),
		"details": {"cookie_purpose": cp.id, "purpose": cp.purpose, "basis": basis},
	})
}

# _consent_cookie_purposes are the cookie purposes that are never strictly necessary.
_consent_cookie_purposes := {"analytics", "marketing"}

_basis_en("") := "no stated basis"

_basis_en(basis) := sprintf("the basis %q", [basis]) if basis != ""

_basis_nb("") := "et grunnlag som ikke er oppgitt"

_basis_nb(basis) := sprintf("grunnlaget %q", [basis]) if basis != ""
