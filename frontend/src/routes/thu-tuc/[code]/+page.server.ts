/**
 * A procedure's page, read from `/procedures/{code}/`. Nothing on it needs
 * JavaScript (the print button brings its own few lines), so no client bundle ships.
 * "Was this page useful?" is a form action posting to `/satisfaction/page-feedback/`,
 * then back to the page with `?huu-ich=cam-on`.
 * "Where do I go?" is a GET form: `?xa=<commune>` reads `/procedures/{code}/where/`;
 * a commune the API does not know is shown as the form's error, the rest of the page
 * as usual; without the province's answer (API down) the section shows the national data.
 * The change history reads `/procedures/{code}/changes/`; "follow this procedure" is
 * the `follow` action (`$lib/server/alerts`), back with `?theo-doi=da-gui`.
 * Anonymous readers get the kept HTML while its data is unchanged (`sharePage`), the
 * form's key new in each answer.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { idempotencyKey, text } from '$lib/server/forms';
import { followAction } from '$lib/server/alerts';
import { failFromApi } from '$lib/server/load';
import { sharePage } from '$lib/server/page-cache';
import { messages } from '$lib/i18n';
import type { CompletionTime, ProcedureDetail, ProcedureHistory, Where } from '$lib/types';
import { FOLLOW_PARAM, FOLLOW_SENT, procedureFeedPath, procedurePath } from '$lib/url';
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
	const history = apiGet<ProcedureHistory>(`${path}changes/`, {
		fetch,
		lang: locals.lang
	}).catch((err) => {
		console.error(`change history ${params.code}: ${err}`);
		return null;
	});
	const local = loadWhere(params.code, url.searchParams.get('xa') ?? '', event);
	try {
		const procedure = await apiGet<ProcedureDetail>(path, { fetch, lang: locals.lang });
		const usefulKey = crypto.randomUUID();
		sharePage(locals, [usefulKey]);
		return {
			procedure,
			completion: await completion,
			local: await local,
			history: await history,
			followSent: url.searchParams.get(FOLLOW_PARAM) === FOLLOW_SENT,
			feed: procedureFeedPath(procedure.code),
			canonical: url.origin + procedurePath(procedure.code),
			usefulThanks: url.searchParams.get('huu-ich') === 'cam-on',
			usefulKey
		};
	} catch (err) {
		failFromApi(err, event, `procedure ${params.code}`);
	}
}) satisfies PageServerLoad;

/**
 * The province's answer for the chosen commune; null when the API cannot give one
 * (never throws: it runs beside the procedure's own read).
 */
async function loadWhere(
	code: string,
	commune: string,
	{ fetch, locals }: Parameters<PageServerLoad>[0]
): Promise<{ where: Where; error: string } | null> {
	const path = `/api/v1/procedures/${encodeURIComponent(code)}/where/`;
	const query = commune ? `?xa=${encodeURIComponent(commune.slice(0, 200))}` : '';
	try {
		return { where: await apiGet<Where>(path + query, { fetch, lang: locals.lang }), error: '' };
	} catch (err) {
		if (err instanceof ApiError && err.status === 400 && query) {
			const message = err.errors?.xa?.[0] ?? err.detail ?? '';
			try {
				return { where: await apiGet<Where>(path, { fetch, lang: locals.lang }), error: message };
			} catch (again) {
				console.error(`where ${code}: ${again}`);
				return null;
			}
		}
		if (!(err instanceof ApiError && err.status === 404)) console.error(`where ${code}: ${err}`);
		return null;
	}
}

export const actions = {
	follow: async (event) => {
		if (!CODE.test(event.params.code)) {
			error(404, { message: messages[event.locals.lang].procedure.notFoundText });
		}
		return followAction(event, { procedure: event.params.code }, procedurePath(event.params.code));
	},
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
