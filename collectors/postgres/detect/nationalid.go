package detect

// NationalID is the verdict on an 11-digit Norwegian identity number.
type NationalID struct {
	Valid bool
	// Type is "fodselsnummer", "d-nummer" or "h-nummer".
	Type string
	// Synthetic marks test numbers (month + 80, as issued for test environments), which
	// are valid in form but belong to nobody.
	Synthetic bool
	// Scheme2032 is set when the first control digit is valid only under the scheme for
	// numbers issued from 2032, which allows four remainders instead of one.
	Scheme2032 bool
}

var (
	weights1 = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	weights2 = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// CheckNationalID validates an 11-digit string as a fødselsnummer, D-nummer or H-nummer:
// a valid birth date (day + 40 for D-nummer, month + 40 for H-nummer, month + 80 for
// synthetic test numbers) and both mod-11 control digits.
func CheckNationalID(d string) NationalID {
	if len(d) != 11 || !allDigits(d) {
		return NationalID{}
	}
	n := func(i int) int { return int(d[i] - '0') }
	day, month, yy := n(0)*10+n(1), n(2)*10+n(3), n(4)*10+n(5)
	v := NationalID{Type: "fodselsnummer"}
	switch {
	case day > 40 && day <= 71:
		day -= 40
		v.Type = "d-nummer"
	}
	switch {
	case month > 80 && month <= 92:
		month -= 80
		v.Synthetic = true
	case month > 40 && month <= 52:
		month -= 40
		v.Type = "h-nummer"
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, yy) {
		return NationalID{}
	}
	s1 := 0
	for i, w := range weights1 {
		s1 += w * n(i)
	}
	r1 := (s1 + n(9)) % 11
	if r1 > 3 {
		return NationalID{}
	}
	v.Scheme2032 = r1 != 0
	s2 := 0
	for i, w := range weights2 {
		s2 += w * n(i)
	}
	if (s2+n(10))%11 != 0 {
		return NationalID{}
	}
	v.Valid = true
	return v
}

func daysIn(month, yy int) int {
	switch month {
	case 2:
		if yy%4 == 0 {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
