#!/usr/bin/env bash
# The neural voice as a listener meets it, measured on what was really played: Leling reads
# 紅樓夢 (shown and spoken in simplified characters) on a PulseAudio null sink, which plays in
# real time, and the sink's monitor is recorded. Prints
#   - Space → first sound of the first sentence,
#   - per sentence: when the reader moved its highlight and handed it over (the speech log),
#     when its sound began in the recording, and the difference,
#   - the quiet between sentences,
#   - a fixed interface message heard a second time (from the disk cache): key → sound,
#   - the memory of the voice's engine process and of Leling.
#
# Run from the repository root after `cargo build --release -p leling --bin leling` and
# `leling voice install` (LELING_VOICE_DIR if it is not in the data directory):
#   bash benches/voice.sh [SECONDS of reading, default 90: about 20 sentences]
# Needs pulseaudio, pulseaudio-utils (parecord), tmux and python3.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-90}
work=$(mktemp -d)
. benches/paced-sink.sh
paced_sink_start
mkdir -p "$work/data"
printf 'chinese_script = "simplified"\nspeech = "neural"\n' >"$work/config.toml"
socket=leling-voice-$$
book=${BOOK:-../shared/corpus/texts/zh/hongloumeng-traditional-pg24264.txt}
log=$work/speech.log
tmux -L "$socket" -f /dev/null new-session -d -x 80 -y 24 \
  "env XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR PULSE_SERVER=$PULSE_SERVER LANG=C.UTF-8 TERM=xterm-256color \
   LELING_VOICE_DIR=${LELING_VOICE_DIR:-} ./target/release/leling --data-dir $work/data \
   --config $work/config.toml --lang zh --speech-log $log read $book"
# The first line in the log comes once the voice is loaded; then the opening announcement.
for _ in $(seq 300); do [ -s "$log" ] && break; sleep 0.1; done
sleep 10
record_start "$work/played.wav"
now() { date +%s.%N; }
# A 100 ms tone marks time 0 in the recording: it goes through the same sink as the voice, so
# the sink's and the recorder's delays fall out.
python3 -c "import math,struct,sys; sys.stdout.buffer.write(b''.join(struct.pack('<h', int(12000*math.sin(2*math.pi*1000*i/24000))) for i in range(2400)))" >"$work/tone.raw"
now >"$work/t0"
pacat --raw --format=s16le --rate=24000 --channels=1 --latency-msec=10 <"$work/tone.raw"
tmux -L "$socket" send-keys Down        # to the first page of the text itself
sleep 8
now >"$work/space"
tmux -L "$socket" send-keys " "
sleep "$seconds"
# Pause, then in the quiet: slower (a fixed message, said and cached), faster, slower again,
# the last one from the disk cache.
now >"$work/pause1"
tmux -L "$socket" send-keys " "
sleep 4
now >"$work/slower1"
tmux -L "$socket" send-keys "<"
sleep 4
tmux -L "$socket" send-keys ">"
sleep 4
now >"$work/slower2"
tmux -L "$socket" send-keys "<"
sleep 3
# A second time mark at the end: the recorder's clock and the wall clock drift apart by a
# fraction of a second over a long reading, and the two marks measure it.
now >"$work/t1"
pacat --raw --format=s16le --rate=24000 --channels=1 --latency-msec=10 <"$work/tone.raw"
sleep 1
engine=$(pgrep -f kokoro_helper.py | head -n 1)
app=$(pgrep -f "target/release/leling --data-dir $work" | head -n 1)
rss() { awk '/VmRSS/ {print int($2 / 1024) " MB"}' "/proc/$1/status"; }
echo "memory: engine $(rss "$engine"), leling $(rss "$app"), engine processes: $(pgrep -fc kokoro_helper.py)"
record_stop
tmux -L "$socket" kill-server
paced_sink_stop

python3 - "$work" <<'PY'
import datetime, math, struct, sys, wave
work = sys.argv[1]
t0 = float(open(f"{work}/t0").read())
at = lambda name: float(open(f"{work}/{name}").read()) - t0
audio = wave.open(f"{work}/played.wav")
rate = audio.getframerate()
data = audio.readframes(audio.getnframes())
samples = struct.unpack(f"<{len(data) // 2}h", data)
# Sound: 10 ms windows above RMS 200.
window = int(rate * 0.01)
loud = []
for i in range(0, len(samples), window):
    chunk = samples[i:i + window]
    loud.append(bool(chunk) and math.sqrt(sum(s * s for s in chunk) / len(chunk)) > 200)
