import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { codeFromText, codeKey, codeLength, type CodeState } from './code';
import { moveFocus } from './focus';

interface CodeEntryProps {
  value: CodeState;
  onChange: (value: CodeState) => void;
  onSubmit: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Six digit boxes over one real input. The input takes typing, pasting, dictation and
 * Playwright's fill(); the D-pad edits the highlighted box (Up/Down) and moves (Left/Right).
 */
export function CodeEntry({ value, onChange, onSubmit, inputRef }: CodeEntryProps) {
  const [focused, setFocused] = useState(false);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const result = codeKey(value, event.key);
    if (!result.handled) return;
    event.preventDefault();
    onChange(result.state);
    if (result.action === 'submit') onSubmit();
    else if (result.action) {
      moveFocus(event.currentTarget as Element, result.action === 'focusNext' ? 1 : -1);
    }
  };

  return (
    <div class={focused ? 'code focused' : 'code'}>
      <input
        ref={inputRef}
        class="code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        aria-label="Pairing code"
        maxLength={codeLength}
        value={value.digits.join('')}
        onKeyDown={onKeyDown}
        onInput={(e) => onChange(codeFromText(e.currentTarget.value))}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {value.digits.map((digit, i) => (
        <span
          key={i}
          aria-hidden="true"
          class={focused && i === value.cursor ? 'digit current' : 'digit'}
        >
          {digit}
        </span>
      ))}
    </div>
  );
}
