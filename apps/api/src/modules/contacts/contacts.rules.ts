import type { Contact, FieldError, LineFieldValues } from '@relais/contracts';
import type { schema } from '@relais/db';
import { AppError } from '../../lib/errors';

/** Pure rules of the contacts domain: phone numbers, line fields, and what wrap-up requires. */

type LineRow = typeof schema.lines.$inferSelect;

/** Digits only; a North American number loses its leading 1 so `+1 613…` and `613…` meet. */
export function normalisePhone(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return null;
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Validated normalisation: throws a field error naming `path` when the number cannot be a phone number. */
export function phoneDigitsOrThrow(phone: string, path: string): string {
  const digits = normalisePhone(phone);
  if (!digits || digits.length < 3 || digits.length > 20) {
    throw new AppError('validation', `${path}: must be a phone number (3 to 20 digits)`, {
      fields: [{ path, message: 'must be a phone number (3 to 20 digits)' }],
    });
  }
  return digits;
}

/** `•••-•••-0123` for a 10-digit number; otherwise dots for all but the last four digits. */
export function maskPhone(digits: string | null): string | null {
  if (!digits) return null;
  const last = digits.slice(-4);
  if (digits.length === 10) return `•••-•••-${last}`;
  return `${'•'.repeat(Math.max(digits.length - 4, 1))}${last}`;
}

/** Type errors in a line's extra fields (required ones are only checked at wrap-up). */
export function lineFieldErrors(line: LineRow, values: LineFieldValues): FieldError[] {
  const errors: FieldError[] = [];
  const defs = new Map(line.fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(values)) {
    const path = `lineFields.${key}`;
    const def = defs.get(key);
    if (!def) {
      errors.push({ path, message: `is not a field of the ${line.nameEn}` });
      continue;
    }
    if (value === null) continue;
    switch (def.type) {
      case 'boolean':
        if (typeof value !== 'boolean') errors.push({ path, message: 'must be true or false' });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value))
          errors.push({ path, message: 'must be a number' });
        break;
      case 'date':
        if (
          typeof value !== 'string' ||
          !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
          Number.isNaN(Date.parse(value))
        )
          errors.push({ path, message: 'must be a date (YYYY-MM-DD)' });
        break;
      case 'select':
        if (typeof value !== 'string' || !def.options?.some((o) => o.value === value))
          errors.push({
            path,
            message: `must be one of ${(def.options ?? []).map((o) => o.value).join(', ')}`,
          });
        break;
      case 'text':
        if (typeof value !== 'string') errors.push({ path, message: 'must be text' });
        else if (def.maxLength && value.length > def.maxLength)
          errors.push({ path, message: `must be at most ${def.maxLength} characters` });
        break;
    }
  }
  return errors;
}

type MissingInput = Pick<
  Contact,
  'caller' | 'needs' | 'noNeed' | 'crisisFlags' | 'followUps' | 'noFollowUpReason' | 'lineFields'
>;

/**
 * What wrap-up still refuses: the reporting minimum (need or "no need", age group, gender, location — each
 * may be undisclosed), a referral or unmet reason for every need, a follow-up decision for a crisis, and the
 * line's required fields. Channel is always present (required at creation).
 */
export function missingForClose(contact: MissingInput, line: LineRow | undefined): FieldError[] {
  const missing: FieldError[] = [];
  const { caller } = contact;
  if (!caller.ageGroup)
    missing.push({ path: 'caller.ageGroup', message: 'Age group is required (undisclosed is an answer)' });
  if (!caller.gender)
    missing.push({ path: 'caller.gender', message: 'Gender is required (undisclosed is an answer)' });
  const loc = caller.location;
  if (!loc || (!loc.undisclosed && !loc.municipality && !loc.fsa))
    missing.push({
      path: 'caller.location',
      message: 'Location is required: a municipality, a postal-code area (FSA) or undisclosed',
    });
  if (contact.noNeed && contact.needs.length > 0)
    missing.push({ path: 'noNeed', message: '"No need" cannot be combined with recorded needs' });
  if (!contact.noNeed && contact.needs.length === 0)
    missing.push({ path: 'needs', message: 'Record at least one need, or mark the contact as "no need"' });
  contact.needs.forEach((need, i) => {
    if (need.referrals.length === 0 && !need.unmetReason)
      missing.push({
        path: `needs.${i}.unmetReason`,
        message: `Need ${need.termId} has no referral: add one or record why it is unmet`,
      });
    if (need.referrals.length === 0 && need.unmetReason === 'other' && !need.unmetNote)
      missing.push({
        path: `needs.${i}.unmetNote`,
        message: 'Say why the need is unmet ("other" needs a note)',
      });
  });
  if (contact.crisisFlags.length > 0 && contact.followUps.length === 0 && !contact.noFollowUpReason)
    missing.push({
      path: 'followUps',
      message:
        'A crisis contact needs a follow-up decision: schedule a follow-up or record why none is needed',
    });
  for (const field of line?.fields ?? []) {
    const value = contact.lineFields[field.key];
    if (field.required && (value === undefined || value === null || value === ''))
      missing.push({ path: `lineFields.${field.key}`, message: `${field.labelEn} is required on this line` });
  }
  return missing;
}

/** Structural equality of two JSON-like values (key order of objects ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
