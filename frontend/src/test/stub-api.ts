/**
 * A real HTTP server on a free loopback port that stands in for the Django API in
 * tests, so the fetch wrapper is exercised over real sockets, not a mocked fetch.
 */
import { env } from '$env/dynamic/private';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { checkResponse } from './openapi';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The request body as text (multipart included), "" when none. */
	body: string;
}

/**
 * Answers one request. Routes are keyed by the exact path with its query string, or
 * by the path alone to answer whatever the query is; `url` gives the parsed address.
 */
export type Route = (res: ServerResponse, url: URL, request: RecordedRequest) => void;

export interface StubApi {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/**
 * Answer with JSON. A JSON answer whose request and status the API's schema
 * documents is checked against it (src/test/openapi.ts): the test that served an
 * answer the real API would not give fails.
 */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	type = 'application/json'
): void {
	if (type === 'application/json' && res.req) {
		checkResponse(res.req.method ?? 'GET', res.req.url ?? '/', status, body);
	}
	res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
	res.end(JSON.stringify(body));
}

/** Serve `routes`; anything else gets a problem+json 404. */
export async function startStubApi(routes: Record<string, Route>): Promise<StubApi> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = req.url ?? '/';
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8')
			};
			requests.push(recorded);
			const url = new URL(path, 'http://stub.invalid');
			const route = routes[path] ?? routes[url.pathname];
			if (route) {
				route(res, url, recorded);
			} else {
				sendJson(res, 404, { title: 'Not found', status: 404 }, 'application/problem+json');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((err) => (err ? reject(err) : resolve()));
			})
	};
}

/**
 * The stub API for a whole test file: started before its tests and closed after,
 * `PORTAL_API_URL` pointed at it before each test (a test may point it elsewhere),
 * its recorded requests cleared and spies restored; the old `PORTAL_API_URL` comes
 * back at the end.
 */
export function useStubApi(routes: Record<string, Route>): StubApi {
	let started: StubApi | undefined;
	const saved = env.PORTAL_API_URL;
	const running = (): StubApi => {
		if (!started) throw new Error('the stub API is used before its beforeAll');
		return started;
	};
	beforeAll(async () => {
		started = await startStubApi(routes);
	});
	afterAll(async () => {
		env.PORTAL_API_URL = saved;
		await started?.close();
	});
	beforeEach(() => {
		env.PORTAL_API_URL = running().url;
		running().requests.length = 0;
		vi.restoreAllMocks();
	});
	return {
		get url() {
			return running().url;
		},
		get requests() {
			return running().requests;
		},
		close: () => running().close()
	};
}

/** A loopback URL on which nothing listens: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
