#!/usr/bin/env bash
# Launch-to-first-page, key latency and peak memory as a person sees them, through
# ../shared/bench/ttfp.py (pip install pyte pexpect), Leling beside `less` and `bk` in one run.
# Run from the repository root after `cargo build --release -p leling --bin leling`: bash benches/ttfp.sh
# (Page keys on 紅樓夢 are not timed: pyte, the emulator ttfp.py uses, crashes on that page.)
set -u
cd "$(dirname "$0")/.."
ttfp=../shared/bench/ttfp.py
corpus=../shared/corpus
data=$(mktemp -d)
small=$(mktemp)
printf 'Leling bench small file\nline two\n' > "$small"
leling=(./target/release/leling --data-dir "$data" --config "$data/config.toml" --speech off --lang zh)

echo "== home screen (issue 2) =="
python3 $ttfp --runs 10 --expect "乐龄 · 主页" -- "${leling[@]}"
python3 $ttfp --runs 10 --expect "Leling bench small file" -- less "$small"

echo "== 紅樓夢, 2.5 MB text (issue 3) =="
# The same words on screen as for less: the first chapter's title (Leling's percent fills in
# once the whole book is read, after the first page).
python3 $ttfp --runs 10 --expect "甄士隱" -- "${leling[@]}" read $corpus/texts/zh/hongloumeng-traditional-pg24264.txt
python3 $ttfp --runs 10 --expect "甄士隱夢幻識通靈" -- less $corpus/texts/zh/hongloumeng-traditional-pg24264.txt

echo "== 紅樓夢 in Big5 and GB18030, Moby-Dick in UTF-16 (issue 17, item 15) =="
# Copies of the corpus's texts (iconv -c leaves out the few characters Big5 lacks; Moby-Dick's
# text opens with a byte-order mark, which becomes UTF-16's), each beside less on the UTF-8
# text. The corpus has no War and Peace, the issue's UTF-16 book: Moby-Dick stands in.
hongloumeng=$corpus/texts/zh/hongloumeng-traditional-pg24264.txt
moby_text=$corpus/texts/en/moby-dick-pg2701.txt
copies=$(mktemp -d)
iconv -c -f UTF-8 -t BIG5 $hongloumeng > "$copies/hongloumeng-big5.txt"
iconv -f UTF-8 -t GB18030 $hongloumeng > "$copies/hongloumeng-gb18030.txt"
iconv -f UTF-8 -t UTF-16LE $moby_text > "$copies/moby-dick-utf16.txt"
for copy in big5 gb18030; do
  echo "紅樓夢 in $copy:"
  python3 $ttfp --runs 10 --expect "甄士隱" -- "${leling[@]}" read "$copies/hongloumeng-$copy.txt"
done
echo "less, 紅樓夢 in UTF-8:"
python3 $ttfp --runs 10 --expect "甄士隱夢幻識通靈" -- less $hongloumeng
echo "Moby-Dick in UTF-16:"
python3 $ttfp --runs 10 --expect "MOBY-DICK" -- "${leling[@]}" read "$copies/moby-dick-utf16.txt"
echo "less, Moby-Dick in UTF-8:"
python3 $ttfp --runs 10 --expect "Moby Dick" -- less $moby_text

echo "== End, the contents and go-to right after a big book opens (issue 17, item 15) =="
# ttfp.py presses the key 0.3 s after the first page is out (`cargo bench --bench reader` times
# End pressed on the first frame itself, while the rest of the book is still being read). Every
# launch has a data directory of its own, so that it opens at the start, not at the last page
# the launch before went to; the interface language is given, for pyte, the emulator ttfp.py
# uses, crashes on the Chinese go-to screen.
fresh=(bash -c 'd=$(mktemp -d -p "$0"); exec "$1" --data-dir "$d" --config "$d/config.toml" --speech off --lang "$2" read "$3"' "$data" ./target/release/leling)
for book in $hongloumeng "$copies/hongloumeng-big5.txt" "$copies/hongloumeng-gb18030.txt"; do
  echo "End, $(basename "$book"):"
  python3 $ttfp --runs 10 --expect "甄士隱" --key $'\e[F' --presses 1 -- "${fresh[@]}" zh "$book"
done
echo "End, Moby-Dick in UTF-16:"
python3 $ttfp --runs 10 --expect "MOBY-DICK" --key $'\e[F' --presses 1 -- "${fresh[@]}" zh "$copies/moby-dick-utf16.txt"
echo "The contents (t), then go-to (g), 紅樓夢 in Big5:"
python3 $ttfp --runs 10 --expect "甄士隱" --key t --presses 1 -- "${fresh[@]}" zh "$copies/hongloumeng-big5.txt"
python3 $ttfp --runs 10 --expect "甄士隱" --key g --presses 1 -- "${fresh[@]}" en "$copies/hongloumeng-big5.txt"

echo "== Moby-Dick EPUB (issue 3) =="
moby=$corpus/epub/idpf-moby-dick.epub
# First the launch alone, so every run opens where the book was left: at its start.
python3 $ttfp --runs 10 --expect "Moby" -- "${leling[@]}" read $moby
if command -v bk >/dev/null; then
  python3 $ttfp --runs 10 --expect "[IMG]" -- bk $moby
else
  echo "bk not installed (cargo install bk)"
fi
# Then page keys; each run also opens 20 pages further on than the last, which both
# programs remember, so its first-page figure is the launch that resumes deeper in the book.
python3 $ttfp --runs 10 --expect "Moby" --key pgdn --presses 20 -- "${leling[@]}" read $moby
if command -v bk >/dev/null; then
  python3 $ttfp --runs 10 --expect "[IMG]" --key pgdn --presses 20 -- bk $moby
fi
rm -rf "$data" "$small" "$copies"
