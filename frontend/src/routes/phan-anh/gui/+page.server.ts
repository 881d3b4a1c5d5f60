/**
 * The petition (PAKN) form, working without JavaScript: the form posts here, the
 * action sends it as multipart to `POST /api/v1/petitions/` with the `Idempotency-Key`
 * made when the form was rendered (a hidden input), so a double submit or a retry
 * gives back the same petition. 202 → the page with the tracking code; 400 → the form
 * again with the values and each field's error; 429 → when to try again.
 */
import { fail, redirect } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import { allAgencies } from '$lib/server/agencies';
import { ApiError, apiGet, apiPost, type FieldErrors } from '$lib/server/api';
import { SEARCH_MAX_LENGTH } from '$lib/site';
import {
	PETITION_KINDS,
	type PetitionKind,
	type PetitionStatus,
	type SearchResponse
} from '$lib/types';
import { PETITION_FIND_PARAM, petitionSentPath, query } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

// The form works without JavaScript, and runs none: hydrating it reset what a
// citizen had typed before the script arrived (the browser journeys lost the
// title that way), which a slow phone would do to real people. The procedure
// is found by name with the form's GET search instead of suggestions.
export const csr = false;

const MAX_CANDIDATES = 8;

/** A procedure found by name, to pick in the form. */
export interface Candidate {
	code: string;
	name: string;
}

const MAX_ATTACHMENTS = 3;
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const ATTACHMENT_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
/** The API's honeypot field (`PetitionCreateSerializer.website`). */
const HONEYPOT = 'website';
const KEY = /^[\w-]{8,200}$/;
const PROCEDURE = /^[\w.-]{1,40}$/;

/** What the form shows: the visitor's values (no files: they cannot come back). */
export interface PetitionValues {
	kind: PetitionKind | '';
	procedure: string;
	/** The agency picked from the list (its id), or "". */
	agency: string;
	title: string;
	body: string;
	name: string;
	phone: string;
	email: string;
	consent_publish: boolean;
	idempotency_key: string;
}

export interface PetitionFailure {
	values: PetitionValues;
	/** Field name (as the form names it) to messages; `form` for the rest. */
	errors: FieldErrors;
	/** A message for the whole form (429, 409, API down). */
	message?: string;
}

/** Procedures whose name matches what was typed (the site's search), best first. */
async function findProcedures(
	searched: string,
	options: { fetch: typeof fetch; lang: Lang }
): Promise<{ candidates: Candidate[]; failed: boolean }> {
	if (!searched) return { candidates: [], failed: false };
	try {
		const found = await apiGet<SearchResponse>(`/api/v1/search/${query({ q: searched })}`, options);
		const candidates = found.results
			.slice(0, MAX_CANDIDATES)
			.map(({ code, name }) => ({ code, name }));
		return { candidates, failed: false };
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`petition form search: ${err.message}`);
		return { candidates: [], failed: true };
	}
}

