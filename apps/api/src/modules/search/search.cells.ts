/**
 * Grid cells around a point, matching relais_geo_cells() in migrations/0002_directory.sql: the search ANDs
 * "any of these cells" with its words, so one GIN scan returns only nearby matching rows.
 */
const LEVELS = [0.1, 0.25, 0.5, 1, 2] as const;
// More, smaller cells hug the circle better (fewer rows to read); the GIN index ORs them cheaply.
const MAX_CELLS = 48;

const cellIndex = (value: number, offset: number, size: number) => Math.floor((value + offset) / size);

/** The cell lexemes covering a circle, or null when it is too large for cells to help. */
export function geoCells(latitude: number, longitude: number, radiusKm: number): string[] | null {
  // A little margin: a site right on a cell border must never fall outside the cover.
  const dLat = (radiusKm / 110.5) * 1.02;
  const maxLat = Math.min(89, Math.abs(latitude) + dLat);
  const dLon = (radiusKm / (111.32 * Math.cos((maxLat * Math.PI) / 180))) * 1.02;
  for (const [i, size] of LEVELS.entries()) {
    const lat0 = cellIndex(latitude - dLat, 90, size);
    const lat1 = cellIndex(latitude + dLat, 90, size);
    const lon0 = cellIndex(longitude - dLon, 180, size);
    const lon1 = cellIndex(longitude + dLon, 180, size);
    if ((lat1 - lat0 + 1) * (lon1 - lon0 + 1) > MAX_CELLS) continue;
    const cells: string[] = [];
    for (let a = lat0; a <= lat1; a++)
      for (let b = lon0; b <= lon1; b++) cells.push(`zgeo${i + 1}x${a}x${b}`);
    return cells;
  }
  return null;
}
