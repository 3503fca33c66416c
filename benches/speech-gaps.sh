#!/usr/bin/env bash
# Reading aloud as it is heard: Leling reads 吶喊 from Space on a PulseAudio null sink (which
# plays in real time), the sink's monitor is recorded, and the stretches of sound in the
# recording are set beside the times the speech log says each sentence was handed to the voice.
# Prints, per sentence, when it was handed over and when its sound began and ended, then the
# gaps a listener hears between sentences.
#
# Run from the repository root after `cargo build --release -p leling --bin leling`:
#   bash benches/speech-gaps.sh [espeak|speechd] [SECONDS]
# Needs pulseaudio, pulseaudio-utils (parecord), tmux and python3.
set -eu
cd "$(dirname "$0")/.."
backend=${1:-speechd}
seconds=${2:-12}
work=$(mktemp -d)
. benches/paced-sink.sh
paced_sink_start
socket=leling-gaps-$$
book=../shared/corpus/texts/zh/luxun-nahan-traditional-pg27166.txt
tmux -L "$socket" -f /dev/null new-session -d -x 80 -y 24 \
  "env XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR PULSE_SERVER=$PULSE_SERVER LANG=C.UTF-8 TERM=xterm-256color \
   ./target/release/leling --data-dir $work/data --config $work/config.toml --speech $backend \
   --lang zh --speech-log $work/speech.log read $book"
sleep 2
record_start "$work/played.wav"
date +%s.%N >"$work/t0"
tmux -L "$socket" send-keys " "
sleep "$seconds"
tmux -L "$socket" send-keys " "
sleep 0.5
record_stop
tmux -L "$socket" kill-server
pid_file=$XDG_RUNTIME_DIR/speech-dispatcher/pid/speech-dispatcher.pid
[ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
paced_sink_stop

python3 - "$work" <<'EOF'
import datetime, math, struct, sys, wave
work = sys.argv[1]
t0 = float(open(f"{work}/t0").read())
audio = wave.open(f"{work}/played.wav")
rate = audio.getframerate()
data = audio.readframes(audio.getnframes())
samples = struct.unpack(f"<{len(data) // 2}h", data)
# Sound: 20 ms windows above RMS 300, joined across quiet shorter than 0.15 s (a comma's pause).
window, sounds = int(rate * 0.02), []
for i in range(0, len(samples), window):
    chunk = samples[i:i + window]
    if chunk and math.sqrt(sum(s * s for s in chunk) / len(chunk)) > 300:
        t = i / rate
        if sounds and t - sounds[-1][1] < 0.15:
            sounds[-1][1] = t + 0.02
        else:
            sounds.append([t, t + 0.02])
handed = []
for line in open(f"{work}/speech.log"):
    time, _, kind, text = line.rstrip("\n").split("\t", 3)
    if kind == "text":
        handed.append((datetime.datetime.fromisoformat(time).timestamp() - t0, text))
for t, text in handed:
    print(f"handed over at {t:6.2f} s: {text[:24]}")
for start, end in sounds:
    print(f"sound {start:6.2f} - {end:6.2f} s")
gaps = [round(b[0] - a[1], 2) for a, b in zip(sounds, sounds[1:])]
print("quiet between stretches of sound (s):", gaps)
EOF
rm -rf "$work"
