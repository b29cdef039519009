package detect

import "regexp"

// HashPattern matches stored password hashes: modular crypt formats (bcrypt, argon2,
// scrypt, sha-crypt, pbkdf2), framework formats, LDAP schemes, SCRAM verifiers and bare hex
// digests. The same pattern runs in PostgreSQL (POSIX ARE) for the exact count, so it keeps
// to the syntax both engines share.
const HashPattern = `^(\$2[abxy]?\$[0-9]{2}\$[./A-Za-z0-9]{53}|\$argon2(id|i|d)\$.+|\$scrypt\$.+|\$7\$.+|` +
	`\$[156]\$.+|\$pbkdf2[-a-z0-9]*\$.+|pbkdf2_sha(1|256|512)\$.+|(bcrypt|bcrypt_sha256|argon2|scrypt|sha1|md5)\$.+|` +
	`\{(SSHA|SHA|SSHA256|SSHA512|CRYPT|BCRYPT|ARGON2)[^}]*\}.+|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|` +
	`[0-9a-fA-F]{128}|md5[0-9a-f]{32}|SCRAM-SHA-256\$.+)$`

var hashRE = regexp.MustCompile(HashPattern)

// IsPasswordHash reports whether a password-like value is a hash rather than plain text.
func IsPasswordHash(v string) bool { return hashRE.MatchString(v) }
