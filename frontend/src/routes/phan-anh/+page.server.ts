/**
 * Answered petitions, published (masked) with their answers, 20 a page; each answer
 * has like/dislike buttons, small forms posting to `?/react`, which passes the vote to
 * `POST /api/v1/petitions/{code}/reactions/` with the reader id the API signed on the
 * first vote, kept in a cookie (a made-up or changed id is refused by the API).
 */
import { fail } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { ApiError, apiGet, apiPost } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { Paginated, PublicPetition, ReactionCounts } from '$lib/types';
import { pageNumber, query, TRACKING_CODE } from '$lib/url';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const PAGE_SIZE = 20;
/** The cookie holding the reader id the API signed, so each reader votes once per answer. */
const READER_COOKIE = 'pakn_reader';
const READER = /^[\w:-]{8,200}$/;
const COOKIE_OPTIONS = {
	path: '/phan-anh',
	httpOnly: true,
	sameSite: 'lax',
	maxAge: 60 * 60 * 24 * 365
} as const;

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
		const reader = cookies.get(READER_COOKIE);
		try {
			const answer = await apiPost<ReactionCounts>(
				`/api/v1/petitions/${encodeURIComponent(code)}/reactions/`,
				reader && READER.test(reader) ? { value, reader } : { value },
				{ fetch, lang: locals.lang }
			);
			const { likes, dislikes } = answer.data;
			if (READER.test(answer.data.reader)) cookies.set(READER_COOKIE, answer.data.reader, COOKIE_OPTIONS);
			return { code, message: t.reacted, likes, dislikes };
		} catch (err) {
			if (!(err instanceof ApiError)) throw err;
			if (err.kind === 'http' && err.status === 409) {
				return fail(409, { code, message: t.alreadyReacted });
			}
			if (err.kind === 'http' && err.status === 400 && err.errors?.reader) {
				// Not an id the API signed (changed by hand): the next vote gets a new one.
				cookies.delete(READER_COOKIE, { path: COOKIE_OPTIONS.path });
				return fail(400, { code, message: t.reactionFailed });
			}
			if (err.kind === 'http' && err.status === 429) {
				return fail(429, { code, message: t.tooMany(err.retryAfter ?? 60) });
			}
			if (err.kind === 'http' && err.status === 404) {
				return fail(404, { code, message: t.reactionFailed });
			}
			console.error(`reaction ${code}: ${err.message}`);
			return fail(err.unavailable ? 503 : 502, { code, message: t.reactionFailed });
		}
	}
} satisfies Actions;
