#!/usr/bin/python3
"""A PSR test bot in Python (websockets, as Debian ships it), so the runner is checked against a bot
that is not our own code. Greets on `connected`, answers each caller turn --reply-ms after the
caller's last word (counted in stream time from the media frames), hangs up after --turns replies,
and records the query of every connection (printed as one JSON line per call on stdout).

    /usr/bin/python3 test/bots/timed_bot.py --port 0 --reply-ms 500 --turns 2
prints {"event": "ready", "port": N} once listening.
"""
import argparse
import asyncio
import base64
import io
import json
import math
import struct
import sys
import urllib.parse
import wave

import websockets

LOUD = 180


def tone(ms, hz, amp=8000):
    n = int(ms * 8)
    return [int(amp * math.sin(2 * math.pi * hz * i / 8000)) for i in range(n)]


def wav_b64(samples):
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))
    return base64.b64encode(buf.getvalue()).decode("ascii")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--reply-ms", type=int, default=500)
    ap.add_argument("--turns", type=int, default=2)
    ap.add_argument("--end-of-turn-ms", type=int, default=300)
    args = ap.parse_args()
    greeting = wav_b64(tone(800, 440))
    replies = [wav_b64(tone(600, 660 + 110 * i)) for i in range(args.turns)]
    end_of_turn = min(args.end_of_turn_ms, args.reply_ms)

    async def handler(ws, path=None):
        path = path or getattr(getattr(ws, "request", None), "path", "/")
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
        print(json.dumps({"event": "call", "query": query}), flush=True)
        frames = 0
        channel = "stereo"
        speaking = False
        last_loud = -1.0
        reply_at = -1.0
        hangup_at = -1.0
        nxt = 0
        async for raw in ws:
            if isinstance(raw, bytes):
                continue
            try:
                msg = json.loads(raw)
            except ValueError:
                continue
            event = msg.get("event")
            if event == "connected":
                channel = (msg.get("data") or {}).get("channel", "stereo")
                await ws.send(json.dumps({"event": "media", "media": {"payload": greeting, "is_sync": True}}))
                continue
            if event == "closed":
                break
            if event != "media":
                continue
            pcm = base64.b64decode(msg["media"]["payload"])
            t0 = frames * 20
            frames += 1
            if channel != "mono_a":
                step = 4 if channel == "stereo" else 2
                off = 2 if channel == "stereo" else 0
                for i in range(len(pcm) // step):
                    (v,) = struct.unpack_from("<h", pcm, i * step + off)
                    if v > LOUD or v < -LOUD:
                        last_loud = t0 + (i + 1) / 8
                        speaking = True
            now = frames * 20
            if speaking and now - last_loud >= end_of_turn and reply_at < 0 and nxt < len(replies):
                speaking = False
                reply_at = last_loud + args.reply_ms
            if reply_at >= 0 and now >= reply_at:
                await ws.send(json.dumps({"event": "media", "media": {"payload": replies[nxt], "is_sync": True}}))
                nxt += 1
                reply_at = -1
                if nxt >= len(replies):
                    hangup_at = now + 600 + 300
            if hangup_at >= 0 and now >= hangup_at:
                await ws.send(json.dumps({"event": "hangup"}))
                hangup_at = -1

    async def serve():
        async with websockets.serve(handler, "127.0.0.1", args.port, compression=None, max_size=2**24) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            print(json.dumps({"event": "ready", "port": port}), flush=True)
            await asyncio.Future()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
