// The stream's payload scratch with Node's native base64 decoder (about ten times faster than the
// portable loop), by exactly the same rule: Node's decoder skips characters outside the alphabet
// and takes the URL-safe '-' and '_', so a payload is accepted only when it has neither of those
// and the decoded length is what its text length implies (a skipped character always shortens it).
// A character above U+00FF is not skipped but read by its low byte ('Ł' as 'A'), so text that may
// hold one (not known to be ASCII) is checked for it first.
// A fuzz test holds this equal to the portable rule.
import { PayloadScratch, base64DecodedLength } from '../../shared/psr-stream';

const NOT_ASCII = /[^ -~]/; // outside printable ASCII (base64 has no control character either)

export class NodePayloadScratch extends PayloadScratch {
  protected override alloc(n: number): Uint8Array {
    return Buffer.allocUnsafe(n);
  }

  override decode(text: string, ascii = false): Uint8Array | null {
    const n = base64DecodedLength(text);
    if (n <= 0) return n === 0 ? this.first(0) : null;
    if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) return null;
    if (!ascii && NOT_ASCII.test(text)) return null;
    const buf = this.reserve(n) as Buffer;
    return buf.write(text, 0, n, 'base64') === n ? this.first(n) : null;
  }
}
