# Sourced by the speech benches: a PulseAudio null sink that plays in real time, in a runtime
# directory of its own under $work, and a recorder of what it plays.
#   paced_sink_start          exports XDG_RUNTIME_DIR and PULSE_SERVER for what plays
#   record_start FILE.wav     returns once sound is reaching the file
#   record_stop; paced_sink_stop

paced_sink_start() {
  export XDG_RUNTIME_DIR=$work/runtime
  mkdir -p "$XDG_RUNTIME_DIR"
  export PULSE_SERVER=unix:$XDG_RUNTIME_DIR/pulse/native
  pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
    --load="module-null-sink sink_name=leling" --load="module-native-protocol-unix" 2>/dev/null
  sleep 0.5
  pactl set-default-sink leling
  # A stream of silence keeps the sink running at a low latency, as a sound card is (an idle
  # null sink takes a 2 s latency that the next sound waits out, and its monitor records
  # nothing).
  pacat --raw --format=s16le --rate=24000 --channels=1 --latency-msec=10 </dev/zero &
  keep_running=$!
}

record_start() {
  parecord --device=leling.monitor --file-format=wav --rate=16000 --channels=1 --format=s16le \
    "$1" &
  recorder=$!
  # parecord takes a second or more to start recording; what plays before is lost.
  for _ in $(seq 100); do
    [ "$(stat -c %s "$1" 2>/dev/null || echo 0)" -gt 4096 ] && break
    sleep 0.1
  done
}

record_stop() {
  kill -INT "$recorder"
  wait "$recorder" || true
}

paced_sink_stop() {
  kill "$keep_running" 2>/dev/null || true
  pulseaudio --kill || true
}
