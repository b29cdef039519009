package processors

import "regexp"

// DetectorVersion names the clause patterns below; it is recorded in the evidence.
const DetectorVersion = "clauses/2"

// element is one thing an agreement must say, with the ways contracts say it. Patterns are
// matched against one lower-cased sentence: a pattern matches when all of its all
// expressions match and none of its none expressions do.
type element struct {
	id string
	// particular marks the opening particulars of Art. 28(3) (and Art. 26 items), which
	// count under a heading that is followed by its content; lettered clauses never count
	// from a heading.
	particular bool
	grant      []pattern
	// deny are ways of naming the element only to refuse it.
	deny []pattern
	// parts, when set, are sub-elements that must all be granted (Art. 28(3)(d) and 28(4)).
	parts []part
}

type part struct {
	name  string
	grant []pattern
}

type pattern struct {
	all  []*regexp.Regexp
	none []*regexp.Regexp
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func p(all ...string) pattern {
	var ps pattern
	for _, s := range all {
		ps.all = append(ps.all, re(s))
	}
	return ps
}

func (ps pattern) except(none ...string) pattern {
	for _, s := range none {
		ps.none = append(ps.none, re(s))
	}
	return ps
}

func (ps pattern) match(s string) bool {
	for _, r := range ps.all {
		if !r.MatchString(s) {
			return false
		}
	}
	for _, r := range ps.none {
		if r.MatchString(s) {
			return false
		}
	}
	return true
}

// Shared vocabulary (bokmål, nynorsk, English).
const (
	subproc    = `sub-?processor|sub-?contractor|underdatabehandl|underleverandør|another processor|other processors|further processors?|annen databehandler|andre databehandlere|anna databehandlar|andre databehandlarar|tredjeparts?leverandør`
	authorise  = `authori[sz]|approv|consent|godkjen|samtykk|løyve|accept|tillatelse`
	assist     = `assist|help|support|cooperat|co-operat|bistå|bistand|hjelpe|hjelpa|hjelp|medvirke|bidra|legge til rette`
	permissive = `\b(?:may|can|is free to|are free to|is entitled to|shall be entitled to|has the right to|reserves the right to|kan|står fritt|har rett til|er berettiget til|har høve til)\b`
	negator    = `\b(?:not|ikke|ikkje|never|aldri|no)\b`
)

// generalDenials are phrasings that take an obligation away, whatever the element.
var generalDenials = []*regexp.Regexp{
	re(`\b(?:is|are|shall|will|be) not (?:be )?(?:obliged|obligated|required|bound|responsible|liable|subject|entitled|permitted|allowed)\b`),
	re(`\b(?:is|are|shall be|will be) under no (?:obligation|duty)\b`),
	re(`\b(?:has|have|bears|carries|assumes|accepts) no (?:obligation|duty|responsibility)\b`),
	re(`\bno (?:obligation|duty|audit rights?|right to audit|right of audit|confidentiality obligation)\b`),
	re(`\bneed not\b|\bnot required to\b|\bwithout any obligation\b|\bis exempt(?:ed)? from\b|\bwaives?\b|\bexcluded\b`),
	re(`\b(?:does|do|will|shall) not (?:provide|assist|offer|support|allow|permit|undertake|accept|grant|commit|delete|return|apply)\b`),
	re(`\bikke (?:forpliktet|pliktig|ansvarlig|bundet|underlagt|tillatt|påkrevd|nødvendig|anledning|rett|plikt)`),
	re(`\b(?:plikter|forplikter seg|påtar seg|bistår|tilbyr|tillater|aksepterer|gir|yter|sletter|returnerer|har) ikke\b`),
	re(`\bikkje (?:forplikta|pliktig|ansvarleg|bunden|bundne|underlagd|tillate|naudsynt|høve|rett|plikt)`),
	re(`\b(?:pliktar|forpliktar seg|tek på seg|hjelper|bistår|tilbyr|tillèt|tillet|gjev|gir|slettar|har) ikkje\b`),
	re(`\b(?:ingen|inga|intet) (?:plikt|rett|taushetsplikt|teieplikt|forpliktelse|forplikting|revisjon|bistand|krav)`),
	re(`\bfritatt fra|\bfritatt frå|\bfraskriver|\bunntatt fra|\bunnateke frå|\butelukket|\bomfattes ikke|\bgjeld ikkje|\bgjelder ikke`),
	re(`\btrenger ikke\b|\btreng ikkje\b`),
}

// doubleNegation cancels a denial: "shall not ... without prior authorisation" grants.
var doubleNegation = re(`\b(?:not|ikke|ikkje|never|aldri)\b.*\b(?:without|uten|utan|unless|med mindre)\b`)

// Elements of a processor agreement (Art. 28(3)).
var processorElements = []element{
	{id: "subject_matter", particular: true, grant: []pattern{
		p(`subject[- ]matter`),
		p(`\b(?:agreement|dpa|addendum|terms|this schedule)\b.*\b(?:governs|covers|applies to|apply to|regulates|sets out the terms (?:of|for)|concerns)\b.*\bprocessing\b`),
		p(`gjenstand(?:en)? for (?:behandling|handsaming|avtalen)|behandlingens gjenstand|handsaminga sin gjenstand`),
		p(`\b(?:avtalen|vilkårene|vilkåra)\b.*\b(?:regulerer|gjelder|gjeld|omfatter|omfattar|omhandler|omhandlar|skal sikre)\b.*\b(?:behandl|handsam)`),
	}},
	{id: "duration", particular: true, grant: []pattern{
		p(`\bduration\b`).except(`\bduration of (?:this|the) (?:dpa|addendum)\b`),
		p(`\b(?:processing|services?)\b.*\b(?:continue|last|take place|carried out|performed)\b.*\b(?:for as long as|until|during the term|for the term)\b`),
		p(`varighet|varigheit`),
		p(`\b(?:avtalen|vilkårene|vilkåra|these terms|this agreement|this dpa)\b.*\b(?:gjelder|gjeld|løper|remain in force|apply|applies)\b.*\b(?:så lenge|for as long as|until the end of)\b`),
		p(`(?:behandling|handsaming)\w*\b.*(?:pågår|varer|skjer|held fram|vil skje|skal skje|gjennomføres)\b.*\b(?:så lenge|fram til|frem til|i avtaleperioden|i hele avtaleperioden|til (?:hovedavtalen|tenesteavtalen|tjenesteavtalen))`),
	}},
	{id: "nature_purpose", particular: true, grant: []pattern{
		p(`nature and purpose|nature of the processing|purposes? of (?:the )?processing|processing purposes?`).except(`taking into account|having regard to|tatt i betraktning|under hensyn til`),
		p(`^(?:formålet|føremålet|the purpose) (?:er|is) (?:å |to )`),
		p(`\bprocess(?:es|ed)?\b.*\b(?:solely|only|exclusively)\b.*\bfor the purposes? of\b`),
		p(`(?:formål|føremål)(?:et)? (?:med|for|til) (?:behandlingen|handsaminga|databehandlingen)|behandlingens (?:art og )?formål|art og formål|art og føremål|handsaminga sitt føremål`),
		p(`^(?:formål|føremål|purpose|behandlingens formål)\s*:`),
	}},
	{id: "data_types", particular: true, grant: []pattern{
		p(`(?:types?|categories|kinds?) of personal data|personal data (?:types|categories)|types of data\b`),
		p(`\bpersonal data\b.*\b(?:processed|concerned|involved)\b.*(?::|\binclude|\bcomprise|\bare\b)`).except(`special categories`),
		p(`\bpersonal data\b.{0,20}\b(?:may include|includes|include|consists? of|comprises?)\b`).except(`special categories`),
		p(`(?:typer|type|kategorier|kategoriar|typar|slag) (?:av )?personopplysning|personopplysningstyp|opplysningstyp|opplysningskategori`),
		p(`^(?:personopplysning\w*|personal data)\b[^.:]{0,40}:`),
	}},
	{id: "data_subjects", particular: true, grant: []pattern{
		p(`(?:categories|category|types) of data subjects|data subject categories`),
		p(`\bdata subjects?\b\s*(?::|\bare\b|\binclude|\bconcerned\b|\bcomprise)`).except(`rights|requests`),
		p(`(?:kategorier|kategoriar|typer|grupper) (?:av )?(?:de |dei )?registrerte|registrertkategori|registrerte personer`),
		p(`\b(?:de|dei) registrerte\b\s*(?::|\ber\b|\bomfatter|\bomfattar)`).except(`rettighet|rettar`),
		p(`^registrerte\s*:`),
	}},
	{id: "a", grant: []pattern{
		p(`\b(?:bare|kun|berre|utelukkende|only|solely|exclusively)\b.*\b(?:slik|as|som)\b.*\b(?:kunden|behandlingsansvarlig\w*|behandlingsansvarleg\w*|the controller|the customer|oppdragsgiver\w*)\b.*\b(?:bestemt|bestemmer|fastsatt|fastset|avtalt|determined|determines|decides|specified|directs)\b`),
		p(`instruction|instruct`, `documented|written|only|solely|exclusively|in accordance with|as instructed|on the basis of|upon the`),
		p(`instruks|instruer`, `dokumentert|skriftlig|skriftleg|bare|kun|berre|utelukkende|i samsvar med|i henhold til|etter|på grunnlag av|innenfor|innanfor`),
	}, deny: []pattern{
		p(`instruction|instruks`, `\b(?:not bound by|ikke bundet av|ikkje bunden av|uavhengig av|independently of|at its own discretion|etter eget skjønn|etter eige skjønn)\b`),
	}},
	{id: "b", grant: []pattern{
		p(`confidential|confidentiality|secrecy`, `\bpersons?\b|personnel|staff|employee|authori[sz]ed|individual|anyone|everyone|agent|worker`),
		p(`taushetsplikt|teieplikt|konfidensialitet|fortrolig|konfidensiell|taushet|teiing`, `person|personell|ansatt|tilsett|medarbeider|folk|alle som|de som|dei som|autorisert|tilgang`),
	}},
	{id: "c", grant: []pattern{
		p(`\b(?:sikre|beskytte|verne|vern|protect|safeguard|secure)\b.*(?:uautorisert|unauthori[sz]ed|\btap\b|\bloss\b|endring|alteration)`).except(`\b3[3-6]\b`, `data subject|registrerte`),
		p(`\b(?:art(?:icle)?\.?|artikkel|artikel)\s*32\b`).except(`\b3[3-6]\b`, assist),
		p(`(?:technical and organi[sz]ational|security) measures|(?:appropriate|adequate) (?:level of )?security`).except(`\b3[3-6]\b`, `data subject`),
		p(`tekniske og organisatoriske|sikkerhetstiltak|tryggleikstiltak|(?:tilfredsstillende|forsvarlig|tilstrekkelig|egnet|egnede|nødvendig|tilfredsstillande|forsvarleg|tilstrekkeleg) (?:informasjons)?(?:sikkerhet|tryggleik)|informasjonssikkerhet|informasjonstryggleik`).except(`\b3[3-6]\b`, `registrerte`),
	}},
	{id: "d", parts: []part{
		{name: "authorisation", grant: []pattern{
			p(subproc, authorise).except(permissive + `.*\b(?:without|uten|utan)\b`),
			p(subproc, authorise, negator+`.*\b(?:without|uten|utan)\b`),
			p(subproc, `inform|notify|notif|varsle|varsla|informere`, `\bobject|protestere|innsigelse|motsette|reservere seg|nekte`),
		}},
		{name: "flow_down", grant: []pattern{
			p(subproc, `same|equivalent|identical|corresponding|no less|at least as|samme|tilsvarende|tilsvarande|like strenge|minst like|dei same|dei same|de samme`, `obligation|terms|requirement|duties|protection|conditions|forplikt|plikt|krav|vilkår|forpliktingar`),
			p(subproc, `flow down|pass on|impose|pålegge|pålegg|videreføre|vidareføre|binde`, `obligation|terms|requirement|duties|forplikt|plikt|krav|vilkår`),
		}},
	}, deny: []pattern{
		p(subproc, permissive+`.*\b(?:without|uten|utan)\b`).except(negator),
		p(subproc, `\b(?:no|not|ikke|ikkje|ingen|inga)\b[^.]*(?:`+authorise+`)[^.]*\b(?:required|needed|necessary|påkrevd|nødvendig|naudsynt|krevst|kreves|trengs|trengst)\b`).except(`\bwithout\b.*\bnot\b`),
	}},
	{id: "e", grant: []pattern{
		p(assist, `\b(?:se|innsyn|slette|sletting|rette|retting|access|delete|erase|rectify|rectification)\b`, `opplysningene sine|opplysningane sine|sine opplysninger|their (?:personal )?data|their information|kundens kunder|data subjects?|registrerte`),
		p(assist, `data subjects?(?:'s?)? (?:rights|requests)|rights of (?:the )?data subjects|data subject (?:rights|requests)|requests from data subjects|exercis\w* (?:of )?(?:their|the|data subjects'?) rights|chapter iii`),
		p(assist, `registrerte?s? (?:sine )?(?:rettigheter|rettar|rettane)|rettighetene til (?:de|dei) registrerte|rettane til (?:de|dei) registrerte|(?:henvendelser|forespørsler|krav|førespurnader|førespurnad|kravi|begjæringer) (?:fra|frå) (?:de |dei )?registrerte|kapittel iii`),
	}},
	{id: "f", grant: []pattern{
		p(assist, `\b3[2-6]\b|security of processing|personal data breach|breach notification|impact assessment|\bdpia\b|prior consultation|konsekvensvurdering|forhåndsdrøfting|førehandsdrøfting|brudd på personopplysningssikkerheten|brot på personopplysningstryggleiken|avvik|sikkerhetsbrudd|personvernkonsekvens`).except(`\bchapter iii\b|\bkapittel iii\b`),
	}},
	{id: "g", grant: []pattern{
		p(`delet|eras|return|destroy|slett|tilbakelever|levere tilbake|leverast tilbake|returnere|destruer|tilbakeføre|makuler|utlevere`, `\bends?\b|\bended\b|terminat|expir|cessation|after the provision|completion|conclusion|ceases?\b|opphør|opphøyr|avslutning|utløp|slutt|endt|avslutta|avsluttet|etter at|når avtalen|når tenesteavtalen|når tjenesteavtalen|når hovedavtalen|når tenestene|når tjenestene|\ber over\b|\bis over\b`),
	}, deny: []pattern{
		p(permissive, `retain|keep|store|beholde|oppbevare|lagre|halde på|ta vare`, `after|following|indefinitely|etter|ubegrenset|på ubestemt|utan tidsavgrensing`).except(negator, `required by|law|lov|pålagt|legal obligation|lovpålagt|lovkrav`),
	}},
	{id: "h", grant: []pattern{
		p(`\baudit|inspection|inspect\b|revisjon|revidere|inspeksjon|inspisere|kontroll(?:er|ar)? (?:av|med) (?:at|etterlevelse|etterleving)`).except(`tilsynet`),
	}, deny: []pattern{
		p(`\baudit|inspection|revisjon|revidere|inspeksjon`, `\bnot (?:be )?(?:entitled|permitted|allowed)|\bexcluded|\bno right|\bno audit|ikke (?:rett|anledning|tillatt)|ikkje (?:rett|høve|tillate)|(?:ingen|inga) (?:rett|revisjon)|er ikke tillatt|ikkje tillate`).except(`\bwithout\b|\buten\b|\butan\b`),
	}},
}

// Elements of a joint controllers' arrangement (Art. 26).
var jointElements = []element{
	{id: "responsibilities", particular: true, grant: []pattern{
		p(`joint(?:ly)? controll|felles(?:ly)? behandlingsansvar|felles behandlingsansvarlege?|art(?:icle|ikkel|\.)?\s*26`, `respective|responsib|obligation|ansvar|forplikt|plikt|fordel|arrangement|ordning`),
		p(`(?:respective|allocation of|division of) (?:responsibilities|obligations)|ansvarsfordeling|fordeling av ansvar|fordelinga av ansvaret`),
	}},
	{id: "rights_information", grant: []pattern{
		p(`data subjects?'? rights|rights of (?:the )?data subjects|information (?:to|of) (?:the )?data subjects|art(?:icle|\.)?\s*1[34]|requests from data subjects|inform data subjects`, `responsib|handle|respond|answer|provide|shall|will|ansvar|besvare|svare|handtere|håndtere|skal`),
		p(`registrerte?s? (?:sine )?(?:rettigheter|rettar)|informasjon til (?:de|dei) registrerte|informere (?:de|dei) registrerte|henvendelser fra (?:de )?registrerte|artikkel 1[34]`, `ansvar|besvare|svare|handtere|håndtere|skal`),
	}},
	{id: "essence", grant: []pattern{
		p(`essence|main (?:content|points)|hovedinnhold|hovudinnhald|det vesentlige|det vesentlege|hovedtrekk|hovudtrekk`, `available|published|provide|tilgjengelig|tilgjengeleg|publiser|gjøres kjent|gjerast kjent|informere`),
	}},
}
