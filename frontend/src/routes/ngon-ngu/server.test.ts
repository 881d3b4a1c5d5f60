import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { asEvent, fakeEvent } from '../../test/event';
import { GET } from './+server';

type Event = Parameters<typeof GET>[0];

function run(path: string) {
	const event = fakeEvent(path);
	try {
		GET(asEvent<Event>(event));
	} catch (thrown) {
		if (isRedirect(thrown)) return { event, redirect: thrown };
		throw thrown;
	}
	throw new Error('expected a redirect');
}

describe('GET /ngon-ngu', () => {
	it('stores the chosen language for a year and goes back to the page', () => {
		const { event, redirect } = run('/ngon-ngu?lang=en&next=%2Fthu-tuc%2F1.001193%3Fa%3D1');
		expect(redirect).toMatchObject({ status: 303, location: '/thu-tuc/1.001193?a=1' });
		expect(event.cookies.set_calls).toEqual([
			[
				'lang',
				'en',
				{ path: '/', maxAge: 31536000, sameSite: 'lax', httpOnly: true, secure: false }
			]
		]);
		expect(event.headers['cache-control']).toBe('no-store');
	});

	it('falls back to Vietnamese and to the home page for anything odd', () => {
		const { event, redirect } = run('/ngon-ngu?lang=fr&next=%2F%2Fevil.example');
		expect(redirect.location).toBe('/');
		expect(event.cookies.set_calls[0]?.[1]).toBe('vi');
	});
});
