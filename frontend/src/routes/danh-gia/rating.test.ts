/** The evaluation form (/danh-gia) and its confirmation against the stub API. */
import { env } from '$env/dynamic/private';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import type { PublicDossier } from '$lib/types';
import { fakeEvent } from '../../test/event';
import { AGENCY, CRITERIA, CRITERION_NAMES as EVALUATION_CRITERIA, DETAIL } from '../../test/fixtures';
import { postEvent, problem, renderPage, runAction, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { actions, load } from './+page.server';
import Page from './+page.svelte';
import { load as doneLoad } from './da-gui/+page.server';
import DonePage from './da-gui/+page.svelte';

const OTHER = { ...AGENCY, id: 7, name: 'Sở Tư pháp' };
const DOSSIER_CODE = 'H40.01-260406-0042';
const DOSSIER: PublicDossier = {
	code: DOSSIER_CODE,
	procedure: { code: '2.000281', title: 'Cấp lại giấy phép xuất nhập cảnh' },
	agency: 'Sở Tư pháp',
	receiving_unit: null,
	channel: 'direct',
	applicant: 'Nguyễn V. A.',
	organisation: null,
	eforms: [],
	status: 'returned',
	status_label: 'Đã trả kết quả',
	received_at: '2026-04-06T08:00:00+07:00',
	promised_at: '2026-04-20',
	new_date: null,
	deadline: '2026-04-20',
	resolved_at: '2026-04-17T10:00:00+07:00',
	timeliness: 'early',
	agencies: ['Sở Tư pháp'],
	history: []
};

const api = useStubApi({
	'/api/v1/agencies/': (res) =>
		sendJson(res, 200, { count: 2, next: null, previous: null, results: [AGENCY, OTHER] }),
	'/api/v1/procedures/2.000281/': (res) => sendJson(res, 200, DETAIL),
	'/api/v1/satisfaction/criteria/': (res) => sendJson(res, 200, CRITERIA),
	[`/api/v1/dossiers/${DOSSIER_CODE}/`]: (res) =>
		sendJson(res, 200, { ...DOSSIER, completion_estimate: null }),
	'/api/v1/satisfaction/evaluations/': (res, _url, req) => {
		const body = JSON.parse(req.body) as Record<string, unknown>;
		const missing = EVALUATION_CRITERIA.filter((c) => !(c in body));
		if (!body.agency || missing.length > 0) {
			return problem(res, 400, {
				detail: "Vui lòng kiểm tra các trường được nêu trong 'errors'.",
				errors: {
					...(body.agency ? {} : { agency: ['Trường này là bắt buộc.'] }),
					...Object.fromEntries(missing.map((c) => [c, ['Trường này là bắt buộc.']]))
				}
			});
		}
		const total = EVALUATION_CRITERIA.reduce((n, c) => n + Number(body[c]), 0);
		sendJson(res, 201, { id: 1, created_at: '2026-04-20T08:00:00+07:00', total, grade: total >= 17 ? 'rat_tot' : 'dat', grade_label: 'x', replaced: false });
	}
});

const ALL_TWO = Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, '2']));
const KEY = '0f8e1d2c-3b4a-4596-8877-665544332211';

