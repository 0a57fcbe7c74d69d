import { describe, expect, it } from 'vitest';
import { nameProblems } from './guestName';

describe('nameProblems', () => {
  it('accepts 1 to 60 printable characters, ignoring surrounding spaces', () => {
    expect(nameProblems('G')).toEqual([]);
    expect(nameProblems(`  ${'é'.repeat(60)}  `)).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(nameProblems('   ')).toEqual(['Enter your name.']);
    expect(nameProblems(`${'a'.repeat(60)}\u0007`)).toEqual([
      'Use at most 60 characters for your name.',
      'Remove control and invisible characters from your name.',
    ]);
    expect(nameProblems('Gina\u202Etseug')).toEqual([
      'Remove control and invisible characters from your name.',
    ]);
  });
});
