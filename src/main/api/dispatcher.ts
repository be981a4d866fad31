// One entry point for every contract call, whichever transport carried it:
// validate the arguments, run the handler, validate the result, map errors.
import {
  contract,
  isCallName,
  type CallName,
  type CallResult,
  type ParsedArgs,
  type Result,
} from '../../shared/contract';
import { AppError, isAppError } from '../../shared/errors';
import { redactSecrets } from '../../shared/redact';
import type { Logger } from '../logger';
import type { BusClient } from './event-bus';
import { describeIssues } from './validation';

/** Who made a call: the transport client (its event subscriptions), when a transport carried it. */
export interface CallContext {
  client?: BusClient | undefined;
}
export type Handler<K extends CallName> = (args: ParsedArgs<K>, ctx: CallContext) => Promise<CallResult<K>> | CallResult<K>;
export type Handlers = { [K in CallName]: Handler<K> };
/** What a domain registers: a subset of the calls. */
export type DomainHandlers<K extends CallName> = { [P in K]: Handler<P> };

export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    /** Scrubs tokens from error messages before they leave for the renderer (see shared/redact.ts). */
    private readonly redact: (text: string) => string = (t) => redactSecrets(t),
  ) {}

  async dispatch(name: unknown, rawArgs: unknown, ctx: CallContext = {}): Promise<Result<unknown>> {
    const r = await this.run(name, rawArgs, ctx);
    if (r.ok) return r;
    const params = r.error.params ? Object.fromEntries(Object.entries(r.error.params).map(([k, v]) => [k, typeof v === 'string' ? this.redact(v) : v])) : undefined;
    return { ok: false, error: { ...r.error, message: this.redact(r.error.message), ...(params ? { params } : {}) } };
  }

  private async run(name: unknown, rawArgs: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call ${JSON.stringify(String(name)).slice(0, 80)}` } };
    }
    const spec = contract.calls[name];
    const parsed = spec.args.safeParse(rawArgs ?? undefined);
    if (!parsed.success) {
      const { message, field, params } = describeIssues(name, parsed.error);
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message, ...(field ? { field } : {}), ...(params ? { params } : {}) } };
    }
    try {
      const handler = this.handlers[name] as (a: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        this.logger.error('contract.result_mismatch', { call: name, issues: checked.error.message });
        return { ok: false, error: { code: 'INTERNAL', message: `${name}: the service returned a malformed result` } };
      }
      return { ok: true, value: checked.data };
    } catch (e) {
      if (isAppError(e)) {
        const err = e as AppError;
        return { ok: false, error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.params ? { params: err.params } : {}) } };
      }
      this.logger.error('call.failed', { call: name, error: e instanceof Error ? e.message : String(e) });
      return { ok: false, error: { code: 'INTERNAL', message: `${name}: ${e instanceof Error ? e.message : String(e)}` } };
    }
  }
}