/** Every agency by name, for "pick the agency" (none when the API cannot say). */
async function agencyChoices(options: {
	fetch: typeof fetch;
	lang: Lang;
}): Promise<{ id: number; name: string }[]> {
	try {
		const agencies = await allAgencies(options);
		return agencies
			.map(({ id, name }) => ({ id, name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		console.error(`petition form agencies: ${err.message}`);
		return [];
	}
}

export const load = (async ({ url, setHeaders, fetch, locals }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const procedure = url.searchParams.get('procedure')?.trim() ?? '';
	const searched = (url.searchParams.get(PETITION_FIND_PARAM) ?? '').trim().slice(0, SEARCH_MAX_LENGTH);
	const options = { fetch, lang: locals.lang };
	const [found, agencies] = await Promise.all([
		findProcedures(searched, options),
		agencyChoices(options)
	]);
	const values: PetitionValues = {
		kind: procedure || searched ? 'procedure' : '',
		procedure: PROCEDURE.test(procedure) ? procedure : '',
		agency: '',
		title: '',
		body: '',
		name: '',
		phone: '',
		email: '',
		consent_publish: false,
		idempotency_key: crypto.randomUUID()
	};
	return {
		values,
		searched,
		candidates: found.candidates,
		searchFailed: found.failed,
		agencies
	};
}) satisfies PageServerLoad;

const text = (form: FormData, name: string): string => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

function readValues(form: FormData): PetitionValues {
	const kind = text(form, 'kind');
	const key = text(form, 'idempotency_key').trim();
	return {
		kind: (PETITION_KINDS as readonly string[]).includes(kind) ? (kind as PetitionKind) : '',
		procedure: text(form, 'procedure').trim(),
		agency: /^\d{1,12}$/.test(text(form, 'agency').trim()) ? text(form, 'agency').trim() : '',
		title: text(form, 'title'),
		body: text(form, 'body'),
		name: text(form, 'name'),
		phone: text(form, 'phone'),
		email: text(form, 'email').trim(),
		consent_publish: form.get('consent_publish') === 'on' || form.get('consent_publish') === 'true',
		// A missing or odd key (a hand-made POST) gets a fresh one: still one petition per POST.
		idempotency_key: KEY.test(key) ? key : crypto.randomUUID()
	};
}

/** The chosen files (an empty file input sends one nameless, empty part). */
function readFiles(form: FormData): File[] {
	return form
		.getAll('attachments')
		.filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''));
}

/** The checks the API makes too, made first so no one uploads 15 MB for nothing. */
function checkFiles(files: File[], lang: Lang): string[] {
	const t = messages[lang].petition;
	if (files.length > MAX_ATTACHMENTS) return [t.tooManyFiles];
	const errors: string[] = [];
	for (const file of files) {
		if (!ATTACHMENT_TYPES.has(file.type) && !ATTACHMENT_EXTENSIONS.test(file.name)) {
			errors.push(t.fileType(file.name));
		} else if (file.size > MAX_ATTACHMENT_BYTES) {
			errors.push(t.fileSize(file.name));
		}
	}
	return errors;
}

/** The API's field errors on the form's fields; what has no field goes to `form`. */
function formErrors(errors: FieldErrors | undefined, detail: string | undefined): FieldErrors {
	const fields = new Set([
		'kind',
		'procedure',
		'title',
		'body',
		'name',
		'phone',
		'email',
		'consent_publish',
		'attachments'
	]);
	const out: FieldErrors = {};
	for (const [key, list] of Object.entries(errors ?? {})) {
		const field = key === 'agency' ? 'procedure' : fields.has(key) ? key : 'form';
		out[field] = [...(out[field] ?? []), ...list];
	}
	if (Object.keys(out).length === 0) out.form = [detail ?? 'Dữ liệu không hợp lệ.'];
	return out;
}

export const actions = {
	default: async ({ request, fetch, locals }) => {
		const t = messages[locals.lang].petition;
		const form = await request.formData();
		const values = readValues(form);
		const files = readFiles(form);

		const fileErrors = checkFiles(files, locals.lang);
		if (fileErrors.length > 0) {
			return fail(400, { values, errors: { attachments: fileErrors } } satisfies PetitionFailure);
		}

		const body = new FormData();
		body.set('kind', values.kind);
		if (values.procedure) body.set('procedure', values.procedure);
		if (values.agency) body.set('agency', values.agency);
		body.set('title', values.title);
		body.set('body', values.body);
		body.set('name', values.name);
		body.set('phone', values.phone);
		body.set('email', values.email);
		body.set('consent_publish', values.consent_publish ? 'true' : 'false');
		body.set(HONEYPOT, text(form, HONEYPOT));
		for (const file of files) body.append('attachments', file, file.name);

		let petition: PetitionStatus;
		try {
			const answer = await apiPost<PetitionStatus>('/api/v1/petitions/', body, {
				fetch,
				lang: locals.lang,
				headers: { 'Idempotency-Key': values.idempotency_key },
				// Up to 15 MB of attachments to pass on.
				timeoutMs: 30_000
			});
			petition = answer.data;
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			if (err.kind === 'http' && err.status === 400) {
				return fail(400, { values, errors: formErrors(err.errors, err.detail) } satisfies PetitionFailure);
			}
			if (err.kind === 'http' && err.status === 429) {
				const message = t.tooMany(err.retryAfter ?? 60);
				return fail(429, { values, errors: {}, message } satisfies PetitionFailure);
			}
			if (err.kind === 'http' && err.status === 409) {
				const fresh = { ...values, idempotency_key: crypto.randomUUID() };
				return fail(409, { values: fresh, errors: {}, message: t.conflict } satisfies PetitionFailure);
			}
			console.error(`petition: ${err.message}`);
			return fail(503, { values, errors: {}, message: t.unavailable } satisfies PetitionFailure);
		}
		redirect(303, petitionSentPath(petition.tracking_code));
	}
} satisfies Actions;
