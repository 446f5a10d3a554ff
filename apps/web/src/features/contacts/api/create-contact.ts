import { Contact, type CreateContactRequest } from '@relais/contracts';
import { api } from '../../../lib/api';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * POST /api/contacts with an Idempotency-Key: the key is made once per "Start contact" and reused on every
 * retry, so a lost response never creates the contact twice.
 */
export const createContact = (body: CreateContactRequest, idempotencyKey: string) =>
  api.post('/api/contacts', Contact, body, { headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });
