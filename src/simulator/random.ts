// Seeded randomness so that one seed always yields the same ids, battery levels and noise.
// mulberry32: tiny, fast, good enough for a simulator (not for secrets — tokens use crypto).

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stateless hash of numbers/strings to [0, 1): noise that depends only on its inputs. */
export function hashUnit(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    h ^= 0x2c;
    h = Math.imul(h, 16777619);
  }
  return seededRandom(h)();
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function randomHex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** Netatmo module ids look like MAC addresses; 70:ee:50 is Netatmo's OUI. */
export function randomMac(random: Random): string {
  const bytes = [0x70, 0xee, 0x50, randomInt(random, 0, 255), randomInt(random, 0, 255), randomInt(random, 0, 255)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Netatmo room ids are numeric strings such as "2746182631". */
export function randomRoomId(random: Random): string {
  return String(randomInt(random, 1_000_000_000, 3_999_999_999));
}
