#!/usr/bin/env bash
# Writes link/startup-order.txt: every function of the `leling` program that runs from launch
# to a page of the reader, as callgrind sees it over a few ordinary sessions. build.rs hands the
# list to the linker, which lays those functions side by side at the start of the program's
# code, so the kernel pages in ~2 MB of code for the reader instead of ~7 MB scattered through
# the whole program (see build.rs). Rerun it after large changes to the reader, start-up or
# their dependencies, then rebuild: functions no longer listed are only laid out as before.
#
# Run from the repository root: bash benches/order-code.sh        (needs valgrind and tmux)
# With --check, it only counts how many listed functions the current program still has.
set -eu
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

# One session under callgrind: launch with ARGS, wait for EXPECT, press the keys of the
# function named by SCRIPT, then quit through the home screen as a person would.
profile() {
  local expect=$1 script=$2
  shift 2
  tmux new-session -d -s $session -x 80 -y 24 \
    "TERM=xterm-256color valgrind --tool=callgrind --demangle=no --compress-strings=no \
     --callgrind-out-file=$work/callgrind.%p $program --data-dir $work/data \
     --config $work/config.toml --speech off --lang zh $* 2>>$work/valgrind.log"
  wait_for "$expect"
  $script
  keys Escape
  wait_for "乐龄 · 主页"
  keys q 2
  # The session ends with the program, once callgrind has written its profile.
  while tmux has-session -t $session 2>/dev/null; do sleep 0.2; done
}

home() { :; }
read_epub() {
  for _ in $(seq 20); do keys NPage; done
  keys Space
  sleep 3
  keys Space T Escape PPage End Home
}
read_text() {
  for _ in $(seq 5); do keys NPage; done
  keys Space
  sleep 2
  keys Space
}

profile "乐龄 · 主页" home
profile "Moby" read_epub read $corpus/epub/idpf-moby-dick.epub
profile "甄士隱" read_text read $corpus/texts/zh/hongloumeng-traditional-pg24264.txt

mkdir -p link
{
  echo "# Functions of the leling program run from launch to a page of the reader, written by"
  echo "# benches/order-code.sh from callgrind; build.rs hands them to the linker (see there)."
  cat "$work"/callgrind.* | awk -v prog="$(realpath $program)" '
    /^ob=/ { here = (substr($0, 4) == prog) }
    /^fn=/ && here { name = substr($0, 4); sub(/\047[0-9]+$/, "", name); print name }' |
    grep -v -e '^0x' -e '^(below main)' | LC_ALL=C sort -u
} > $list
echo "$(grep -vc '^#' $list) functions written to $list"
