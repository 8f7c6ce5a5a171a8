// The public WGS-84 → GCJ-02 → BD-09 formulas, independently of the app's Rust,
// to check the coordinates in navigation links.
const A = 6378245.0;
const EE = 0.00669342162296594323;
const PI = Math.PI;

function tLat(x, y) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  return r;
}
function tLng(x, y) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;
  return r;
}

export function wgsToGcj(lat, lng) {
  const dLat = tLat(lng - 105, lat - 35);
  const dLng = tLng(lng - 105, lat - 35);
  const rad = (lat / 180) * PI;
  const magic = 1 - EE * Math.sin(rad) ** 2;
  const sq = Math.sqrt(magic);
  return [lat + (dLat * 180) / (((A * (1 - EE)) / (magic * sq)) * PI), lng + (dLng * 180) / ((A / sq) * Math.cos(rad) * PI)];
}

export function gcjToBd(lat, lng) {
  const xPi = (PI * 3000) / 180;
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * xPi);
  return [z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065];
}
