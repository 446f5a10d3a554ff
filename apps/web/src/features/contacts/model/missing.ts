import type { FieldError } from '@relais/contracts';
import type { TFunction } from 'i18next';

/** Paths of the API's refusal list without their `body.` prefix: `caller.ageGroup`, `needs.0.unmetReason`. */
export function normalisePath(path: string): string {
  return path.replace(/^(body)\.?/, '');
}

/** The refusal items about one field (exact path or anything under it). */
export function missingAt(missing: FieldError[], prefix: string): FieldError[] {
  return missing.filter((m) => {
    const path = normalisePath(m.path);
    return path === prefix || path.startsWith(`${prefix}.`);
  });
}

/** A readable, translated name for a path of the contact: "Age group", "Need 2 — unmet reason". */
export function fieldLabel(
  t: TFunction<'contacts'>,
  path: string,
  lineFieldLabel?: (key: string) => string,
): string {
  const parts = normalisePath(path).split('.');
  const [head, second, third] = parts;
  if (head === 'caller' && second) return t(`fields.${second}`, { defaultValue: second });
  if (head === 'needs' && second !== undefined && /^\d+$/.test(second)) {
    const n = Number(second) + 1;
    if (!third) return t('fields.need', { n });
    return t('fields.needPart', { n, part: t(`fields.${third}`, { defaultValue: third }) });
  }
  if (head === 'lineFields' && second) return lineFieldLabel?.(second) ?? second;
  if (head === 'followUps' || head === 'noFollowUpReason') return t('fields.followUps');
  return t(`fields.${head ?? ''}`, { defaultValue: head ?? path });
}
