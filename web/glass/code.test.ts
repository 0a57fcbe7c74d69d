import { describe, expect, it } from 'vitest';
import { codeFromText, codeKey, codeValue, emptyCode, isComplete, type CodeState } from './code';

function press(state: CodeState, ...keys: string[]): CodeState {
  return keys.reduce((s, key) => codeKey(s, key).state, state);
}

describe('pairing code entry', () => {
  it('Up and Down change the focused digit and wrap around', () => {
    expect(codeValue(press(emptyCode(), 'ArrowUp'))).toBe('0');
    expect(codeValue(press(emptyCode(), 'ArrowUp', 'ArrowUp', 'ArrowUp'))).toBe('2');
    expect(codeValue(press(emptyCode(), 'ArrowDown'))).toBe('9');
    expect(codeValue(press(emptyCode(), 'ArrowDown', 'ArrowUp'))).toBe('0');
  });

  it('Left and Right move between boxes', () => {
    const s = press(emptyCode(), 'ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown');
    expect(s.digits).toEqual(['', '9', '0', '', '', '']);
    expect(s.cursor).toBe(1);
  });

  it('enters a whole code with the D-pad alone', () => {
    let s = emptyCode();
    for (const digit of [1, 2, 3, 4, 5, 6]) {
      for (let i = 0; i <= digit; i++) s = press(s, 'ArrowUp');
      if (s.cursor < 5) s = press(s, 'ArrowRight');
    }
    expect(codeValue(s)).toBe('123456');
    expect(isComplete(s)).toBe(true);
  });

  it('asks to move focus out at either edge', () => {
    expect(codeKey(emptyCode(), 'ArrowLeft').action).toBe('focusPrevious');
    const atEnd = press(emptyCode(), 'End');
    expect(codeKey(atEnd, 'ArrowRight').action).toBe('focusNext');
    expect(codeKey(emptyCode(), 'ArrowRight').action).toBeUndefined();
  });

  it('Enter submits', () => {
    expect(codeKey(emptyCode(), 'Enter')).toMatchObject({ handled: true, action: 'submit' });
  });

  it('typed digits fill boxes and advance; Backspace clears backwards', () => {
    let s = press(emptyCode(), '4', '2', '7');
    expect(codeValue(s)).toBe('427');
    expect(s.cursor).toBe(3);
    s = press(s, 'Backspace');
    expect(codeValue(s)).toBe('42');
    expect(s.cursor).toBe(2);
    s = press(s, '1', '2', '3', '4');
    expect(codeValue(s)).toBe('421234');
    expect(s.cursor).toBe(5);
    // The last box keeps the cursor: another digit replaces it.
    expect(codeValue(press(s, '9'))).toBe('421239');
  });

  it('leaves keys it does not own to the browser', () => {
    expect(codeKey(emptyCode(), 'Tab').handled).toBe(false);
    expect(codeKey(emptyCode(), 'a').handled).toBe(false);
  });

  it('reads pasted or dictated text', () => {
    expect(codeFromText('12 34-56 7').digits).toEqual(['1', '2', '3', '4', '5', '6']);
    const partial = codeFromText('98');
    expect(codeValue(partial)).toBe('98');
    expect(partial.cursor).toBe(2);
    expect(isComplete(partial)).toBe(false);
  });
});
