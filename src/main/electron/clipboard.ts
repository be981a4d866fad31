// The OS clipboard, written from the main process only: text with a token in clear (a cURL command)
// goes there without ever crossing to the renderer.
import { clipboard } from 'electron';

export const mainClipboard = {
  writeText(text: string): void {
    clipboard.writeText(text);
  },
};
