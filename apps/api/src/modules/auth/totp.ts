import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** What authenticator apps show above the code. */
const ISSUER = 'Relais';
const PERIOD_SECONDS = 30;

const totpOf = (secret: string, label = 'Relais') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new random secret (160 bits, RFC 4226's recommendation), in base32 as apps expect it. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The `otpauth://` address and its QR code (SVG markup) for an authenticator app to scan. */
export async function totpEnrolment(secret: string, email: string) {
  const uri = totpOf(secret, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * The 30-second step a code belongs to when it is valid now (one step either side for a phone's clock
 * drift), else null. Callers keep the last accepted step so that a code is never accepted twice.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}
