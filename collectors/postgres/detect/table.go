package detect

import (
	"slices"
	"strings"

	"github.com/alarmlink/vern/internal/evidence"
)

// Subjects of a table's rows.
const (
	SubjectPerson       = "person"
	SubjectOrganisation = "organisation"
)

// orgTableWords name tables whose rows are organisations.
var orgTableWords = []string{"company", "companies", "supplier", "suppliers", "shipper", "shippers", "vendor", "vendors",
	"organisation", "organisations", "organization", "organizations", "firma", "firmaer", "bedrift", "bedrifter",
	"leverandor", "leverandorer", "selskap", "selskaper", "manufacturer", "manufacturers", "carrier", "carriers",
	"agency", "agencies", "employer", "employers", "foretak"}

// orgColumnWords name columns only organisations have.
var orgColumnWords = []string{"orgnr", "organisasjonsnummer", "orgnumber", "organizationnumber", "organisationnumber",
	"vatnumber", "vatno", "companyname", "firmanavn", "foretaksnavn", "companynumber", "businessid", "orgno"}

// personKinds show that a table's rows are people.
var personKinds = []string{KindName, KindFirstName, KindLastName, KindDateOfBirth, KindNationalID, KindGender}

// businessKinds are contact data an organisation has too.
var businessKinds = []string{"user.contact."}

// Resolution is what a table's columns, taken together, say.
type Resolution struct {
	// Subject is SubjectPerson, SubjectOrganisation or empty (no personal data found).
	Subject string
	// Business names the columns holding business contact data of an organisation.
	Business []string
}

// ResolveTable judges a table from all its columns' detections, which it may change in
// place. State and country are parts of an address only beside a street, postal code or
// city. A table whose rows describe organisations (its name, an organisation-number or
// company-name column, or organisation numbers in the values), with no person's name
// beside them, holds business contact data.
func ResolveTable(table string, cols map[string]*Column, dets map[string][]evidence.Detection, threshold float64) Resolution {
	address := false
	for _, ds := range dets {
		for _, d := range ds {
			if d.Confidence >= threshold && (d.Kind == KindStreet || d.Kind == KindPostalCode || d.Kind == KindCity) {
				address = true
			}
		}
	}
	if !address {
		for name, ds := range dets {
			dets[name] = dropKinds(ds, KindState, KindCountry)
		}
	}
	person, contact := false, false
	for _, ds := range dets {
		for _, d := range ds {
			if d.Confidence < threshold {
				continue
			}
			for _, k := range personKinds {
				if d.Kind == k {
					person = true
				}
			}
			if strings.HasPrefix(d.Kind, "user.") {
				contact = true
			}
		}
	}
	org := orgTable(table)
	for name, c := range cols {
		toks := tokens(name)
		for _, w := range orgColumnWords {
			if matchWord(toks, strings.Join(toks, ""), w) {
				org = true
			}
		}
		if c != nil && c.orgNumbers > 0 && 2*c.orgNumbers >= c.sampled {
			org = true
		}
	}
	senders := senderColumns(table, dets, threshold)
	switch {
	case person:
		return Resolution{Subject: SubjectPerson, Business: senders}
	case org:
		r := Resolution{Subject: SubjectOrganisation}
		for name, ds := range dets {
			for _, d := range ds {
				if d.Confidence >= threshold && hasPrefix(d.Kind, businessKinds) {
					r.Business = append(r.Business, name)
					break
				}
			}
		}
		return r
	case contact && len(senders) > 0 && onlySenders(dets, senders, threshold):
		return Resolution{Subject: SubjectOrganisation, Business: senders}
	case contact:
		return Resolution{Subject: SubjectPerson, Business: senders}
	}
	return Resolution{}
}

// campaignWords name tables of outgoing mail (a campaign, a newsletter issue, a template);
// their sender columns hold the organisation's own address, not a person's.
var campaignWords = []string{"campaign", "campaigns", "newsletter", "newsletters", "mailing", "mailings", "template",
	"templates", "kampanje", "kampanjer", "utsendelse", "utsendelser", "nyhetsbrev"}

var senderWords = []string{"from", "sender", "avsender", "replyto", "reply", "fra"}

var recipientWords = []string{"subscriber", "subscribers", "recipient", "recipients", "member", "members", "abonnent",
	"abonnenter", "mottaker", "mottakere"}

// senderColumns are the contact columns of a campaign table named for the sender.
func senderColumns(table string, dets map[string][]evidence.Detection, threshold float64) []string {
	name := table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		name = table[i+1:]
	}
	toks := tokens(name)
	campaign := false
	for _, w := range campaignWords {
		campaign = campaign || slices.Contains(toks, w)
	}
	for _, w := range recipientWords {
		if slices.Contains(toks, w) {
			return nil
		}
	}
	if !campaign {
		return nil
	}
	var out []string
	for col, ds := range dets {
		ct := tokens(col)
		sender := false
		for _, w := range senderWords {
			sender = sender || slices.Contains(ct, w)
		}
		if !sender {
			continue
		}
		for _, d := range ds {
			if d.Confidence >= threshold && hasPrefix(d.Kind, businessKinds) {
				out = append(out, col)
				break
			}
		}
	}
	return out
}

// onlySenders: every personal column of the table is a sender column.
func onlySenders(dets map[string][]evidence.Detection, senders []string, threshold float64) bool {
	for col, ds := range dets {
		for _, d := range ds {
			if d.Confidence >= threshold && !slices.Contains(senders, col) {
				return false
			}
		}
	}
	return true
}

func orgTable(table string) bool {
	name := table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		name = table[i+1:]
	}
	toks := tokens(name)
	for _, w := range orgTableWords {
		if slices.Contains(toks, w) {
			return true
		}
	}
	return false
}

func dropKinds(ds []evidence.Detection, kinds ...string) []evidence.Detection {
	out := ds[:0]
	for _, d := range ds {
		keep := true
		for _, k := range kinds {
			if d.Kind == k {
				keep = false
			}
		}
		if keep {
			out = append(out, d)
		}
	}
	return out
}

func hasPrefix(k string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}
