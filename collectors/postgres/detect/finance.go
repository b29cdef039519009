package detect

import "strings"

// ValidBankAccount checks a Norwegian bank account number: 11 digits whose last digit is
// the mod-11 control digit of the first ten.
func ValidBankAccount(d string) bool {
	if len(d) != 11 || !allDigits(d) {
		return false
	}
	s := 0
	for i, w := range weights2 {
		s += w * int(d[i]-'0')
	}
	return (s+int(d[10]-'0'))%11 == 0
}

// ValidIBAN checks an IBAN (spaces removed, any case): country code, check digits and
// the mod-97 remainder of 1.
func ValidIBAN(s string) bool {
	s = strings.ToUpper(s)
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i < 2 && (c < 'A' || c > 'Z'):
			return false
		case i >= 2 && i < 4 && (c < '0' || c > '9'):
			return false
		case !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'):
			return false
		}
	}
	if s[:2] == "NO" && len(s) != 15 {
		return false
	}
	r := 0
	for _, c := range s[4:] + s[:4] {
		if c >= 'A' {
			v := int(c-'A') + 10
			r = (r*100 + v) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r == 1
}

// ValidCard checks a payment card number: 13-19 digits, a known issuer prefix and the Luhn
// checksum. KID payment references also pass Luhn; they are told apart by the column, not
// here.
func ValidCard(d string) bool {
	if len(d) < 13 || len(d) > 19 || !allDigits(d) || !issuer(d) {
		return false
	}
	return luhn(d)
}

func luhn(d string) bool {
	sum, double := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

func issuer(d string) bool {
	p := func(n int) int {
		v := 0
		for i := 0; i < n; i++ {
			v = v*10 + int(d[i]-'0')
		}
		return v
	}
	l := len(d)
	switch {
	case d[0] == '4':
		return l == 13 || l == 16 || l == 19
	case p(2) >= 51 && p(2) <= 55, p(4) >= 2221 && p(4) <= 2720:
		return l == 16
	case p(2) == 34 || p(2) == 37:
		return l == 15
	case p(4) == 6011, p(2) == 65, p(3) >= 644 && p(3) <= 649, p(2) == 62:
		return l >= 16
	case p(4) >= 3528 && p(4) <= 3589:
		return l >= 16
	case p(3) >= 300 && p(3) <= 305, p(2) == 36, p(2) == 38, p(2) == 39:
		return l >= 14
	case p(2) == 50, p(2) >= 56 && p(2) <= 69:
		return l >= 13
	}
	return false
}
