/** Helpers for page tests: posting forms to actions and rendering pages on the server. */
import { isRedirect } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { i18nContext, type Lang } from '$lib/i18n';
import { fakeEvent, type FakeEvent } from './event';
import { sendJson } from './stub-api';

/** A POST of `fields` (and files under their keys) to `path`, as a browser sends a form. */
export function postEvent(
	path: string,
	fields: Record<string, string>,
	files: [string, File][] = [],
	options: { params?: Record<string, string>; lang?: Lang } = {}
): FakeEvent {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	for (const [k, f] of files) body.append(k, f);
	const event = fakeEvent(path, options);
	event.request = new Request(event.url, { method: 'POST', body });
	return event;
}

/** Run an action; a redirect comes back as the value instead of being thrown. */
export async function runAction(action: (event: never) => unknown, event: FakeEvent): Promise<unknown> {
	try {
		return await action(event as never);
	} catch (err) {
		if (isRedirect(err)) return err;
		throw err;
	}
}

/** Run a load; an HttpError or redirect comes back as the value. */
export async function runLoad<T>(load: (event: never) => T, event: FakeEvent): Promise<Awaited<T> | { status: number; body?: unknown; location?: string }> {
	try {
		return await load(event as never);
	} catch (err) {
		if (typeof err === 'object' && err !== null && 'status' in err) return err as { status: number };
		throw err;
	}
}

/** Server-render a page component with its data (and form), in `lang`. */
export function renderPage(
	component: unknown,
	data: Record<string, unknown>,
	form: unknown = undefined,
	lang: Lang = 'vi'
): { body: string; head: string } {
	return render(component as never, {
		props: { data: { lang, ...data }, params: {}, form },
		context: i18nContext(lang)
	} as never) as { body: string; head: string };
}

export const problem = (
	res: Parameters<typeof sendJson>[0],
	status: number,
	extra: object = {}
) =>
	sendJson(res, status, { type: 'about:blank', title: 'x', status, ...extra }, 'application/problem+json');

/** Visible text of some HTML, tags dropped and whitespace folded. */
export const textOf = (html: string) =>
	html
		.replace(/<!--.*?-->/gs, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
