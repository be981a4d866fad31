#!/usr/bin/python3
"""Real calls for end-to-end tests, in another language than the console (Python + websockets).

  psr_call.py psr URL CALL_ID RUNS_JSON DURATION_MS
      Plays PSR against an endpoint: connects with call_id and tenant in the query, sends
      `connected`, then stereo 20 ms `media` frames paced in real time, then `closed`. RUNS_JSON is
      {"A": [[start_ms, end_ms], ...], "B": [...]}: where each leg carries a 440 Hz tone.
  psr_call.py bot SECONDS
      A bot (WebSocket server on 127.0.0.1, port 0) that answers the first frame of every call with
      one `media` action: a WAV of SECONDS of tone. Prints {"url": ...} once listening.

Every line printed is JSON, so the test can wait for it.
"""
import asyncio
import base64
import io
import json
import math
import struct
import sys
import time
import wave

import websockets

RATE = 8000
FRAME = 160  # 20 ms


def say(**kw):
    print(json.dumps(kw), flush=True)


def tone_wav(seconds, amplitude=0.3):
    n = int(RATE * seconds)
    pcm = b"".join(struct.pack("<h", int(amplitude * 32767 * math.sin(2 * math.pi * 440 * i / RATE))) for i in range(n))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return buf.getvalue()


async def psr(url, call_id, runs, duration_ms):
    sep = "&" if "?" in url else "?"
    async with websockets.connect(f"{url}{sep}call_id={call_id}&tenant=py-tenant") as ws:
        await ws.send(json.dumps({"timestamp": int(time.time() * 1000), "event": "connected", "data": {"call_id": call_id, "channel": "stereo"}}))
        say(event="connected", call_id=call_id)

        def loud(leg, t_ms):
            return any(s <= t_ms < e for s, e in runs.get(leg, []))

        t0 = time.monotonic()
        n = 0
        frames = duration_ms // 20
        for f in range(frames):
            out = bytearray()
            for i in range(FRAME):
                t_ms = (n + i) * 1000 / RATE
                s = math.sin(2 * math.pi * 440 * (n + i) / RATE)
                a = int(0.3 * 32767 * s) if loud("A", t_ms) else 0
                b = int(0.3 * 32767 * s) if loud("B", t_ms) else 0
                out += struct.pack("<hh", a, b)
            n += FRAME
            await ws.send(json.dumps({"timestamp": int(time.time() * 1000), "event": "media", "media": {"payload": base64.b64encode(bytes(out)).decode()}, "data": {"call_id": call_id, "channel": "stereo"}}))
            # Paced on the wall clock, drift-corrected.
            delay = t0 + (f + 1) * 0.02 - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        await ws.send(json.dumps({"timestamp": int(time.time() * 1000), "event": "closed", "data": {"call_id": call_id}}))
        say(event="done", call_id=call_id)


async def bot(seconds):
    wav = base64.b64encode(tone_wav(seconds)).decode()

    async def handler(ws, *_):
        sent = False
        async for _msg in ws:
            if not sent:
                sent = True
                await ws.send(json.dumps({"event": "media", "media": {"payload": wav, "is_sync": True}}))
                say(event="sent", seconds=seconds)

    async with websockets.serve(handler, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        say(event="listening", url=f"ws://127.0.0.1:{port}/bot")
        await asyncio.Future()


if __name__ == "__main__":
    if sys.argv[1] == "psr":
        asyncio.run(psr(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), int(sys.argv[5])))
    elif sys.argv[1] == "bot":
        asyncio.run(bot(float(sys.argv[2])))
