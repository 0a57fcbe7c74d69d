import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../shared/api';

type LocalErrors = Record<string, string | undefined>;

/**
 * Submit state of one form: busy flag, errors found before sending (`validate`) and the
 * server's ProblemDetails. `fields` are the request's field names shown on the form; server
 * errors for any other field go into the form's alert so no message is ever lost.
 */
export function useForm(fields: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<LocalErrors>({});

  async function submit(
    event: Event,
    action: () => Promise<void>,
    validate?: () => LocalErrors,
  ): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = validate?.() ?? {};
    setLocal(found);
    setError(null);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function errorsFor(field: string): string[] {
    const own = local[field];
    const server = error instanceof ApiError ? error.errorsFor(field) : [];
    return [...(own ? [own] : []), ...server];
  }

  return { busy, submit, errorsFor, alert: alertText(error, fields) };
}

/** Text for a form's alert: see describeError. */
export const alertText = describeError;

export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <div role="alert" class="alert">
      {message}
    </div>
  ) : null;
}

export function StatusMessage({ message }: { message: string | null }) {
  return (
    <p role="status" class="status">
      {message}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  errors?: readonly string[];
  type?: 'text' | 'email' | 'password' | 'number';
  autoComplete?: string;
  hint?: ComponentChildren;
  required?: boolean;
  min?: number;
}

/** A labelled input; its errors follow it in a `.field-error` element. */
export function Field(props: FieldProps) {
  const { id, label, value, onValue, errors = [], type = 'text', hint } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <span id={hintId} class="hint">
          {hint}
        </span>
      ) : null}
      <input
        id={id}
        name={id}
        // Preact's input typings pair each type with its allowed roles; ours are all plain inputs.
        type={type as 'text'}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        autoComplete={props.autoComplete}
        required={props.required}
        min={props.min}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {errors.length > 0 ? (
        <p id={errorId} class="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  return errors.length > 0 ? (
    <p id={`${id}-error`} class="field-error">
      {errors.join(' ')}
    </p>
  ) : null;
}
