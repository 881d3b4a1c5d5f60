/**
 * What the form actions share: reading fields from a posted form, the idempotency key
 * made when the form was rendered, and the API's field errors put on the form's fields.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import { ApiError, type FieldErrors } from './api';

const KEY = /^[\w-]{8,200}$/;

/** A text field's value ("" when missing, or when it is a file). */
export function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** The form's idempotency key; a missing or odd one (a hand-made POST) gets a fresh one. */
export function idempotencyKey(form: FormData): string {
	const key = text(form, 'idempotency_key').trim();
	return KEY.test(key) ? key : crypto.randomUUID();
}

/** A checkbox's value as the browser sends it. */
export function checked(form: FormData, name: string): boolean {
	const value = form.get(name);
	return value === 'on' || value === 'true';
}

/**
 * The API's field errors on the form's fields: a field the form has keeps its name,
 * `aliases` renames (e.g. `agency` → `procedure`), and the rest go to `form`.
 */
export function formErrors(
	errors: FieldErrors | undefined,
	fields: Iterable<string>,
	fallback: string,
	aliases: Record<string, string> = {}
): FieldErrors {
	const known = new Set(fields);
	const out: FieldErrors = {};
	for (const [key, list] of Object.entries(errors ?? {})) {
		const field = aliases[key] ?? (known.has(key) ? key : 'form');
		out[field] = [...(out[field] ?? []), ...list];
	}
	if (Object.keys(out).length === 0) out.form = [fallback];
	return out;
}

/** What a failed form shows: its values again, each field's errors, a message. */
export interface FormFailure<V> {
	values: V;
	errors: FieldErrors;
	message?: string;
}

/**
 * Turn a failed POST into the form's answer: 400 → field errors, 429 → when to try
 * again, 409 → a fresh key, anything else → "try again later" (logged).
 */
export function failFromPost<V extends { idempotency_key: string }>(
	err: unknown,
	values: V,
	lang: Lang,
	fields: Iterable<string>,
	what: string,
	aliases: Record<string, string> = {}
): ActionFailure<FormFailure<V>> {
	if (!(err instanceof ApiError)) throw err;
	const t = messages[lang].form;
	if (err.kind === 'http' && err.status === 400) {
		const errors = formErrors(err.errors, fields, err.detail ?? t.invalid, aliases);
		return fail(400, { values, errors });
	}
	if (err.kind === 'http' && err.status === 429) {
		return fail(429, { values, errors: {}, message: t.tooMany(err.retryAfter ?? 60) });
	}
	if (err.kind === 'http' && err.status === 409) {
		const fresh = { ...values, idempotency_key: crypto.randomUUID() };
		return fail(409, { values: fresh, errors: {}, message: t.conflict });
	}
	console.error(`${what}: ${err.message}`);
	return fail(503, { values, errors: {}, message: t.unavailable });
}
