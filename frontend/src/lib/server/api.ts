/**
 * The one fetch wrapper for the portal's Django REST API (`/api/v1/`).
 *
 * The API's base URL comes from `PORTAL_API_URL` in the server's environment, read
 * here and nowhere else, at call time, so the same build runs against any backend.
 * Every failure (non-2xx answer, refused connection, timeout, unreadable body) comes
 * out as an `ApiError`, so pages handle one error type.
 *
 * Every request made while rendering for a visitor carries that visitor's address
 * (`X-Portal-Client-Address`) with the secret shared with the API
 * (`PORTAL_FRONTEND_SECRET`, `X-Portal-Frontend-Secret`): the API's rate limits then
 * count each citizen apart instead of counting this server once for all of them.
 */
import { getRequestEvent } from '$app/server';
import { env } from '$env/dynamic/private';

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_LANG = 'vi';

/** Field name to its messages, flattened (a list field's `{"0": [...]}` included). */
export type FieldErrors = Record<string, string[]>;

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
		options?: {
			cause?: unknown;
			/** A 400's field errors (problem+json `errors`): field name to messages. */
			errors?: FieldErrors;
			/** Seconds from the `Retry-After` header (429, 503), when given. */
			retryAfter?: number;
		}
	) {
		super(`${kind} error ${status} from ${url}${title ? `: ${title}` : ''}`, options);
		this.errors = options?.errors;
		this.retryAfter = options?.retryAfter;
	}

	readonly errors?: FieldErrors;
	readonly retryAfter?: number;

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

/**
 * The headers that tell the API whose request this is: the visitor's address (as
 * adapter-node sees it: the socket's peer, or `ADDRESS_HEADER` behind a proxy) and
 * the shared secret. None without a secret, or outside a visitor's request.
 */
export function clientHeaders(): Record<string, string> {
	const secret = env.PORTAL_FRONTEND_SECRET?.trim();
	if (!secret) return {};
	let address: string;
	try {
		address = getRequestEvent().getClientAddress();
	} catch {
		return {}; // not rendering for anyone (a unit test, a start-up task)
	}
	if (!address) return {};
	return { 'X-Portal-Client-Address': address, 'X-Portal-Frontend-Secret': secret };
}

/**
 * The API's last answers that carried an `ETag`, by language and URL, held by this
 * server process: the next render asks with `If-None-Match`, and the API's 304
 * (which costs it no query) lets the page reuse the body it already has. The body is
 * kept as text and parsed for each render, so no page can change another's data.
 */
export const REVALIDATED_MAX = 500;
const revalidated = new Map<string, { etag: string; text: string }>();

/** Forget the kept answers (tests). */
export function forgetRevalidated(): void {
	revalidated.clear();
}

/**
 * One read a render made: what `lib/server/page-cache` asks again, with `If-None-Match`,
 * before it gives out the page's kept HTML. `etag` is null when the answer had none (or
 * the read failed): such a page is not kept.
 */
export interface ApiRead {
	path: string;
	lang: string;
	etag: string | null;
}

/** The reads of the renders being watched, by their `locals`. */
const watched = new WeakMap<object, ApiRead[]>();

/** Note every `apiGet` of the request whose `locals` these are (`readsOf` gives them). */
export function watchReads(locals: object): void {
	watched.set(locals, []);
}

/** The reads noted since `watchReads(locals)`; undefined when not watched. */
export function readsOf(locals: object): readonly ApiRead[] | undefined {
	return watched.get(locals);
}

function noteRead(read: ApiRead): void {
	let locals: object;
	try {
		locals = getRequestEvent().locals;
	} catch {
		return; // not rendering for anyone
	}
	watched.get(locals)?.push(read);
}

