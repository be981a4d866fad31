#!/usr/bin/env bash
# Regenerates the demo bot's prompts and the scripted customer's lines in resources/prompts/
# from resources/prompts/prompts.json: espeak-ng speaks each text, sox converts it to what PSR
# plays (8 kHz, 16-bit, mono WAV), normalised to -3 dBFS. Needs espeak-ng, sox and node.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=resources/prompts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node -e '
const m = require("./'"$dir"'/prompts.json");
for (const [lang, set] of Object.entries(m))
  for (const p of [...set.bot, ...set.customer]) console.log([set.voice, p.file, p.text].join("\t"));
' | while IFS=$'\t' read -r voice file text; do
  mkdir -p "$dir/$(dirname "$file")"
  espeak-ng -v "$voice" -s 150 -w "$tmp/raw.wav" "$text"
  sox "$tmp/raw.wav" -r 8000 -b 16 -c 1 "$dir/$file" gain -n -3
  echo "made $dir/$file"
done