describe('evaluation form', () => {
	it('prefills the procedure (its agencies first) from ?thu-tuc=', async () => {
		const data = (await runLoad(load, fakeEvent('/danh-gia?thu-tuc=2.000281'))) as Awaited<ReturnType<typeof load>>;
		expect(data.procedure).toEqual({ code: '2.000281', name: DETAIL.name });
		expect(data.values.agency).toBe('2');
		expect(data.agencies.filter((a) => a.own).map((a) => a.id)).toEqual([2]);
		const { body } = renderPage(Page, data);
		expect(body).toContain('<optgroup label="Cơ quan thực hiện thủ tục này">');
		expect(body).toMatch(/<option value="2" selected="">/);
		expect(body).toContain('value="2.000281"');
		// nine fieldsets of three radios, each labelled with what the points mean
		expect(body.match(/type="radio"/g)).toHaveLength(27);
		expect(body).toContain('<legend>Thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết');
		expect(body).toMatch(/<label for="f-attitude-2">Lịch sự, tận tình <span class="points[^"]*">\(2 điểm\)<\/span><\/label>/);
		expect(body).not.toContain('error-summary');
	});

	it('prefills the dossier and its agency from ?ho-so=', async () => {
		const data = (await runLoad(load, fakeEvent(`/danh-gia?ho-so=${DOSSIER_CODE}`))) as Awaited<ReturnType<typeof load>>;
		expect(data.values).toMatchObject({ agency: '7', dossier_code: DOSSIER_CODE, procedure: '2.000281' });
		expect(textOf(renderPage(Page, data).body)).toContain(`Hồ sơ ${DOSSIER_CODE} tại Sở Tư pháp.`);
	});

	it('says when the dossier is unknown, and still lets one rate', async () => {
		const data = (await runLoad(load, fakeEvent('/danh-gia?ho-so=H40.01-260406-9999'))) as Awaited<ReturnType<typeof load>>;
		expect(data.dossierMissing).toBe('H40.01-260406-9999');
		expect(data.values.agency).toBe('');
		expect(textOf(renderPage(Page, data).body)).toContain('Không tìm thấy hồ sơ mã “H40.01-260406-9999”');
	});

	it('posts the scores as JSON with the Idempotency-Key and shows total and grade', async () => {
		const result = await runAction(
			actions.default,
			postEvent('/danh-gia', { ...ALL_TWO, agency: '7', procedure: '2.000281', dossier_code: DOSSIER_CODE, idempotency_key: KEY })
		);
		expect(isRedirect(result)).toBe(true);
		expect((result as { location: string }).location).toBe('/danh-gia/da-gui?diem=18&xep-loai=rat_tot');
		const req = api.requests[0]!;
		expect(req.headers['idempotency-key']).toBe(KEY);
		expect(JSON.parse(req.body)).toEqual({ agency: 7, procedure: '2.000281', dossier_code: DOSSIER_CODE, ...Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, 2])) });

		const done = doneLoad(fakeEvent('/danh-gia/da-gui?diem=18&xep-loai=rat_tot') as never);
		expect(textOf(renderPage(DonePage, done).body)).toContain('Tổng điểm: 18/18. Xếp loại: Rất tốt.');
	});

	it('shows the API’s field errors in a summary linked to each field, keeping the answers', async () => {
		const { attitude: _, ...eight } = ALL_TWO;
		const result = await runAction(actions.default, postEvent('/danh-gia', { ...eight, agency: '', idempotency_key: KEY }));
		expect(isActionFailure(result)).toBe(true);
		const failure = result as { status: number; data: { values: { scores: Record<string, string> }; errors: Record<string, string[]> } };
		expect(failure.status).toBe(400);
		expect(failure.data.errors).toEqual({ agency: ['Trường này là bắt buộc.'], attitude: ['Trường này là bắt buộc.'] });
		const data = (await runLoad(load, fakeEvent('/danh-gia'))) as Awaited<ReturnType<typeof load>>;
		const { body } = renderPage(Page, data, failure.data);
		expect(body).toMatch(/class="error-summary[^"]*" role="alert" tabindex="-1" autofocus/);
		expect(body).toContain('href="#f-agency"');
		expect(body).toContain('href="#f-attitude-2"');
		expect(body).toContain('id="f-attitude-error"');
		expect(body).toMatch(/aria-describedby="f-attitude-error"/);
		expect(body).toMatch(/id="f-total_time-2" name="total_time" value="2" checked=""/);
	});

	it('keeps the answers when the API is down, and the page is a 503 when it cannot load', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		const result = (await runAction(actions.default, postEvent('/danh-gia', { ...ALL_TWO, agency: '7', idempotency_key: KEY }))) as { status: number; data: { values: { agency: string }; message: string } };
		expect(result.status).toBe(503);
		expect(result.data.values.agency).toBe('7');
		expect(result.data.message).toBe('Hệ thống chưa nhận được. Vui lòng thử lại sau ít phút.');
		const failed = (await runLoad(load, fakeEvent('/danh-gia'))) as { status: number };
		expect(failed.status).toBe(503);
	});
});
