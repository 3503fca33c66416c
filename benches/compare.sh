#!/usr/bin/env bash
# Two builds of the kiosk program side by side with `less` and `bk`, in one run, as a person
# sees them (../shared/bench/ttfp.py: pip install pyte pexpect; bk: cargo install bk): the
# first page of 紅樓夢 and of the Moby-Dick EPUB, page keys on Moby-Dick (p95 in the summary),
# peak memory, and each program's size. For a change's before and after:
#   cp target/release/leling /tmp/leling-before   # built from the commit before
#   cargo build --release -p leling --bin leling
#   bash benches/compare.sh /tmp/leling-before target/release/leling
set -u
cd "$(dirname "$0")/.."
ttfp=../shared/bench/ttfp.py
corpus=../shared/corpus
hongloumeng=$corpus/texts/zh/hongloumeng-traditional-pg24264.txt
moby=$corpus/epub/idpf-moby-dick.epub
runs=${RUNS:-10}

for program in "$@"; do
  echo "== $program: $(stat -c %s "$program") bytes"
done
for program in "$@"; do
  data=$(mktemp -d)
  leling=("$program" --data-dir "$data" --config "$data/config.toml" --speech off --lang zh)
  echo "== $program: 紅樓夢, first page =="
  python3 $ttfp --runs "$runs" --expect "甄士隱" -- "${leling[@]}" read $hongloumeng
  echo "== $program: Moby-Dick EPUB, first page =="
  python3 $ttfp --runs "$runs" --expect "Moby" -- "${leling[@]}" read $moby
  echo "== $program: Moby-Dick EPUB, 20 page keys per run =="
  python3 $ttfp --runs "$runs" --expect "Moby" --key pgdn --presses 20 -- "${leling[@]}" read $moby
  rm -rf "$data"
done
echo "== less: 紅樓夢, first page =="
python3 $ttfp --runs "$runs" --expect "甄士隱夢幻識通靈" -- less $hongloumeng
if command -v bk >/dev/null; then
  echo "== bk: Moby-Dick EPUB, first page =="
  python3 $ttfp --runs "$runs" --expect "[IMG]" -- bk $moby
  echo "== bk: Moby-Dick EPUB, 20 page keys per run =="
  python3 $ttfp --runs "$runs" --expect "[IMG]" --key pgdn --presses 20 -- bk $moby
else
  echo "bk not installed (cargo install bk)"
fi
