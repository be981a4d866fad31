// The customer list of a campaign: a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF or LF),
// first row = column names. Each row becomes one call; its columns become query parameters on the
// bot's URL, the way PSR hands autocall customer data to the bot.
import { AppError } from '../../shared/errors';

export const MAX_CUSTOMERS = 100_000;
const MAX_COLUMNS = 64;
const RESERVED = new Set(['call_id', 'tenant']);

export interface CustomerList {
  columns: string[];
  rows: Record<string, string>[];
}

function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      rec.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      rec.push(field);
      field = '';
      if (rec.length > 1 || rec[0] !== '') records.push(rec);
      rec = [];
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
    if (records.length > MAX_CUSTOMERS + 1) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `customers file: more than ${MAX_CUSTOMERS} rows`, 'customers');
  }
  if (quoted) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `customers file: a quoted field is not closed (row ${records.length + 1})`, 'customers');
  rec.push(field);
  if (rec.length > 1 || rec[0] !== '') records.push(rec);
  return records;
}

export function parseCustomers(text: string, file = 'customers'): CustomerList {
  const records = parseRecords(text);
  const header = records[0];
  if (!header) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: empty; expected a header row of column names`, 'customers');
  const columns = header.map((h) => h.trim());
  if (columns.length > MAX_COLUMNS) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: ${columns.length} columns; at most ${MAX_COLUMNS}`, 'customers');
  columns.forEach((c, i) => {
    if (c === '') throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: column ${i + 1} of the header row has no name`, 'customers');
    if (RESERVED.has(c)) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: column '${c}' is set by PSR itself (call_id and tenant are always added); rename it`, 'customers');
    if (columns.indexOf(c) !== i) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: column '${c}' appears twice in the header row`, 'customers');
  });
  const rows = records.slice(1).map((r, n) => {
    if (r.length !== columns.length) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: row ${n + 2} has ${r.length} fields; the header has ${columns.length}`, 'customers');
    const row: Record<string, string> = {};
    columns.forEach((c, i) => (row[c] = r[i]!));
    return row;
  });
  if (rows.length === 0) throw new AppError('CAMPAIGN_BAD_CUSTOMERS', `${file}: no customer rows after the header`, 'customers');
  return { columns, rows };
}

/** The bot URL of one call: the campaign URL plus call_id, tenant, the scenario's parameters and the customer's columns. */
export function callUrl(botUrl: string, callId: string, tenant: string, parameter: Record<string, string>, customer: Record<string, string> | null): string {
  const u = new URL(botUrl);
  u.searchParams.set('call_id', callId);
  u.searchParams.set('tenant', tenant);
  for (const [k, v] of Object.entries(parameter)) u.searchParams.set(k, v);
  for (const [k, v] of Object.entries(customer ?? {})) u.searchParams.set(k, v);
  return u.toString();
}
