// Glasses have no pointer: a D-pad sends arrow keys and Enter. Arrow keys walk the
// focusable elements of the screen in document order; Enter activates (native for buttons).

const focusableSelector = 'button:not([disabled]), input:not([disabled]), [tabindex="0"]';

export function moveFocus(from: Element | null, delta: 1 | -1): void {
  const items = Array.from(document.querySelectorAll<HTMLElement>(focusableSelector));
  if (items.length === 0) return;
  const index = from ? items.indexOf(from as HTMLElement) : -1;
  const next = index === -1 ? 0 : (index + delta + items.length) % items.length;
  items[next]?.focus();
}

const deltas: Record<string, 1 | -1> = {
  ArrowUp: -1,
  ArrowLeft: -1,
  ArrowDown: 1,
  ArrowRight: 1,
};

const caretKeys = new Set(['ArrowLeft', 'ArrowRight']);
const textInputTypes = new Set(['text', 'search', 'email', 'url', 'tel', 'password']);

/** A field whose caret Left/Right move (text inputs, text areas, editable content). */
export function editsText(element: EventTarget | null): boolean {
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return textInputTypes.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/** Installs arrow-key focus movement for the whole page; returns the uninstaller. */
export function installArrowNavigation(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = deltas[event.key];
    // Widgets that use arrows themselves (the code entry) prevent the default first.
    if (!delta || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    // In a text field Left/Right move the caret; Up/Down still leave the field.
    if (caretKeys.has(event.key) && editsText(event.target)) return;
    event.preventDefault();
    moveFocus(document.activeElement === document.body ? null : document.activeElement, delta);
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}
