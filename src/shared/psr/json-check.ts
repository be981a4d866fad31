// A strict JSON checker that reports where the text goes wrong (line and column, 1-based).
// Why our own: JSON.parse messages differ between engines (Node 20 gives no position,
// Chromium does), and the request builder must show the same line and column everywhere.

/** What the checker expected where the text goes wrong (a stable key, for wording in any language). */
export const jsonExpected = {
  value: 'a JSON value',
  closingQuote: `a closing '"'`,
  noControlChar: 'no raw control character (line break or tab) inside a string',
  hexDigits: 'four hex digits after \\u',
  escape: 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  depth: 'at most 200 levels of nesting',
  propertyName: 'a property name in double quotes',
  colon: "':' after the property name",
  commaOrBrace: "',' or '}'",
  commaOrBracket: "',' or ']'",
  end: 'end of text',
} as const;
export type JsonExpected = keyof typeof jsonExpected;

export type JsonCheck =
  | { ok: true; value: unknown }
  /** `message` in English; `expected` and `found` (the character there, null at the end; absent when it says nothing) for other languages. */
  | { ok: false; message: string; offset: number; line: number; column: number; expected: JsonExpected; found?: string | null };

class JsonSyntax extends Error {
  constructor(
    readonly expected: JsonExpected,
    readonly offset: number,
    readonly found?: string | null,
  ) {
    super(found === undefined ? `expected ${jsonExpected[expected]}` : `expected ${jsonExpected[expected]}, found ${found === null ? 'end of text' : `'${found}'`}`);
  }
}

export function checkJson(text: string): JsonCheck {
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (expected: JsonExpected): never => {
    throw new JsonSyntax(expected, i, i >= text.length ? null : text[i]!);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('value');
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('closingQuote');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new JsonSyntax('noControlChar', i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonSyntax('hexDigits', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new JsonSyntax('escape', i);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('value');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 200) throw new JsonSyntax('depth', i);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('propertyName');
        string();
        ws();
        if (text[i] !== ':') fail('colon');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('commaOrBrace');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('commaOrBracket');
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('value');
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('end');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    if (!(e instanceof JsonSyntax)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    return { ok: false, message: e.message, offset: e.offset, line, column, expected: e.expected, ...(e.found === undefined ? {} : { found: e.found }) };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
