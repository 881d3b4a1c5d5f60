/**
 * Online filing of a procedure's dossier. The form is built from the API's schema
 * (`GET /api/v1/online-filing/{code}/`, a 404 when the procedure is not open for it);
 * "check and confirm" is the pledge checkbox under a summary on the same page, since
 * files cannot be carried from one request to the next without JavaScript. The action
 * checks the files, forwards the multipart with the `Idempotency-Key` made when the
 * form was rendered, and sends the applicant to the new dossier's printable receipt.
 * The contract's details live in `$lib/server/online-filing`.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { messages, type Lang } from '$lib/i18n';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { failFromPost, idempotencyKey, type FormFailure } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import {
	checkFiling,
	errorFields,
	filedCode,
	filingBody,
	parseSchema,
	readFiles,
	readValues,
	type FilingSchema,
	type FilingValues
} from '$lib/server/online-filing';
import { PROCEDURE_CODE, receiptPath } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

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
		fields: Object.fromEntries(schema.fields.map((f) => [f.name, ''])),
		confirm: false,
		idempotency_key: crypto.randomUUID()
	};
	return { schema, values };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request, fetch, locals }) => {
		const form = await request.formData();
		const key = idempotencyKey(form);
		const t = messages[locals.lang].form;
		if (!PROCEDURE_CODE.test(params.code)) notOpen(locals.lang);
		let schema: FilingSchema;
		try {
			schema = parseSchema(await apiGet<unknown>(schemaPath(params.code), { fetch, lang: locals.lang }), locals.lang);
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
			const values: FilingValues = { fields, confirm: false, idempotency_key: key };
			return fail(503, { values, errors: {}, message: t.unavailable } satisfies FilingFailure);
		}
		const values = readValues(schema, form, key);
		const files = readFiles(schema, form);
		const errors = checkFiling(schema, values, files, locals.lang);
		if (Object.keys(errors).length > 0) {
			return fail(400, { values, errors } satisfies FilingFailure);
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
			return failFromPost(err, values, locals.lang, errorFields(schema), `online filing ${params.code}`);
		}
		if (!code) {
			console.error(`online filing ${params.code}: no dossier code in the answer`);
			return fail(502, { values, errors: {}, message: t.unavailable } satisfies FilingFailure);
		}
		redirect(303, receiptPath(code));
	}
} satisfies Actions;
