// A strict JSON checker that reports where the text goes wrong (line and column, 1-based).
// Why our own: JSON.parse messages differ between engines (Node 20 gives no position,
// Chromium does), and the request builder must show the same line and column everywhere.

export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; message: string; offset: number; line: number; column: number };

class JsonSyntax extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
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
  const describe = (at: number) => (at >= text.length ? 'end of text' : `'${text[at]}'`);
  const fail = (expected: string): never => {
    throw new JsonSyntax(`expected ${expected}, found ${describe(i)}`, i);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`a JSON value`);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail(`a closing '"'`);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new JsonSyntax('expected no raw control character (line break or tab) inside a string', i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonSyntax('expected four hex digits after \\u', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new JsonSyntax('expected a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', i);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail('a JSON value');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 200) throw new JsonSyntax('expected at most 200 levels of nesting', i);
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
        if (text[i] !== '"') fail(`a property name in double quotes`);
        string();
        ws();
        if (text[i] !== ':') fail(`':' after the property name`);
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
        fail(`',' or '}'`);
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
        fail(`',' or ']'`);
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a JSON value');
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('end of text');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    if (!(e instanceof JsonSyntax)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    return { ok: false, message: e.message, offset: e.offset, line, column };
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
