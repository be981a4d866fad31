// Demo calls this page started end when the page goes away (tab or window closed, reload), instead of
// running on to the simulator's call limit with nobody watching. Main also ends them when the page's
// bridge socket closes (web mode); this covers the desktop window, whose IPC has no such socket.
import { api } from '../../api/client';

const started = new Set<string>();
let listening = false;

export function rememberDemoCall(callId: string): void {
  started.add(callId);
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', () => {
    for (const id of started) void api['simulator:hangup']({ callId: id }).catch(() => {});
    started.clear();
  });
}
