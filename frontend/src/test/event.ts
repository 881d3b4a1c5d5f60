/** Fake SvelteKit request events carrying just what the loaders and endpoints use. */
import type { Lang } from '$lib/i18n';

export interface FakeEvent {
	url: URL;
	request: Request;
	params: Record<string, string>;
	fetch: typeof fetch;
	locals: { lang: Lang };
	headers: Record<string, string>;
	setHeaders: (headers: Record<string, string>) => void;
	cookies: {
		get: (name: string) => string | undefined;
		set: (name: string, value: string, options: Record<string, unknown>) => void;
		set_calls: [string, string, Record<string, unknown>][];
	};
	parent: () => Promise<Record<string, unknown>>;
}

export function fakeEvent(
	path: string,
	options: { params?: Record<string, string>; lang?: Lang; cookies?: Record<string, string> } = {}
): FakeEvent {
	const headers: Record<string, string> = {};
	const setCalls: [string, string, Record<string, unknown>][] = [];
	const url = new URL(path, 'http://portal.test');
	return {
		url,
		request: new Request(url),
		params: options.params ?? {},
		fetch,
		locals: { lang: options.lang ?? 'vi' },
		headers,
		// Like SvelteKit's: setting a header twice is a bug it reports as an error.
		setHeaders: (h) => {
			for (const key of Object.keys(h)) {
				if (key.toLowerCase() in headers) throw new Error(`"${key}" header is already set`);
			}
			for (const [key, value] of Object.entries(h)) headers[key.toLowerCase()] = value;
		},
		cookies: {
			get: (name) => options.cookies?.[name],
			set: (name, value, opts) => setCalls.push([name, value, opts]),
			set_calls: setCalls
		},
		parent: async () => ({ lang: options.lang ?? 'vi' })
	};
}

/** Call a loader or handler with a fake event, typed as what it expects. */
export function asEvent<E>(event: FakeEvent): E {
	return event as unknown as E;
}
