import { isApiError } from '../../../lib/api';

/**
 * Server field errors, keyed by field, as i18n keys of this feature (`form.errors.<field>`): the server
 * names the field and the reason in English; the console says it in the reader's language.
 */
export function serverFieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): Partial<Record<F, string>> {
  if (!isApiError(error)) return {};
  const messages = error.fieldMessages();
  const out: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const key = Object.keys(messages).find((k) => k === field || k.startsWith(`${field}.`));
    if (key) out[field] = `form.errors.${field}`;
  }
  return out;
}
