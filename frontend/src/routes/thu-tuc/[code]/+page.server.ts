/**
 * A procedure's page, read from `/procedures/{code}/`. Nothing on it needs
 * JavaScript (the print button brings its own few lines), so no client bundle ships.
 * "Was this page useful?" is a form action posting to `/satisfaction/page-feedback/`,
 * then back to the page with `?huu-ich=cam-on`.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { idempotencyKey, text } from '$lib/server/forms';
import { failFromApi } from '$lib/server/load';
import { messages } from '$lib/i18n';
import type { CompletionTime, ProcedureDetail } from '$lib/types';
import { procedurePath } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** Codes look like `1.001193` or `2.000281`; anything else cannot be a procedure. */
const CODE = /^[\w.-]{1,40}$/;

export const load = (async (event) => {
	const { params, fetch, locals, url } = event;
	if (!CODE.test(params.code)) {
		error(404, { message: messages[locals.lang].procedure.notFoundText });
	}
	const path = `/api/v1/procedures/${encodeURIComponent(params.code)}/`;
	// Secondary parts: the page is served without them when they cannot be read.
	const completion = apiGet<CompletionTime>(`${path}completion-time/`, {
		fetch,
		lang: locals.lang
	}).catch((err) => {
		console.error(`completion time ${params.code}: ${err}`);
		return null;
	});
	try {
		const procedure = await apiGet<ProcedureDetail>(path, { fetch, lang: locals.lang });
		return {
			procedure,
			completion: await completion,
			canonical: url.origin + procedurePath(procedure.code),
			usefulThanks: url.searchParams.get('huu-ich') === 'cam-on',
			usefulKey: crypto.randomUUID()
		};
	} catch (err) {
		failFromApi(err, event, `procedure ${params.code}`);
	}
}) satisfies PageServerLoad;

export const actions = {
	useful: async ({ request, params, fetch, locals }) => {
		const form = await request.formData();
		const useful = text(form, 'useful');
		if (!CODE.test(params.code) || (useful !== 'true' && useful !== 'false')) {
			return fail(400, { usefulFailed: true });
		}
		try {
			await apiPost(
				'/api/v1/satisfaction/page-feedback/',
				{
					procedure: params.code,
					useful: useful === 'true',
					comment: text(form, 'comment').trim().slice(0, 2000)
				},
				{ fetch, lang: locals.lang, headers: { 'Idempotency-Key': idempotencyKey(form) } }
			);
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			console.error(`page feedback ${params.code}: ${err.message}`);
			return fail(err.unavailable ? 503 : err.status, { usefulFailed: true });
		}
		redirect(303, `${procedurePath(params.code)}?huu-ich=cam-on#y-kien`);
	}
} satisfies Actions;
