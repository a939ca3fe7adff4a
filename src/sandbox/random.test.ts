import { describe, expect, it } from 'vitest';
import { newRng, nextFloat, nextInt, randomAccessKeyId, randomUuid } from './random.js';

describe('seeded random streams', () => {
  it('repeat for a seed, differ across seeds and streams, and continue from persisted state', () => {
    const draw = (rng: ReturnType<typeof newRng>, n: number) => Array.from({ length: n }, () => nextFloat(rng));
    const a = draw(newRng(42, 0), 5);
    expect(draw(newRng(42, 0), 5)).toEqual(a);
    expect(draw(newRng(43, 0), 5)).not.toEqual(a);
    expect(draw(newRng(42, 1), 5)).not.toEqual(a);
    const saved = newRng(42, 0);
    draw(saved, 2);
    const restored = JSON.parse(JSON.stringify(saved));
    expect(draw(restored, 3)).toEqual(a.slice(2));
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('spreads integers over their range', () => {
    const rng = newRng(1, 0);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[nextInt(rng, 4)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('makes AWS-shaped ids', () => {
    const rng = newRng(7, 0);
    expect(randomUuid(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomAccessKeyId(rng, 'long-term')).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(randomAccessKeyId(rng, 'session')).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });
});