# The time marks: the first sound in the recording, and the last one to begin. The recording is
# put on the wall clock between them (its own clock runs slightly off).
shift = next(i for i, l in enumerate(loud) if l) * 0.01
last = max(i for i in range(1, len(loud)) if loud[i] and not loud[i - 1]) * 0.01
scale = (last - shift) / at("t1")
print(f"recorder's clock against the wall clock: {(scale - 1) * 1e6:+.0f} ppm")
loud = [loud[min(len(loud) - 1, int((shift + k * 0.01 * scale) / 0.01))] for k in range(int((len(loud) * 0.01 - shift) / scale / 0.01))]
def onset_after(t):
    """The first sound at or after t."""
    for i in range(max(0, int(t / 0.01)), len(loud)):
        if loud[i]:
            return i * 0.01
    return None
handed = []
for line in open(f"{work}/speech.log"):
    time, _, kind, text = line.rstrip("\n").split("\t", 3)
    t = datetime.datetime.fromisoformat(time).timestamp() - t0
    if kind == "text" and t > 0:
        handed.append((t, text))
space = at("space")
first = onset_after(space)
print(f"Space -> first sound: {first - space:.2f} s")
def pause_at(t):
    """The quiet a listener hears where the reader handed a sentence over at t: the stretch of
    quiet ending nearest just after t (the sentence's sound begins then), and how far that
    start is from t; (0, None) when the sound runs straight on."""
    best, start = None, None
    for i, l in enumerate(loud):
        if not l and start is None:
            start = i
        elif l and start is not None:
            offset = i * 0.01 - t
            if -0.15 <= offset <= 0.25 and (best is None or abs(offset - 0.05) < abs(best[1] - 0.05)):
                best = ((i - start) * 0.01, offset)
            start = None
    return best or (0.0, None)
offsets, gaps = [], []
reading = [h for h in handed if h[0] < at("pause1")]
for n, (t, text) in enumerate(reading):
    if n == 0:
        start = onset_after(t)
        print(f" 1 highlight {t:7.2f} s  sound {start:7.2f} s  {text[:24]}")
        continue
    quiet, offset = pause_at(t)
    gaps.append(quiet)
    if offset is not None:
        offsets.append(offset)
    shown = f"{offset * 1000:+5.0f} ms" if offset is not None else "  (no break)"
    print(f"{n + 1:2d} highlight {t:7.2f} s  sound {shown}  quiet before {quiet * 1000:4.0f} ms  {text[:24]}")
if gaps:
    print(f"sentences: {len(reading)}; quiet between sentences: max {max(gaps)*1000:.0f} ms, "
          f"mean {sum(gaps)/len(gaps)*1000:.0f} ms")
if offsets:
    print(f"sound vs highlight where a break is heard: {min(offsets)*1000:+.0f} to "
          f"{max(offsets)*1000:+.0f} ms")
key = at("slower1")
print(f"'rate 2' message, first time (synthesised): key -> sound {onset_after(key) - key:.2f} s")
key = at("slower2")
print(f"'rate 2' message again (from the disk cache): key -> sound {onset_after(key) - key:.2f} s")
for line in open(f"{work}/speech.log"):
    time, _, kind, text = line.rstrip("\n").split("\t", 3)
    t = datetime.datetime.fromisoformat(time).timestamp() - t0
    if kind == "message" and t > at("slower1"):
        print(f"  message handed to the voice at {t:7.2f} s, its sound at {onset_after(t - 0.05):7.2f} s: {text}")
# What the reading sounds like to a recogniser: the stretch read aloud, scored against the
# sentences handed over (hear.py folds both to simplified characters). Only when the
# recogniser is installed (bash ../shared/tools/setup.sh hear).
print(f"{at('space') * scale:.3f} {at('pause1') * scale:.3f} {shift:.3f}", file=open(f"{work}/span", "w"))
with open(f"{work}/read.txt", "w") as out:
    out.write("".join(text for _, text in reading))
PY
asr=${LELING_TOOLS:-$HOME/.cache/leling-tools}/asr/bin/python
if [ -x "$asr" ] && command -v sox >/dev/null; then
  read -r from to shift <"$work/span"
  sox "$work/played.wav" "$work/read.wav" trim "$(echo "$from + $shift" | bc)" "$(echo "$to - $from" | bc)"
  echo "the recogniser on the whole reading:"
  "$asr" ../shared/tools/hear.py --lang zh --expect "$(cat "$work/read.txt")" "$work/read.wav" | tail -n 1
fi
rm -rf "$work"