/** GET a JSON resource, e.g. `apiGet<Summary>('/api/v1/summary/', { fetch })`. */
export async function apiGet<T>(path: string, options: ApiOptions = {}): Promise<T> {
	const lang = options.lang ?? DEFAULT_LANG;
	const key = `${lang} ${path}`;
	const kept = revalidated.get(key);
	let etag: string | null = null;
	try {
		const answer = await apiRequest<T>('GET', path, undefined, {
			...options,
			headers: kept ? { 'If-None-Match': kept.etag } : undefined,
			notModified: kept
				? () => {
						etag = kept.etag;
						return JSON.parse(kept.text) as T;
					}
				: undefined,
			read: async (response) => {
				const text = await response.text();
				const data = JSON.parse(text) as T;
				etag = keep(key, response, text);
				return data;
			}
		});
		noteRead({ path, lang, etag });
		return answer.data;
	} catch (err) {
		noteRead({ path, lang, etag: null });
		throw err;
	}
}

/** Keep a 200 answer's body under its ETag (returned; null without one). */
function keep(key: string, response: Response, text: string): string | null {
	const etag = response.headers.get('etag');
	revalidated.delete(key);
	if (!etag || response.status !== 200) return null;
	revalidated.set(key, { etag, text });
	if (revalidated.size > REVALIDATED_MAX) {
		revalidated.delete(revalidated.keys().next().value as string);
	}
	return etag;
}

/**
 * Whether the API's answer to a read is still the one tagged `read.etag` (its 304).
 * A new answer is kept for the render that follows; a failure is a no.
 */
export async function unchanged(read: ApiRead, options: ApiOptions = {}): Promise<boolean> {
	if (!read.etag) return false;
	const key = `${read.lang} ${read.path}`;
	try {
		const answer = await apiRequest<null>('GET', read.path, undefined, {
			...options,
			lang: read.lang,
			headers: { 'If-None-Match': read.etag },
			notModified: () => null,
			read: async (response) => {
				const text = await response.text();
				JSON.parse(text); // only a readable body is kept for the render
				keep(key, response, text);
				return null;
			}
		});
		return answer.status === 304;
	} catch {
		return false;
	}
}

/** A file the API sent (a receipt PDF): its bytes and type. */
export interface ApiFile {
	body: ArrayBuffer;
	contentType: string;
}

/**
 * GET a file of the type `accept` names, e.g. `apiGetFile('/api/v1/dossiers/…/receipt.pdf',
 * 'application/pdf', { fetch })`. The API's errors are problem+json as ever and come out
 * as `ApiError`; a 2xx of another type is a 502.
 */
export async function apiGetFile(
	path: string,
	accept: string,
	options: ApiOptions = {}
): Promise<ApiFile> {
	const answer = await apiRequest<ApiFile>('GET', path, undefined, {
		...options,
		// JSON too: what the API's errors are written in.
		accept: `${accept}, application/json;q=0.5`,
		read: async (response) => {
			const contentType = response.headers.get('content-type') ?? '';
			const [type = ''] = contentType.split(';');
			if (type.trim().toLowerCase() !== accept) {
				await response.body?.cancel();
				throw new Error(`expected ${accept}, got ${contentType || 'no type'}`);
			}
			return { body: await response.arrayBuffer(), contentType };
		}
	});
	return answer.data;
}

export interface ApiPostOptions extends ApiOptions {
	/** Extra request headers, e.g. `Idempotency-Key`. */
	headers?: Record<string, string>;
}

/** A successful answer to a POST: its status (200, 201, 202...) and JSON body. */
export interface ApiAnswer<T> {
	status: number;
	data: T;
	headers: Headers;
}

/**
 * POST `body` to the API: a `FormData` goes as multipart (attachments), anything else
 * as JSON. Failures come out as `ApiError`, a 400 with its field `errors`, a 429 with
 * `retryAfter`.
 */
export async function apiPost<T>(
	path: string,
	body: FormData | Record<string, unknown>,
	options: ApiPostOptions = {}
): Promise<ApiAnswer<T>> {
	return apiRequest<T>('POST', path, body, options);
}

interface RequestOptions<T> extends ApiPostOptions {
	/** The `Accept` header (JSON unless told otherwise). */
	accept?: string;
	/** Reads a 2xx answer's body (JSON unless told otherwise); throwing makes it a 502. */
	read?: (response: Response) => Promise<T>;
	/** The data of a 304 answer (sent only when the request carried `If-None-Match`). */
	notModified?: () => T;
}

