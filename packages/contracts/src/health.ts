import { z } from 'zod';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
