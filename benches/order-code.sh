#!/usr/bin/env bash
# Writes link/startup-order.txt: every function of the `leling` program that runs in a few
# ordinary sessions, as callgrind sees it, those that run from launch to a page of the reader
# first. build.rs hands the list to the linker, which lays those functions side by side at the
# start of the program's code, so the kernel pages in ~1.8 MB of code for 20 pages of
# Moby-Dick instead of ~7 MB scattered through the whole program (see build.rs). Rerun it after
# large changes to the reader, start-up or their dependencies, then rebuild: functions no
# longer listed are only laid out as before.
#
# Run from the repository root: bash benches/order-code.sh        (needs valgrind and tmux)
# With --check, it only counts how many listed functions the current program still has.
set -eu
# One byte order for every sort and comm below, whatever the machine's language.
export LC_ALL=C
cd "$(dirname "$0")/.."
program=target/release/leling
list=link/startup-order.txt

if [ "${1:-}" = "--check" ]; then
  [ -x "$program" ] || { echo "build first: cargo build --release" >&2; exit 1; }
  have=$(nm --defined-only "$program" | awk '{print $3}' | sort -u)
  listed=$(grep -v '^#' "$list" | sort -u)
  found=$(comm -12 <(echo "$have") <(echo "$listed") | wc -l)
  echo "$found of $(echo "$listed" | wc -l) listed functions are in $program"
  exit 0
fi

command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)" >&2; exit 1; }
cargo build --release --bin leling
corpus=../shared/corpus
work=$(mktemp -d)
session=leling-order-$$
trap 'tmux kill-session -t $session 2>/dev/null || true; rm -rf "$work"' EXIT

# Waits until the screen shows TEXT (valgrind runs the program some fifty times slower).
wait_for() {
  for _ in $(seq 600); do
    tmux capture-pane -p -t $session 2>/dev/null | grep -qF "$1" && return 0
    sleep 0.2
  done
  echo "never saw \"$1\" on screen" >&2
  tmux capture-pane -p -t $session >&2 || true
  exit 1
}

keys() {
  for key in "$@"; do
    tmux send-keys -t $session "$key"
    sleep 0.4
  done
}

# One session under callgrind, named NAME: launch with ARGS, wait for EXPECT, press the keys
# of the function named by SCRIPT, then quit through the home screen as a person would. SCRIPT
# calls `mark` once the part worth laying out first is done.
profile() {
  local name=$1 expect=$2 script=$3
  shift 3
  tmux new-session -d -s $session -x 80 -y 24 \
    "TERM=xterm-256color valgrind --tool=callgrind --demangle=no --compress-strings=no \
     --callgrind-out-file=$work/$name $program --data-dir $work/data \
     --config $work/config.toml --speech off --lang zh $* 2>>$work/valgrind.log"
  wait_for "$expect"
  $script
  keys Escape
  wait_for "乐龄 · 主页"
  keys q 2
  # The session ends with the program, once callgrind has written its profile.
  while tmux has-session -t $session 2>/dev/null; do sleep 0.2; done
}

# Ends the first part of a session's profile, once the last key's frame is out.
mark() {
  sleep 1
  callgrind_control --dump >/dev/null 2>&1
}

home() { mark; }
page_on() {
  for _ in $(seq "$1"); do keys NPage; done
}
read_epub() {
  page_on 20
  mark
  keys Space
  sleep 3
  keys Space T Escape PPage End Home
}
read_text() {
  page_on 5
  mark
  keys Space
  sleep 2
  keys Space
}

moby=$corpus/epub/idpf-moby-dick.epub
profile home "乐龄 · 主页" home
profile moby "Moby" read_epub read $moby
# Opened again, Moby-Dick resumes where it was left, as a learner's book does.
profile moby-again "Moby" read_epub read $moby
profile text "甄士隱" read_text read $corpus/texts/zh/hongloumeng-traditional-pg24264.txt

# The functions of this program in the given callgrind files, one name a line, sorted.
functions() {
  cat "$@" | awk -v prog="$(realpath $program)" '
    /^ob=/ { here = (substr($0, 4) == prog) }
    /^fn=/ && here { name = substr($0, 4); sub(/\047[0-9]+$/, "", name); print name }' |
    grep -v -e '^0x' -e '^(below main)' | sort -u
}
# Callgrind writes the part before `mark` to NAME.1 and the rest, at the end, to NAME.
# Code it cannot see is added by hand: the program's entry point (its "below main"), which
# every session runs, and the zip reader's CRC-32 for this processor's wide vector
# instructions, which valgrind lacks (under it a plainer one runs).
{
  functions $work/moby.1 $work/moby-again.1
  echo _start
  # (None, if a later crc32fast names them otherwise: the list is then only less complete.)
  nm --defined-only "$program" | awk '{print $3}' |
    grep -E '^_ZN9crc32fast11specialized9pclmulqdq' || true
} | sort -u > $work/epub-pages
{ functions $work/home.1 $work/text.1; echo _start; } | sort -u > $work/other-first
functions $work/{home,moby,moby-again,text}{,.1} > $work/all

# Layers, each sorted by name: what the pages of an EPUB need and nothing else needs at first;
# what those share with the home screen and plain text; what only those need; then whatever
# ran later (reading aloud, the contents, quitting). Each kind of session then touches a run of
# the list, not the whole of it: Moby-Dick's pages in 20 keys stay clear of plain text's code.
mkdir -p link
{
  echo "# Functions of the leling program seen to run in a few sessions, written by"
  echo "# benches/order-code.sh; build.rs hands them to the linker in this order (see there)."
  comm -23 $work/epub-pages $work/other-first
  comm -12 $work/epub-pages $work/other-first
  comm -13 $work/epub-pages $work/other-first
  comm -23 $work/all <(sort -u $work/epub-pages $work/other-first)
} > $list
echo "$(grep -vc '^#' $list) functions written to $list"
