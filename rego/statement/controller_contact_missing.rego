# METADATA
# description: |
#   Rules on the privacy statement itself: what GDPR Art. 13 requires it to tell people,
#   judged on the declaration alone.
package vern.statement

import data.vern.lib

# METADATA
# title: The statement gives no contact details for the controller
# description: |
#   Art. 13(1)(a) requires the identity and the contact details of the controller. A name
#   alone does not let a data subject reach it: an e-mail address, a telephone number or a
#   postal address is needed.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_13
#     description: GDPR Article 13
# custom:
#   id: statement.controller_contact_missing
#   severity: medium
#   kind: statement
#   legal: ["GDPR Art. 13(1)(a)", "personopplysningsloven § 1"]
#   remediation: |
#     Publish the controller's e-mail address, telephone number or postal address in the
#     statement and add them under controller.contact in declaration.yaml.
#   nb:
#     title: Erklæringen mangler kontaktopplysninger til behandlingsansvarlig
#     description: |
#       Art. 13 nr. 1 bokstav a krever identiteten og kontaktopplysningene til den
#       behandlingsansvarlige. Et navn alene lar ikke den registrerte ta kontakt: det trengs
#       e-postadresse, telefonnummer eller postadresse.
#     remediation: |
#       Publiser e-postadresse, telefonnummer eller postadresse til behandlingsansvarlig i
#       erklæringen og før dem inn under controller.contact i declaration.yaml.
deny contains f if {
	not _has_contact
	f := lib.finding(rego.metadata.chain(), {
		"resource": "declaration://controller",
		"target": "declaration://controller",
		"message": sprintf("The statement names the controller %q but gives no e-mail, telephone or address.", [_name]),
		"message_nb": sprintf(
			"Erklæringen navngir %q som behandlingsansvarlig, men oppgir ingen e-post, telefon eller adresse.",
			[_name],
		),
	})
}

_name := object.get(object.get(input.declaration, "controller", {}), "name", "")

_has_contact if {
	some field in ["email", "phone", "address"]
	input.declaration.controller.contact[field] != ""
}
