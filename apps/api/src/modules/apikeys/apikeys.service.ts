import { API_KEY_PREFIX, type ApiKey, type CreateApiKeyRequest, type Scope } from '@relais/contracts';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { isoOrNull } from '../../lib/serialize';
import { newToken, sha256 } from '../../lib/tokens';
import { withTransaction } from '../../lib/transaction';
import * as q from './apikeys.queries';

/** `rls_` + 8 characters: enough to tell keys apart, far too little to guess the rest. */
const PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export function apiKeyOf(row: q.ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy && row.creatorName ? { id: row.createdBy, name: row.creatorName } : null,
    lastUsedAt: isoOrNull(row.lastUsedAt),
    revokedAt: isoOrNull(row.revokedAt),
  };
}

export async function listApiKeys({ ctx }: { ctx: ServiceContext }) {
  return { items: (await q.listApiKeys(ctx.db)).map(apiKeyOf) };
}

/** Creates a key and returns it in clear, the only time it is ever available. */
export async function createApiKey({ ctx, input }: { ctx: ServiceContext; input: CreateApiKeyRequest }) {
  const key = `${API_KEY_PREFIX}${newToken(32)}`;
  const id = await withTransaction(ctx, async (tx, audit) => {
    const created = await q.insertApiKey(tx, {
      name: input.name,
      prefix: key.slice(0, PREFIX_LENGTH),
      keyHash: sha256(key),
      scopes: [...new Set(input.scopes)],
      createdBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    });
    await audit({
      action: 'create',
      entityType: 'api_key',
      entityId: created,
      fields: ['name', 'scopes'],
    });
    return created;
  });
  const row = await q.findApiKey(ctx.db, id);
  if (!row) throw notFound('API key');
  return { ...apiKeyOf(row), key };
}

/** Revokes a key at once: the next request that uses it gets 401. Revoking twice changes nothing. */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  await withTransaction(ctx, async (tx, audit) => {
    const before = await q.lockApiKey(tx, input.id);
    if (!before) throw notFound('API key');
    if (before.revokedAt) return;
    await q.markRevoked(tx, input.id);
    await audit({
      action: 'revoke',
      entityType: 'api_key',
      entityId: input.id,
      fields: ['revokedAt'],
    });
  });
  const row = await q.findApiKey(ctx.db, input.id);
  if (!row) throw notFound('API key');
  return apiKeyOf(row);
}
