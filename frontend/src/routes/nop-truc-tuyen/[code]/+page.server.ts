/**
 * Online filing of a procedure's dossier, in two steps that work the same with and
 * without JavaScript. The form is built from the API's schema
 * (`GET /api/v1/online-filing/{code}/`, a 404 when the procedure is not open for it).
 *
 * 1. `?/review`: what is typed (the applicant, an organisation's details, the
 *    interactive e-forms) is checked here and by the API (`?check=fields`, which
 *    stores nothing), and comes back as the confirmation: each value shown, carried
 *    in hidden fields. `?/edit` goes back to the fields with the values kept.
 * 2. `?/file`: the confirmation's values, the documents' files (chosen on that step,
 *    as files cannot be carried from one request to the next) and the pledge are
 *    forwarded as multipart with the `Idempotency-Key` made when the form was first
 *    drawn; the applicant goes on to the new dossier's printable receipt.
 *
 * The contract's details live in `$lib/server/online-filing`.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { failFromPost, idempotencyKey, type FormFailure } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import {
	checkBody,
	checkDetails,
	checkFiling,
	errorFields,
	filedCode,
	filingBody,
	initialFields,
	parseSchema,
	readFiles,
	readValues,
	stepOf,
	type FilingSchema,
	type FilingValues
} from '$lib/server/online-filing';
import { PROCEDURE_CODE, receiptPath } from '$lib/url';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const csr = false;

export type FilingFailure = FormFailure<FilingValues>;

const schemaPath = (code: string) => `/api/v1/online-filing/${encodeURIComponent(code)}/`;

function notOpen(lang: Lang): never {
	error(404, { message: messages[lang].filing.notOpen });
}

export const load = (async (event) => {
	const { params, fetch, locals, setHeaders } = event;
	if (!PROCEDURE_CODE.test(params.code)) notOpen(locals.lang);
	let schema: FilingSchema;
	try {
		schema = parseSchema(await apiGet<unknown>(schemaPath(params.code), { fetch, lang: locals.lang }), locals.lang);
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404) notOpen(locals.lang);
		failFromApi(err, event, `online filing ${params.code}`);
	}
	// Set only now: failFromApi sets its own (SvelteKit refuses a header set twice).
	setHeaders({ 'cache-control': 'no-store' });
	const values: FilingValues = {
		fields: initialFields(schema),
		confirm: false,
		idempotency_key: crypto.randomUUID(),
		step: 'details'
	};
	return { schema, values };
}) satisfies PageServerLoad;

type Posted =
	| { ok: true; form: FormData; key: string; schema: FilingSchema }
	| { ok: false; failure: ReturnType<typeof fail<FilingFailure>> };

/** The posted form and the schema it was drawn from (a 503 keeping what was typed without it). */
async function posted({ params, request, fetch, locals }: RequestEvent): Promise<Posted> {
	const form = await request.formData();
	const key = idempotencyKey(form);
	if (!PROCEDURE_CODE.test(params.code)) notOpen(locals.lang);
	try {
		const schema = parseSchema(await apiGet<unknown>(schemaPath(params.code), { fetch, lang: locals.lang }), locals.lang);
		return { ok: true, form, key, schema };
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http' && err.status === 404) notOpen(locals.lang);
		if (!(err instanceof ApiError)) throw err;
		console.error(`online filing ${params.code}: ${err.message}`);
		// Without the schema, keep every text the visitor typed.
		const fields = Object.fromEntries(
			[...form.entries()].filter(
				(e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'idempotency_key'
			)
		);
		const values: FilingValues = { fields, confirm: false, idempotency_key: key, step: 'details' };
		return {
			ok: false,
			failure: fail(503, { values, errors: {}, message: messages[locals.lang].form.unavailable } satisfies FilingFailure)
		};
	}
}

export const actions = {
	/** Step 1 → 2: the typed fields checked, then shown back for confirmation. */
	review: async (event) => {
		const { params, fetch, locals } = event;
		const got = await posted(event);
		if (!got.ok) return got.failure;
		const { schema, form, key } = got;
		const values = readValues(schema, form, key, 'details');
		const errors = checkDetails(schema, values, locals.lang);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors } satisfies FilingFailure);
		try {
			await apiPost<unknown>(`${schemaPath(params.code)}?check=fields`, checkBody(schema, values), {
				fetch,
				lang: locals.lang
			});
		} catch (err) {
			if (err instanceof ApiError && err.kind === 'http' && err.status === 404) notOpen(locals.lang);
			return failFromPost(err, values, locals.lang, errorFields(schema), `online filing check ${params.code}`);
		}
		return { values: { ...values, step: 'confirm' }, errors: {} } satisfies FilingFailure;
	},

	/** Step 2 → 1: back to the fields, as typed. */
	edit: async (event) => {
		const got = await posted(event);
		if (!got.ok) return got.failure;
		const { schema, form, key } = got;
		return { values: readValues(schema, form, key, 'details'), errors: {} } satisfies FilingFailure;
	},

	/** Step 2: the values, the files and the pledge, filed. */
	file: async (event) => {
		const { params, fetch, locals } = event;
		const t = messages[locals.lang].form;
		const got = await posted(event);
		if (!got.ok) return got.failure;
		const { schema, form, key } = got;
		const values = readValues(schema, form, key, 'confirm');
		const files = readFiles(schema, form);
		const errors = { ...checkDetails(schema, values, locals.lang), ...checkFiling(schema, values, files, locals.lang) };
		if (Object.keys(errors).length > 0) {
			return fail(400, { values: { ...values, step: stepOf(schema, errors) }, errors } satisfies FilingFailure);
		}

		let code: string | null;
		try {
			const answer = await apiPost<unknown>(schemaPath(params.code), filingBody(schema, values, files), {
				fetch,
				lang: locals.lang,
				headers: { 'Idempotency-Key': values.idempotency_key },
				// Up to 20 MB of documents to pass on.
				timeoutMs: 60_000
			});
			code = filedCode(answer.data);
		} catch (err) {
			if (err instanceof ApiError && err.kind === 'http' && err.status === 404) notOpen(locals.lang);
			const failure = failFromPost(err, values, locals.lang, errorFields(schema), `online filing ${params.code}`);
			failure.data.values = { ...failure.data.values, step: stepOf(schema, failure.data.errors) };
			return failure;
		}
		if (!code) {
			console.error(`online filing ${params.code}: no dossier code in the answer`);
			return fail(502, { values, errors: {}, message: t.unavailable } satisfies FilingFailure);
		}
		redirect(303, receiptPath(code));
	}
} satisfies Actions;
