/**
 * An editor's draft, opened by Wagtail's Preview button (inside the admin's frame):
 * `/preview?content_type=catalogue.procedurepage&token=…` reads `/api/v1/preview/`,
 * which answers exactly like `/procedures/{code}/`. Never cached, never indexed;
 * `hooks.server.ts` lets the admin frame this page.
 */
import { error } from '@sveltejs/kit';
import { messages } from '$lib/i18n';
import { ApiError, apiGet } from '$lib/server/api';
import { failFromApi } from '$lib/server/load';
import type { ProcedureDetail } from '$lib/types';
import { query } from '$lib/url';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load = (async (event) => {
	const { url, fetch, locals, setHeaders } = event;
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const t = messages[locals.lang].preview;
	const contentType = url.searchParams.get('content_type')?.trim() ?? '';
	const token = url.searchParams.get('token')?.trim() ?? '';
	if (!contentType || !token) error(400, { message: t.missing });
	try {
		const procedure = await apiGet<ProcedureDetail>(
			`/api/v1/preview/${query({ content_type: contentType, token })}`,
			{ fetch, lang: locals.lang }
		);
		return { procedure };
	} catch (err) {
		if (err instanceof ApiError && err.kind === 'http') {
			if (err.status === 404) error(404, { message: t.notFound });
			if (err.status === 400) error(400, { message: t.missing });
		}
		failFromApi(err, event, 'preview');
	}
}) satisfies PageServerLoad;
