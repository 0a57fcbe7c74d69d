// Pure logic of the 6-digit pairing code entry, driven by D-pad keys, digit keys or
// whole-text input (paste, dictation, soft keyboards that send no usable keydown).

export const codeLength = 6;

export interface CodeState {
  /** One entry per box: '' (empty) or a single digit. */
  readonly digits: readonly string[];
  /** The box the D-pad currently edits. */
  readonly cursor: number;
}

export type CodeAction = 'submit' | 'focusPrevious' | 'focusNext';

export interface CodeKeyResult {
  state: CodeState;
  /** False when the key is not ours (Tab, Escape...): let the browser handle it. */
  handled: boolean;
  action?: CodeAction;
}

export function emptyCode(): CodeState {
  return { digits: Array<string>(codeLength).fill(''), cursor: 0 };
}

export function codeValue(state: CodeState): string {
  return state.digits.join('');
}

export function isComplete(state: CodeState): boolean {
  return state.digits.every((d) => /^\d$/.test(d));
}

/** State from free text: its digits fill the boxes from the left. */
export function codeFromText(text: string): CodeState {
  const found = text.replace(/\D/g, '').slice(0, codeLength).split('');
  const digits = Array.from({ length: codeLength }, (_, i) => found[i] ?? '');
  return { digits, cursor: Math.min(found.length, codeLength - 1) };
}

function withDigit(state: CodeState, index: number, digit: string, cursor: number): CodeState {
  const digits = [...state.digits];
  digits[index] = digit;
  return { digits, cursor };
}

function step(digit: string, delta: 1 | -1): string {
  if (digit === '') return delta === 1 ? '0' : '9';
  return String((Number(digit) + delta + 10) % 10);
}

export function codeKey(state: CodeState, key: string): CodeKeyResult {
  const { cursor, digits } = state;
  const last = codeLength - 1;
  const current = digits[cursor] ?? '';
  switch (key) {
    case 'ArrowUp':
      return { state: withDigit(state, cursor, step(current, 1), cursor), handled: true };
    case 'ArrowDown':
      return { state: withDigit(state, cursor, step(current, -1), cursor), handled: true };
    case 'ArrowLeft':
      return cursor === 0
        ? { state, handled: true, action: 'focusPrevious' }
        : { state: { digits, cursor: cursor - 1 }, handled: true };
    case 'ArrowRight':
      return cursor === last
        ? { state, handled: true, action: 'focusNext' }
        : { state: { digits, cursor: cursor + 1 }, handled: true };
    case 'Home':
      return { state: { digits, cursor: 0 }, handled: true };
    case 'End':
      return { state: { digits, cursor: last }, handled: true };
    case 'Enter':
      return { state, handled: true, action: 'submit' };
    case 'Delete':
      return { state: withDigit(state, cursor, '', cursor), handled: true };
    case 'Backspace':
      if (current !== '') return { state: withDigit(state, cursor, '', cursor), handled: true };
      if (cursor === 0) return { state, handled: true };
      return { state: withDigit(state, cursor - 1, '', cursor - 1), handled: true };
    default:
      if (/^\d$/.test(key)) {
        return { state: withDigit(state, cursor, key, Math.min(cursor + 1, last)), handled: true };
      }
      return { state, handled: false };
  }
}
