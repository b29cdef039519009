#!/bin/sh
# Regenerates the PDF fixtures: the corpus PDFs (text layer, printed by Chromium from
# corpus/src/*.txt), an image-only scan without a text layer (ImageMagick) and a broken PDF.
# Needs chromium and ImageMagick (apt-get install -y chromium imagemagick).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# topdf SRC OUT prints a text source ("# " headings, one paragraph a line) as a PDF.
topdf() {
	name=$(basename "$1" .txt)
	{
		printf '<!doctype html><html lang="nb"><head><meta charset="utf-8">'
		printf '<style>body{font-family:"DejaVu Sans",sans-serif;font-size:10.5pt;margin:2cm}h2{font-size:13pt}p{margin:0 0 .5em}</style>'
		printf '</head><body>\n'
		sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
			-e 's/^# \(.*\)$/<h2>\1<\/h2>/' \
			-e '/^<h2>/!{/^$/!s/^\(.*\)$/<p>\1<\/p>/}' "$1"
		printf '</body></html>\n'
	} >"$tmp/$name.html"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$tmp/$name.pdf" "file://$tmp/$name.html" 2>/dev/null
	mv "$tmp/$name.pdf" "$2"
}

for src in corpus/src/*.txt; do
	topdf "$src" "corpus/$(basename "$src" .txt).pdf"
done

# The example's accounting agreement (examples/alarmlink/processors).
topdf examples/tallhuset-regnskap-databehandleravtale.txt \
	../../../examples/alarmlink/processors/tallhuset-regnskap-databehandleravtale.pdf

# A scanned agreement: the text is pixels only.
convert=${CONVERT:-$(command -v magick || echo /usr/bin/convert)}
"$convert" -size 1240x1754 xc:white -fill black -font DejaVu-Sans -pointsize 28 \
	-annotate +120+200 'Databehandleravtale' \
	-annotate +120+280 'Databehandleren skal bare behandle personopplysninger etter instruks.' \
	"$tmp/scan.png"
printf '<!doctype html><html><body style="margin:0"><img src="scan.png" style="width:100%%"></body></html>' >"$tmp/scan.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
	--print-to-pdf="$tmp/scan.pdf" "file://$tmp/scan.html" 2>/dev/null
mv "$tmp/scan.pdf" scan.pdf

# A broken agreement: a PDF header followed by a truncated body.
head -c 1200 corpus/nb-komplett-tabell.pdf >corrupt.pdf
