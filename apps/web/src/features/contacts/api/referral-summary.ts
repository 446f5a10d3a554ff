import { ReferralSummary, type Locale } from '@relais/contracts';
import { api } from '../../../lib/api';

/** Plain text of the referrals for SMS or email, written by the API in the caller's language. */
export const getReferralSummary = (contactId: string, lang?: Locale) =>
  api.get(`/api/contacts/${contactId}/referral-summary`, ReferralSummary, {
    query: lang ? { lang } : undefined,
  });
