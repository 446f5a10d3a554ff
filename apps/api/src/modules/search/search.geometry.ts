/**
 * The earthdistance extension's sphere, in JavaScript, so that the index measures exactly what PostgreSQL
 * measures (the same rows inside a radius, the same distance order).
 */

/** earth() of the earthdistance extension: the radius of its sphere, in metres. */
export const EARTH_RADIUS_M = 6_378_168;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** ll_to_earth(lat, lon): the point on the sphere, in metres. */
export function llToEarth(latitude: number, longitude: number): [number, number, number] {
  const lat = toRadians(latitude);
  const lon = toRadians(longitude);
  return [
    EARTH_RADIUS_M * Math.cos(lat) * Math.cos(lon),
    EARTH_RADIUS_M * Math.cos(lat) * Math.sin(lon),
    EARTH_RADIUS_M * Math.sin(lat),
  ];
}

/** earth_distance() from the squared chord between two ll_to_earth() points: the great circle over it. */
export function earthDistance(chord2: number): number {
  const chord = Math.sqrt(chord2);
  const half = chord / (2 * EARTH_RADIUS_M);
  return half > 1 ? Math.PI * EARTH_RADIUS_M : 2 * EARTH_RADIUS_M * Math.asin(half);
}

/** A circle as cheap bounds first (latitude degrees, then the chord, with a margin) and the exact radius. */
export interface Circle {
  latitude: number;
  /** Latitude degrees within which a row may be inside (Infinity without a radius). */
  dLat: number;
  px: number;
  py: number;
  pz: number;
  maxChord2: number;
  radiusMeters: number;
}

export function circleOf(near: { latitude: number; longitude: number; radiusMeters: number | null }): Circle {
  const radius = near.radiusMeters ?? Infinity;
  const [px, py, pz] = llToEarth(near.latitude, near.longitude);
  const maxChord = 2 * EARTH_RADIUS_M * Math.sin(Math.min(Math.PI / 2, radius / (2 * EARTH_RADIUS_M)));
  return {
    latitude: near.latitude,
    dLat: Number.isFinite(radius) ? (radius / EARTH_RADIUS_M) * (180 / Math.PI) * 1.01 + 1e-9 : Infinity,
    px,
    py,
    pz,
    maxChord2: maxChord * maxChord * (1 + 1e-9) + 1e-6,
    radiusMeters: radius,
  };
}
