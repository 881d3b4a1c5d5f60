/**
 * The one fetch wrapper for the portal's Django REST API (`/api/v1/`).
 *
 * The API's base URL comes from `PORTAL_API_URL` in the server's environment, read
 * here and nowhere else, at call time, so the same build runs against any backend.
 * Every failure (non-2xx answer, refused connection, timeout, unreadable body) comes
 * out as an `ApiError`, so pages handle one error type.
 */
import { env } from '$env/dynamic/private';

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_LANG = 'vi';

/** Why a request failed: the API answered with an error, or it did not answer. */
export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'invalid-response';

export class ApiError extends Error {
	override readonly name = 'ApiError';

	constructor(
		/** The API's HTTP status, or 503 (no connection) / 504 (timeout) / 502 (bad body). */
		readonly status: number,
		readonly kind: ApiErrorKind,
		readonly url: string,
		/** `title` of an RFC 9457 problem+json body, when the API sent one. */
		readonly title?: string,
		/** `detail` of an RFC 9457 problem+json body, when the API sent one. */
		readonly detail?: string,
		options?: { cause?: unknown }
	) {
		super(`${kind} error ${status} from ${url}${title ? `: ${title}` : ''}`, options);
	}

	/** True when the API is down or overloaded, rather than rejecting this request. */
	get unavailable(): boolean {
		return this.kind !== 'http' || this.status >= 500;
	}
}

export interface ApiOptions {
	/** SvelteKit's `event.fetch`; falls back to the global `fetch`. */
	fetch?: typeof fetch;
	/** Sent as `Accept-Language`; the API answers in this language. */
	lang?: string;
	timeoutMs?: number;
}

/** The API's base URL without a trailing slash. */
export function apiBaseUrl(): string {
	const configured = env.PORTAL_API_URL?.trim();
	return (configured || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** GET a JSON resource, e.g. `apiGet<Summary>('/api/v1/summary/', { fetch })`. */
export async function apiGet<T>(path: string, options: ApiOptions = {}): Promise<T> {
	if (!path.startsWith('/')) {
		throw new TypeError(`API path must start with "/": ${path}`);
	}
	const url = apiBaseUrl() + path;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const controller = new AbortController();
	const request = new Request(url, {
		headers: {
			Accept: 'application/json',
			'Accept-Language': options.lang ?? DEFAULT_LANG
		},
		signal: controller.signal
	});

	// The signal alone does not enforce the timeout: SvelteKit's event.fetch or a
	// handleFetch hook may copy the Request, and undici ties a copy's signal to the
	// original's only through a weak reference that garbage collection can break,
	// leaving the request to hang for minutes. Racing a timer keeps the promise; the
	// abort still closes the connection whenever the signal does get through.
	let timer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			const reason = new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
			controller.abort(reason);
			reject(reason);
		}, timeoutMs);
	});

	try {
		return await Promise.race([send<T>(request, options.fetch ?? fetch), deadline]);
	} catch (cause) {
		if (cause instanceof ApiError) throw cause;
		if (controller.signal.aborted) {
			throw new ApiError(504, 'timeout', url, undefined, undefined, { cause });
		}
		throw new ApiError(503, 'network', url, undefined, undefined, { cause });
	} finally {
		clearTimeout(timer);
	}
}

/** Send the request and read the answer; failures to connect are thrown as they come. */
async function send<T>(request: Request, doFetch: typeof fetch): Promise<T> {
	const response = await doFetch(request);
	if (!response.ok) {
		const problem = await readProblem(response);
		throw new ApiError(response.status, 'http', request.url, problem.title, problem.detail);
	}
	const text = await response.text();
	try {
		return JSON.parse(text) as T;
	} catch (cause) {
		// A proxy's HTML page or a cut-off body: the API did not really answer.
		throw new ApiError(502, 'invalid-response', request.url, undefined, undefined, { cause });
	}
}

/** `title` and `detail` of a problem+json (or plain JSON) error body, if any. */
async function readProblem(response: Response): Promise<{ title?: string; detail?: string }> {
	const type = response.headers.get('content-type') ?? '';
	if (!/^application\/(problem\+)?json/i.test(type)) {
		await response.body?.cancel();
		return {};
	}
	try {
		const body: unknown = await response.json();
		if (typeof body !== 'object' || body === null) return {};
		const { title, detail } = body as Record<string, unknown>;
		return {
			title: typeof title === 'string' ? title : undefined,
			// DRF's own errors say {"detail": "..."}; keep them too.
			detail: typeof detail === 'string' ? detail : undefined
		};
	} catch {
		return {};
	}
}
