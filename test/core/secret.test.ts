import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { reveal, secretOf } from '../../src/core/secret.js';

describe('a key held in memory', () => {
  it('prints as [secret] however it is printed, and only reveal gives the value', () => {
    const value = 'sk-proj-thisIsNotARealKeyButLongEnough';
    const secret = secretOf(value);
    expect(`${secret}`).toBe('[secret]');
    expect(String(secret)).toBe('[secret]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[secret]"}');
    expect(inspect({ secret })).not.toContain(value);
    expect(Object.keys(secret)).not.toContain('value');
    expect(JSON.stringify(Object.entries(secret))).not.toContain(value);
    expect(secret.length).toBe(value.length);
    expect(reveal(secret)).toBe(value);
    expect(Object.isFrozen(secret)).toBe(true);
  });
});
