#!/usr/bin/env bash
# How well the neural voice is understood: every sentence of ../shared/tools/sentences.tsv
# spoken by `leling say` (each language's default voice) into a WAV file, then scored by the
# offline recogniser (character error for Chinese, word error for English; 0 is perfect).
# Run from the repository root after `cargo build --release -p leling --bin leling`, with the
# voice installed (`leling voice install`; LELING_VOICE_DIR for one elsewhere) and the
# recogniser set up once (`bash ../shared/tools/setup.sh hear`): bash benches/hear-sentences.sh
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
pairs="$out/pairs.tsv"
n=0
while IFS=$'\t' read -r lang text; do
  case "$lang" in zh | en) ;; *) continue ;; esac
  n=$((n + 1))
  target/release/leling --lang "$lang" say --to "$out/s$n.wav" "$text" > /dev/null
  printf '%s\t%s\t%s\n' "$out/s$n.wav" "$lang" "$text" >> "$pairs"
done < ../shared/tools/sentences.tsv
"${LELING_TOOLS:-$HOME/.cache/leling-tools}/asr/bin/python" ../shared/tools/hear.py --pairs "$pairs"
rm -rf "$out"
