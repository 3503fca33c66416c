"""Leling's neural voice: Kokoro-82M (int8 ONNX) behind a pipe.

Leling starts this once per session (`leling voice install` puts it, its Python and the model in
the data directory). It speaks a line-framed protocol so that the Rust side owns everything
else: the queue, the cache, playback and the reader's events.

Requests on stdin, one JSON object per line:
    {"id": 7, "text": "...", "lang": "zh"|"en", "voice": "zf_xiaobei", "speed": 1.0}
    {"cancel": 7}        drop every request up to and including id 7, and stop the one running
Replies on stdout:
    {"ready": true, "voices": [...]}                          once, after the model is loaded
    {"id": 7, "pcm": N}  then N bytes of 16-bit little-endian mono PCM at 24 kHz (one clause)
    {"id": 7, "done": true}      {"id": 7, "error": "..."}

A sentence is synthesised clause by clause, so its first sound is ready after its first clause
rather than after the whole sentence.
"""
import json
import os
import queue
import re
import sys
import threading

SAMPLE_RATE = 24000
# A clause ends at these marks; a piece shorter than MIN_CLAUSE characters joins the next one,
# since the model reads a word or two alone with odd intonation.
CLAUSE_END = re.compile(r"(?<=[，,；;：:、。！？!?…])")
MIN_CLAUSE = 8
# The pause after a clause, in seconds.
CLAUSE_PAUSE = 0.12


def clauses(text):
    pieces, current = [], ""
    for piece in CLAUSE_END.split(text):
        current += piece
        if len(current.strip()) >= MIN_CLAUSE:
            pieces.append(current.strip())
            current = ""
    if current.strip():
        if pieces and len(current.strip()) < MIN_CLAUSE // 2:
            pieces[-1] += current.strip()
        else:
            pieces.append(current.strip())
    return pieces


class Engine:
    def __init__(self, home):
        import numpy as np
        import onnxruntime as ort
        from kokoro_onnx import Kokoro
        from misaki import zh

        self.np = np
        options = ort.SessionOptions()
        options.intra_op_num_threads = max(1, os.cpu_count() or 1)
        session = ort.InferenceSession(
            os.path.join(home, "kokoro-v1.0.int8.onnx"),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )
        self.kokoro = Kokoro.from_session(session, os.path.join(home, "voices.npz"))
        self.zh = zh.ZHG2P()
        self.voices = sorted(self.kokoro.voices.files)

    def pieces(self, text, lang, voice, speed):
        """Yields each clause's audio as 16-bit PCM bytes."""
        parts = clauses(text)
        for index, clause in enumerate(parts):
            if lang == "zh":
                # Older editions end sentences with a full-width full stop, which the Chinese
                # front end does not read as one: the sentence would run into the next.
                phonemes, _ = self.zh(clause.replace("．", "。"))
                audio, _ = self.kokoro.create(phonemes, voice=voice, speed=speed, is_phonemes=True)
            else:
                audio, _ = self.kokoro.create(clause, voice=voice, speed=speed, lang="en-us")
            # A pause after each clause but the last. Between sentences the listener hears the
            # model's own quiet at a sentence's edges and the handover (~0.17 s measured), a
            # natural pause; anything added there was heard as a gap.
            pause = CLAUSE_PAUSE if index + 1 < len(parts) else 0.0
            audio = self.np.concatenate([audio, self.np.zeros(int(pause * SAMPLE_RATE), dtype=audio.dtype)])
            yield (self.np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def reply(header, payload=b""):
    out = sys.stdout.buffer
    out.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
    out.write(payload)
    out.flush()


def make_voices(archive, out):
    """Writes the chosen voices' style vectors from kokoro-js's npm archive as one .npz file."""
    import tarfile

    import numpy as np

    wanted = set(sys.argv[4:])
    vectors = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            name = os.path.basename(member.name)
            if member.isfile() and member.name.startswith("package/voices/") and name[:-4] in wanted:
                data = tar.extractfile(member).read()
                vectors[name[:-4]] = np.frombuffer(data, dtype="<f4").reshape(-1, 1, 256)
    missing = wanted - set(vectors)
    if missing:
        sys.exit("missing voices: " + ", ".join(sorted(missing)))
    np.savez(out, **vectors)


def main():
    if sys.argv[1] == "--make-voices":
        make_voices(sys.argv[2], sys.argv[3])
        return
    home = sys.argv[1]
    engine = Engine(home)
    # One short phrase first, so the first real sentence does not pay for the model's warm-up.
    for _ in engine.pieces("你好。", "zh", engine.voices[-1], 1.0):
        pass
    reply({"ready": True, "voices": engine.voices})

    requests = queue.Queue()
    cancelled = {"upto": -1}

    def listen():
        for line in sys.stdin:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "cancel" in message:
                cancelled["upto"] = max(cancelled["upto"], int(message["cancel"]))
            else:
                requests.put(message)
        requests.put(None)

    threading.Thread(target=listen, daemon=True).start()
    while True:
        request = requests.get()
        if request is None:
            return
        ident = int(request.get("id", 0))
        if ident <= cancelled["upto"]:
            continue
        try:
            for pcm in engine.pieces(
                str(request["text"]), request.get("lang", "zh"), str(request["voice"]), float(request.get("speed", 1.0))
            ):
                if ident <= cancelled["upto"]:
                    break
                reply({"id": ident, "pcm": len(pcm)}, pcm)
            reply({"id": ident, "done": True})
        except Exception as problem:  # any failure of one sentence is told, not fatal
            reply({"id": ident, "error": f"{type(problem).__name__}: {problem}"})


if __name__ == "__main__":
    main()
