import { computeProgress } from './progress.js';

const start = new Date('2026-01-01T10:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('computeProgress', () => {
  it('projects completion from the observed rate', () => {
    const progress = computeProgress({ total: 100, done: 30, startedAt: start, now: at(60) });
    expect(progress.percentage).toBe(30);
    expect(progress.rate).toBeCloseTo(0.5);
    // 70 left at 0.5 per second: 140 s after now.
    expect(progress.estimatedCompletion).toEqual(at(200));
  });

  it('counts failed units as finished', () => {
    const progress = computeProgress({
      total: 10,
      done: 4,
      failed: 1,
      startedAt: start,
      now: at(10),
    });
    expect(progress.percentage).toBe(50);
    expect(progress.failed).toBe(1);
    expect(progress.estimatedCompletion).toEqual(at(20));
  });

  it('rounds the percentage to one decimal', () => {
    expect(computeProgress({ total: 3, done: 1, startedAt: start, now: at(1) }).percentage).toBe(
      33.3,
    );
  });

  it('has no estimate before anything finished, or before the start, or without a total', () => {
    expect(
      computeProgress({ total: 10, done: 0, startedAt: start, now: at(5) }).estimatedCompletion,
    ).toBeNull();
    expect(computeProgress({ total: 10, done: 3, startedAt: null }).estimatedCompletion).toBeNull();
    const unknown = computeProgress({ total: 0, done: 3, startedAt: start, now: at(5) });
    expect(unknown.percentage).toBe(0);
    expect(unknown.estimatedCompletion).toBeNull();
  });

  it('is complete, and never over 100%, when everything finished', () => {
    const progress = computeProgress({
      total: 5,
      done: 5,
      failed: 1,
      startedAt: start,
      now: at(9),
    });
    expect(progress.percentage).toBe(100);
    expect(progress.estimatedCompletion).toEqual(at(9));
  });
});
