/**
 * Text as it comes in from a visitor, cleaned once in `hooks.server.ts` before any
 * action or load reads it — the same rule as the API's (`core/text.py`): NFC (input
 * methods emit NFD), line breaks as `\n`, and no control (Cc), format (Cf: zero-width,
 * bidi embeddings, overrides and isolates, BOM) or lone surrogate (Cs) characters;
 * newlines and tabs are kept. A value made of nothing but such characters is passed
 * on unchanged, so that the API refuses it with its message naming the field rather
 * than the form reporting a confusing "required".
 */

const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;
const REMOVED = /(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}]/gu;

export function cleanInput(value: string): string {
	if (!value) return value;
	const text = value.replace(LINE_BREAK, '\n');
	const cleaned = text.replace(REMOVED, '').normalize('NFC');
	if (cleaned.trim() === '' && text.trim() !== '' && cleaned !== text) return value;
	return cleaned;
}

/** A copy of `form` with each text value cleaned (files as they are, names cleaned). */
export function cleanFormData(form: FormData): FormData {
	const out = new FormData();
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string') out.append(key, cleanInput(value));
		else out.append(key, value, cleanInput(value.name) || value.name);
	}
	return out;
}

/** Clean every value of `params` in place. */
export function cleanSearchParams(params: URLSearchParams): void {
	const entries = [...params.entries()];
	if (!entries.some(([, value]) => cleanInput(value) !== value)) return;
	for (const key of new Set(entries.map(([key]) => key))) params.delete(key);
	for (const [key, value] of entries) params.append(key, cleanInput(value));
}
