/**
 * Answered petitions, published (masked) with their answers, 20 a page; each answer
 * has like/dislike buttons, small forms posting to `?/react`, which passes the vote to
 * `POST /api/v1/petitions/{code}/reactions/` with a random reader id kept in a cookie.
 */
import { fail } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { Paginated, PublicPetition } from '$lib/types';
import { pageNumber, query, TRACKING_CODE } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const PAGE_SIZE = 20;
/** The cookie holding a reader's random id, so each reader votes once per answer. */
const CLIENT_COOKIE = 'pakn_client';
const CLIENT_ID = /^[\w-]{8,100}$/;

export const load = (async (event) => {
	const page = pageNumber(event.url);
	try {
		const petitions = await apiGet<Paginated<PublicPetition>>(
			`/api/v1/petitions/${query({ page: page > 1 ? page : undefined, page_size: PAGE_SIZE })}`,
			{ fetch: event.fetch, lang: event.locals.lang }
		);
		return { petitions, page, pageSize: PAGE_SIZE };
	} catch (err) {
		failFromApi(err, event, 'petitions');
	}
}) satisfies PageServerLoad;

export const actions = {
	react: async ({ request, fetch, locals, cookies }) => {
		const t = messages[locals.lang].petition;
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const value = String(form.get('value') ?? '');
		if (!TRACKING_CODE.test(code) || (value !== 'like' && value !== 'dislike')) {
			return fail(400, { code, message: t.reactionFailed });
		}
		let clientId = cookies.get(CLIENT_COOKIE);
		if (!clientId || !CLIENT_ID.test(clientId)) {
			clientId = crypto.randomUUID();
			cookies.set(CLIENT_COOKIE, clientId, {
				path: '/phan-anh',
				httpOnly: true,
				sameSite: 'lax',
				maxAge: 60 * 60 * 24 * 365
			});
		}
		try {
			const answer = await apiPost<{ likes: number; dislikes: number }>(
				`/api/v1/petitions/${encodeURIComponent(code)}/reactions/`,
				{ value, client_id: clientId },
				{ fetch, lang: locals.lang }
			);
			return { code, message: t.reacted, ...answer.data };
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			if (err.kind === 'http' && err.status === 409) {
				return fail(409, { code, message: t.alreadyReacted });
			}
			if (err.kind === 'http' && err.status === 404) {
				return fail(404, { code, message: t.reactionFailed });
			}
			console.error(`reaction ${code}: ${err.message}`);
			return fail(err.unavailable ? 503 : 502, { code, message: t.reactionFailed });
		}
	}
} satisfies Actions;