async function apiRequest<T>(
	method: 'GET' | 'POST',
	path: string,
	body: FormData | Record<string, unknown> | undefined,
	options: RequestOptions<T>
): Promise<ApiAnswer<T>> {
	if (!path.startsWith('/')) {
		throw new TypeError(`API path must start with "/": ${path}`);
	}
	const url = apiBaseUrl() + path;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const controller = new AbortController();
	const headers: Record<string, string> = {
		...options.headers,
		...clientHeaders(),
		Accept: options.accept ?? 'application/json',
		'Accept-Language': options.lang ?? DEFAULT_LANG
	};
	let payload: BodyInit | undefined;
	if (body instanceof FormData) {
		payload = body; // fetch writes the multipart Content-Type with its boundary
	} else if (body !== undefined) {
		payload = JSON.stringify(body);
		headers['Content-Type'] = 'application/json';
	}
	const request = new Request(url, { method, headers, body: payload, signal: controller.signal });

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
		return await Promise.race([
			send<T>(request, options.fetch ?? fetch, options.read ?? readJson, options.notModified),
			deadline
		]);
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
async function send<T>(
	request: Request,
	doFetch: typeof fetch,
	read: (response: Response) => Promise<T>,
	notModified?: () => T
): Promise<ApiAnswer<T>> {
	const response = await doFetch(request);
	if (response.status === 304 && notModified) {
		await response.body?.cancel();
		return { status: 304, data: notModified(), headers: response.headers };
	}
	if (!response.ok) {
		const problem = await readProblem(response);
		const retry = Number(response.headers.get('retry-after'));
		throw new ApiError(response.status, 'http', request.url, problem.title, problem.detail, {
			errors: problem.errors,
			retryAfter: Number.isFinite(retry) && retry >= 0 ? Math.ceil(retry) : undefined
		});
	}
	try {
		return { status: response.status, data: await read(response), headers: response.headers };
	} catch (cause) {
		// The timeout stopped the body: apiRequest reports it as such.
		if (request.signal.aborted) throw cause;
		// A proxy's HTML page or a cut-off body: the API did not really answer.
		throw new ApiError(502, 'invalid-response', request.url, undefined, undefined, { cause });
	}
}

async function readJson<T>(response: Response): Promise<T> {
	return JSON.parse(await response.text()) as T;
}

/** `title`, `detail` and field `errors` of a problem+json (or plain JSON) error body. */
async function readProblem(
	response: Response
): Promise<{ title?: string; detail?: string; errors?: FieldErrors }> {
	const type = response.headers.get('content-type') ?? '';
	if (!/^application\/(problem\+)?json/i.test(type)) {
		await response.body?.cancel();
		return {};
	}
	try {
		const body: unknown = await response.json();
		if (typeof body !== 'object' || body === null) return {};
		const { title, detail, errors } = body as Record<string, unknown>;
		return {
			title: typeof title === 'string' ? title : undefined,
			// DRF's own errors say {"detail": "..."}; keep them too.
			detail: typeof detail === 'string' ? detail : undefined,
			errors: fieldErrors(errors)
		};
	} catch {
		return {};
	}
}

/**
 * The API's `errors` (`{"title": ["..."], "attachments": {"0": ["..."]}}`) as field
 * name to a flat list of messages; undefined when there are none.
 */
export function fieldErrors(value: unknown): FieldErrors | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const out: FieldErrors = {};
	const flatten = (v: unknown): string[] =>
		typeof v === 'string'
			? [v]
			: Array.isArray(v)
				? v.flatMap(flatten)
				: typeof v === 'object' && v !== null
					? Object.values(v).flatMap(flatten)
					: [];
	for (const [key, v] of Object.entries(value)) {
		const messages = flatten(v);
		if (messages.length > 0) out[key] = messages;
	}
	return Object.keys(out).length > 0 ? out : undefined;
}
