package vern.db

import data.vern.lib

# METADATA
# title: Passwords stored in plain text
# description: |
#   A password column holds values that are not password hashes (bcrypt, argon2, scrypt,
#   pbkdf2, sha-crypt and the like). Anyone who reads the table, or a backup of it, can log
#   in as those users, and elsewhere where they reuse the password (Art. 32(1)(a)).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_32
#     description: GDPR Article 32
# custom:
#   id: db.plaintext_password
#   severity: critical
#   kind: law
#   ropa: [security]
#   legal: ["GDPR Art. 32(1)(a)", "GDPR Art. 5(1)(f)"]
#   remediation: |
#     Hash every password with a slow password hash (argon2id or bcrypt), force a reset for
#     the affected accounts and purge old backups holding the plain text.
#   nb:
#     title: Passord lagret i klartekst
#     description: |
#       En passordkolonne har verdier som ikke er passordhasher (bcrypt, argon2, scrypt,
#       pbkdf2, sha-crypt o.l.). Den som leser tabellen, eller en sikkerhetskopi av den, kan
#       logge inn som disse brukerne, også andre steder der passordet er gjenbrukt (art. 32).
#     remediation: |
#       Hash alle passord med en langsom passordhash (argon2id eller bcrypt), tving fram
#       nytt passord for de berørte kontoene og fjern gamle sikkerhetskopier med klartekst.
deny contains f if {
	some [db, table, column, exact] in _exact
	n := exact.plaintext_password.matches
	n > 0
	f := lib.finding(rego.metadata.chain(), {
		"resource": _column_resource(db, table, column),
		"target": _resource(db, table),
		"message": sprintf(
			"%d of %d values of %s.%s are plain-text passwords, not hashes.",
			[n, exact.plaintext_password.checked, table, column],
		),
		"message_nb": sprintf(
			"%d av %d verdier i %s.%s er passord i klartekst, ikke hasher.",
			[n, exact.plaintext_password.checked, table, column],
		),
		"count": n,
		"details": {"checked": exact.plaintext_password.checked},
	})
}
