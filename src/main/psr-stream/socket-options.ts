// Options every WebSocket that carries the PSR stream shares: the endpoint's server, the simulated
// PSR, the bot test's caller, the campaign generator and the tap's link to the real bot. The frame
// reader checks each text frame's UTF-8 itself (FRAME_BAD_UTF8: logged and skipped, the call goes
// on), so `ws` does not: its own check closes the whole call (1007) for one bad frame. No
// compression: PSR does not negotiate it, and it would cost CPU on every 20 ms frame.
export const STREAM_SOCKET_OPTIONS = { perMessageDeflate: false, skipUTF8Validation: true } as const;
