/** An agency page's reception: a Public Administration Centre's counters and the
 * departments each receives for; a department's counter at the Centre. */
import { describe, expect, it, vi } from 'vitest';
import type { Reception } from '$lib/types';
import { fakeEvent } from '../../test/event';
import { AGENCY, HO_TICH } from '../../test/fixtures';
import { problem, renderPage, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { load } from './[id]/+page.server';
import Page from './[id]/+page.svelte';

const CENTRE = {
	id: 7,
	name: 'Trung tâm Phục vụ hành chính công tỉnh Điện Biên',
	kind: 'public_administration_centre',
	kind_label: 'Trung tâm Phục vụ hành chính công tỉnh',
	address: 'Số 867, đường Võ Nguyên Giáp, phường Điện Biên Phủ, tỉnh Điện Biên',
	opening_hours: 'Thứ Hai đến thứ Sáu',
	phone: '',
	email: '',
	map_url: 'https://www.openstreetmap.org/search?query=S%E1%BB%91+867',
	map_basis: 'address_search' as const
};
const AT_CENTRE: Reception = {
	kind: 'public_administration_centre',
	kind_label: CENTRE.kind_label,
	counters: [
		{ number: '1', label: 'Quầy 1 – Sở Công Thương', departments: [{ id: 9, name: 'Sở Công Thương tỉnh Điện Biên' }] },
		{ number: '2', label: 'Quầy 2 – Sở Tư pháp', departments: [] }
	],
	received_at: [],
	receives_at: null
};
const AT_DEPARTMENT: Reception = {
	kind: 'department',
	kind_label: 'Sở, ban, ngành',
	counters: [],
	received_at: [{ centre: CENTRE, number: '1', label: 'Quầy 1 – Sở Công Thương' }],
	receives_at: CENTRE
};
const list = { count: 1, next: null, previous: null, results: HO_TICH.slice(0, 1) };

useStubApi({
	'/api/v1/agencies/7/': (res) => sendJson(res, 200, { ...AGENCY, id: 7, name: CENTRE.name }),
	'/api/v1/agencies/7/local-procedures/': (res) => sendJson(res, 200, []),
	'/api/v1/agencies/7/reception/': (res) => sendJson(res, 200, AT_CENTRE),
	'/api/v1/agencies/9/': (res) => sendJson(res, 200, { ...AGENCY, id: 9, name: 'Sở Công Thương tỉnh Điện Biên' }),
	'/api/v1/agencies/9/local-procedures/': (res) => sendJson(res, 200, []),
	'/api/v1/agencies/9/reception/': (res) => sendJson(res, 200, AT_DEPARTMENT),
	'/api/v1/agencies/2/': (res) => sendJson(res, 200, AGENCY),
	'/api/v1/agencies/2/local-procedures/': (res) => sendJson(res, 200, []),
	'/api/v1/agencies/2/reception/': (res) => problem(res, 503),
	'/api/v1/procedures/': (res) => sendJson(res, 200, list)
});

const page = async (id: string) => {
	const data = await runLoad(load, fakeEvent(`/co-quan/${id}`, { params: { id } }));
	return renderPage(Page, data as never).body;
};

describe('agency page: reception', () => {
	it('lists a centre’s counters and the departments each receives for', async () => {
		const body = await page('7');
		const text = textOf(body);
		expect(body).toContain('<h2 id="quay-tiep-nhan">Các quầy tiếp nhận hồ sơ</h2>');
		expect(text).toContain('Quầy Tiếp nhận hồ sơ của');
		expect(text).toContain('Quầy 1 – Sở Công Thương Sở Công Thương tỉnh Điện Biên');
		expect(body).toMatch(/<th scope="row" lang="vi"[^>]*>Quầy 2 – Sở Tư pháp<\/th>/);
		expect(body).toContain('href="/co-quan/9"');
	});

	it('says at which centre and counter a department’s dossiers are received', async () => {
		const text = textOf(await page('9'));
		expect(text).toContain('Nơi tiếp nhận hồ sơ của cơ quan');
		expect(text.replace(' ,', ',')).toContain(`${CENTRE.name}, Quầy 1 – Sở Công Thương: ${CENTRE.address}`);
		expect(text).not.toContain('Các quầy tiếp nhận hồ sơ');
	});

	it('stands without the reception when it cannot be read', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const text = textOf(await page('2'));
		expect(text).toContain(AGENCY.name);
		expect(text).not.toContain('Các quầy tiếp nhận hồ sơ');
	});
});
