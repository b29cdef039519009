// Package detect recognises personal data in PostgreSQL columns from two signals: the
// column's name (English and Norwegian) and a bounded sample of its values, checked in
// memory. Only counts leave it: a Column accumulates how many values matched each check,
// never the values themselves.
package detect

// Fides (fideslang) data kinds vern detects. rego/reference/fides.json holds the subset
// with its version and credit.
const (
	KindEmail        = "user.contact.email"
	KindPhone        = "user.contact.phone_number"
	KindStreet       = "user.contact.address.street"
	KindPostalCode   = "user.contact.address.postal_code"
	KindCity         = "user.contact.address.city"
	KindState        = "user.contact.address.state"
	KindCountry      = "user.contact.address.country"
	KindFax          = "user.contact.fax_number"
	KindName         = "user.name"
	KindFirstName    = "user.name.first"
	KindLastName     = "user.name.last"
	KindNationalID   = "user.government_id.national_identification_number"
	KindBankAccount  = "user.financial.bank_account"
	KindCard         = "user.financial.credit_card"
	KindIP           = "user.device.ip_address"
	KindCookieID     = "user.device.cookie_id"
	KindDeviceID     = "user.device.device_id"
	KindCredentials  = "user.authorization.credentials"
	KindDateOfBirth  = "user.demographic.date_of_birth"
	KindGender       = "user.demographic.gender"
	KindPassword     = "user.authorization.password"
	KindHealth       = "user.health_and_medical"
	KindBiometric    = "user.biometric"
	KindGenetic      = "user.genetic"
	KindReligion     = "user.demographic.religious_belief"
	KindPolitical    = "user.demographic.political_opinion"
	KindEthnicity    = "user.demographic.race_ethnicity"
	KindSexual       = "user.demographic.sexual_orientation"
	KindCriminal     = "user.criminal_history"
	kindKIDReference = "kid"
)

// detectorOf names the check behind a kind in the evidence.
var detectorOf = map[string]string{
	KindEmail: "email", KindPhone: "phone", KindStreet: "address", KindPostalCode: "postal_code",
	KindCity: "city", KindState: "state", KindCountry: "country", KindFax: "fax",
	KindDeviceID: "device_id", KindCredentials: "credentials", KindName: "name", KindFirstName: "name", KindLastName: "name",
	KindNationalID: "national_id", KindBankAccount: "bank_account", KindCard: "card_number",
	KindIP: "ip_address", KindCookieID: "cookie_id", KindDateOfBirth: "date_of_birth",
	KindGender: "gender", KindPassword: "password", KindHealth: "special_category",
	KindBiometric: "special_category", KindGenetic: "special_category", KindReligion: "special_category",
	KindPolitical: "special_category", KindEthnicity: "special_category", KindSexual: "special_category",
	KindCriminal: "criminal_offence",
}

// valueStrength is how specific a value check is for its kind: a checksum-validated
// fødselsnummer is near certain, an eight-digit number only suggests a phone.
var valueStrength = map[string]float64{
	KindEmail: 0.95, KindNationalID: 0.98, KindBankAccount: 0.8, KindCard: 0.95, KindIP: 0.9,
	KindPhone: 0.8, KindDateOfBirth: 0.45, KindPassword: 0.9, KindName: 0.8, KindFirstName: 0.75,
	KindLastName: 0.75, KindCredentials: 0.35,
}
