import { describe, expect, it } from 'vitest';
import { routeMatches } from '../../src/teams/start-bot.js';

describe('routeMatches', () => {
  it('matches a plain path exactly, and a path ending /* by its prefix with something after it', () => {
    expect(routeMatches('/api/tick', '/api/tick')).toBe(true);
    expect(routeMatches('/api/tick', '/api/tick/x')).toBe(false);
    expect(routeMatches('/api/reports/*', '/api/reports/abc.def')).toBe(true);
    expect(routeMatches('/api/reports/*', '/api/reports/')).toBe(false);
    expect(routeMatches('/api/reports/*', '/api/reports')).toBe(false);
    expect(routeMatches('/api/reports/*', '/api/reportsx')).toBe(false);
  });
});
