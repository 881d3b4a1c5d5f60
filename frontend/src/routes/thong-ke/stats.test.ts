/** The statistics page against the stub API, and the server-drawn bar chart. */
import { env } from '$env/dynamic/private';
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import BarChart from '$lib/components/BarChart.svelte';
import { periodGroups } from '$lib/stats';
import { messages } from '$lib/i18n';
import type { DossierStats, Index766, SatisfactionStats } from '$lib/types';
import { fakeEvent } from '../../test/event';
import { AGENCY, CRITERIA } from '../../test/fixtures';
import { problem, renderPage, runLoad, textOf } from '../../test/pages';
import { sendJson, useStubApi } from '../../test/stub-api';
import { load } from './+page.server';
import Page from './+page.svelte';

const mean = (value: number) => ({ value, ci95: [value - 0.1, value + 0.1] as [number, number] });
const SAT: SatisfactionStats = {
	period: '2026-Q1',
	agency: null,
	counter: { responses: 120, levels: { very_satisfied: 70, satisfied: 38, dissatisfied: 12 }, share_satisfied: { value: 0.9, ci95: [0.8333, 0.9421] } },
	evaluations: {
		responses: 40,
		max_points: 18,
		mean_total: mean(15.5),
		share_satisfied: { value: 0.75, ci95: [0.6, 0.86] },
		criteria: { total_time: mean(1.8), agency_time: mean(1.7), contacts: mean(1.9), agencies_contacted: mean(2), one_stop: mean(1.6), publicly_posted: mean(1.95), attitude: mean(1.85), feedback_handling: mean(1.5), online_quality: mean(1.2) },
		grades: { rat_tot: 10, tot: 20, dat: 8, khong_dat: 2 }
	},
	pages: { responses: 0, share_useful: { value: null, ci95: null } }
};
const DOS = (received: number, rate: number | null): DossierStats => ({
	period: '2026-Q1', agency: null, receiving_unit: null, received, received_new: received - 10, carried_over: 10, received_online: 600,
	resolved: 1500, resolved_early: 900, resolved_on_time: 571, resolved_late: 29, rejected: 3, withdrawn: 2,
	pending: received - 1505, pending_within: 60, pending_overdue: 6, on_time_rate: rate, online_share: 38.2,
	indicator_2_1: {
		id: '2.1', label: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (chỉ số 2.1, QĐ 766)',
		formula: '(Số hồ sơ đã xử lý trước hạn, đúng hạn + số hồ sơ đang xử lý trong hạn) ÷ tổng số hồ sơ tiếp nhận, xử lý trong kỳ × 100%.',
		source: 'Quyết định 766/QĐ-TTg ngày 23/6/2022, chỉ số 2.1',
		on_time: Math.round(received * 0.95), denominator: received, rate: received ? 95.01 : null
	}
});

type Row = Index766['groups'][number]['indicators'][number];
const row = (over: Partial<Row>): Row => ({
	id: '2.1', label: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', label_en: 'On time', points: 20,
	formula: 'Số hồ sơ xử lý đúng hạn ÷ số hồ sơ tiếp nhận', threshold: 100, status: 'computed', note: '',
	unit: '%', snapshot: false, numerator: 2, denominator: 4, value: 50, score: 10, has_data: true, ...over
});
const INDEX: Index766 = {
	period: '2026-Q1', agency: null, agency_name: null, as_of: '2026-03-31', source: 'Quyết định 766/QĐ-TTg',
	points: 100, measured_points: 26, score: 11, share: 42.31,
	groups: [
		{ id: '2', label: 'Tiến độ giải quyết', label_en: 'Progress', points: 20, measured_points: 20, score: 10, indicators: [
			row({}),
			row({ id: '2.2', label: 'Thời gian giải quyết trung bình', points: null, unit: 'ngày làm việc', numerator: null, denominator: null, value: 3.7, score: null })
		] },
		{ id: '5', label: 'Thanh toán trực tuyến', label_en: 'Online payment', points: 10, measured_points: 0, score: null, indicators: [
			row({ id: '3.6', label: 'Hồ sơ thanh toán trực tuyến', points: 6, status: 'no_data', note: 'Cổng chưa kết nối nền tảng thanh toán.', numerator: null, denominator: null, value: null, score: null, has_data: false })
		] }
	],
	units: [{ agency: 'H40.01', agency_name: 'UBND phường Bến Nghé', measured_points: 26, score: 11, share: 42.31 }]
};
const WARD = { ...AGENCY, id: 5, name: 'UBND phường Bến Nghé', code: 'H40.01' };
const DEPT = { ...AGENCY, id: 6, name: 'Sở Tư pháp', code: 'H40.02' };

const api = useStubApi({
	'/api/v1/agencies/': (res) => sendJson(res, 200, { count: 3, next: null, previous: null, results: [AGENCY, WARD, DEPT] }),
	'/api/v1/satisfaction/criteria/': (res) => sendJson(res, 200, CRITERIA),
	'/api/v1/stats/index-766/': (res, url) => sendJson(res, 200, { ...INDEX, period: url.searchParams.get('period') }),
	'/api/v1/stats/satisfaction/': (res, url) =>
		url.searchParams.get('agency') === '99'
			? problem(res, 400, { errors: { agency: ['Không có cơ quan “99”.'] } })
			: sendJson(res, 200, { ...SAT, period: url.searchParams.get('period') }),
	'/api/v1/stats/dossiers/': (res, url) => {
		const agency = url.searchParams.get('agency');
		if (agency === '99') return problem(res, 400, { errors: { agency: ['Không có cơ quan “99”.'] } });
		if (agency === '5') return sendJson(res, 200, DOS(200, 90));
		if (agency === '6') return sendJson(res, 200, DOS(0, null));
		sendJson(res, 200, DOS(1571, 98.07));
	}
});

type Data = Awaited<ReturnType<typeof load>>;

describe('bar chart', () => {
	it('draws one bar per row, as long as its value, with the same numbers in its table', () => {
		const rows = [
			{ label: 'Rất hài lòng', value: 70 },
			{ label: 'Hài lòng', value: 35 },
			{ label: 'Không hài lòng', value: 0 }
		];
		const { body } = render(BarChart, {
			props: { id: 'c', caption: 'Theo mức độ', rows, labelHeader: 'Mức', valueHeader: 'Số lượt', note: 'Xem bảng' }
		});
		const bars = [...body.matchAll(/<rect class="bar[^"]*" x="0" y="([\d.]+)" width="([\d.]+)" height="20" data-value="(\d+)"/g)];
		expect(bars.map((b) => Number(b[3]))).toEqual([70, 35, 0]);
		const widths = bars.map((b) => Number(b[2]));
		expect(widths[0]).toBe(550);
		expect(widths[1]).toBeCloseTo(275);
		expect(widths[2]).toBe(0);
		expect(body).toMatch(/<svg viewBox="0 0 640 142"[^>]*role="img" aria-labelledby="c-caption c-note"/);
		expect(body).toContain('<desc id="c-note">Xem bảng</desc>');
		const cells = [...body.matchAll(/<tr><th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
		expect(cells).toEqual([['Rất hài lòng', '70'], ['Hài lòng', '35'], ['Không hài lòng', '0']]);
	});

	it('uses the given maximum, so percentages and points share their scale', () => {
		const { body } = render(BarChart, {
			props: { id: 'p', caption: 'x', rows: [{ label: 'a', value: 50, text: '50 %' }], max: 100, labelHeader: 'a', valueHeader: 'b', note: 'n' }
		});
		expect(body).toMatch(/width="275" height="20" data-value="50"/);
		expect(body).toMatch(/<td[^>]*>50 %<\/td>/);
	});
});

describe('statistics page', () => {
	it('loads the province’s figures for the period and compares the agencies that receive dossiers', async () => {
		const data = (await runLoad(load, fakeEvent('/thong-ke?ky=2026-Q1'))) as Data;
		expect(data.period).toBe('2026-Q1');
		expect(data.agencyName).toBe('Toàn tỉnh');
		expect(api.requests.map((r) => r.path)).toEqual(expect.arrayContaining([
			'/api/v1/stats/satisfaction/?period=2026-Q1',
			'/api/v1/stats/dossiers/?period=2026-Q1',
			'/api/v1/stats/dossiers/?agency=5&period=2026-Q1',
			'/api/v1/stats/dossiers/?agency=6&period=2026-Q1'
		]));
		// the agency without a code is not compared; the one without dossiers is left out
		expect(data.comparison.map((c) => c.name)).toEqual(['UBND phường Bến Nghé']);

		const { body } = renderPage(Page, data);
		const text = textOf(body);
		expect(body).toMatch(/<form method="GET" class="filters[^"]*"/);
		expect(body).toMatch(/<option value="2026-Q1" selected="">Quý 1\/2026<\/option>/);
		expect(text).toContain('Toàn tỉnh, Quý 1/2026');
		expect(text).toContain('120 lượt đánh giá. Tỷ lệ hài lòng: 90%');
		expect(text).toContain('Hồ sơ tiếp nhận 1.571');
		expect(text).toContain('Tỷ lệ đúng hạn 98,1%');
		// Indicator 2.1 beside today's rate, with its formula and source.
		expect(text).toContain('Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (chỉ số 2.1, QĐ 766) 95% (1.492/1.571)');
		expect(text).toContain('Cách tính chỉ số 2.1');
		expect(text).toContain('Quyết định 766/QĐ-TTg ngày 23/6/2022, chỉ số 2.1');
		for (const id of ['counter', 'criteria', 'grades', 'outcomes', 'agencies']) {
			expect(body).toContain(`data-chart="${id}"`);
			expect(body).toContain(`data-table="${id}"`);
		}
		const counterBars = [...body.matchAll(/data-chart="counter"[\s\S]*?<\/svg>/g)][0]![0];
		expect([...counterBars.matchAll(/data-value="(\d+)"/g)].map((m) => m[1])).toEqual(['70', '38', '12']);
		expect(text).toContain('Giải quyết đúng hạn 571');
		expect(text).toContain('UBND phường Bến Nghé 90% (1.500/200)');
	});

	it('shows Decision 766’s index: points of the points measured, no data never as 0, the units', async () => {
		const data = (await runLoad(load, fakeEvent('/thong-ke?ky=2026-Q1'))) as Data;
		expect(api.requests.map((r) => r.path)).toContain('/api/v1/stats/index-766/?period=2026-Q1');
		const { body } = renderPage(Page, data);
		const text = textOf(body);
		expect(text).toContain('Đạt 11 trên 26 điểm đo được (chỉ số đầy đủ: 100 điểm)');
		expect(text).toContain('2.1. Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn 50% (2/4) 10/20 điểm');
		expect(text).toContain('2.2. Thời gian giải quyết trung bình 3,7 ngày làm việc không tính điểm');
		expect(text).toContain('3.6. Hồ sơ thanh toán trực tuyến Không có dữ liệu — / 6');
		expect(text).toContain('Cổng chưa kết nối nền tảng thanh toán.');
		for (const id of ['index766', 'index766-units']) expect(body).toContain(`data-chart="${id}"`);
		// The group without data has no bar (not a bar of 0).
		const bars = [...body.matchAll(/data-chart="index766"[\s\S]*?<\/svg>/g)][0]![0];
		expect([...bars.matchAll(/data-value="([\d.]+)"/g)].map((m) => m[1])).toEqual(['50']);
		expect(text).toContain('Thanh toán trực tuyến (tối đa 10 điểm) Không có dữ liệu');
	});

	it('shows one agency, says when the period is not valid, and when the API refuses', async () => {
		const data = (await runLoad(load, fakeEvent('/thong-ke?co-quan=5&ky=hom-qua'))) as Data;
		expect(data.periodInvalid).toBe(true);
		expect(data.period).toBe(String(new Date().getFullYear()));
		expect(data.agencyName).toBe('UBND phường Bến Nghé');
		expect(data.comparison).toEqual([]);
		expect(textOf(renderPage(Page, data).body)).toContain('Kỳ thống kê không hợp lệ.');
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const refused = (await runLoad(load, fakeEvent('/thong-ke?co-quan=99&ky=2026'))) as Data;
		expect(refused.satisfaction).toEqual({ data: null, error: 'Không có cơ quan “99”.' });
		expect(textOf(renderPage(Page, refused).body)).toContain('Không có cơ quan “99”.');
	});

	it('is a 503 when the API is down', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		env.PORTAL_API_URL = 'http://127.0.0.1:9';
		expect(((await runLoad(load, fakeEvent('/thong-ke'))) as { status: number }).status).toBe(503);
	});

	it('offers three years, six quarters and twelve months', () => {
		const groups = periodGroups(new Date(2026, 1, 15), messages.vi.stats);
		expect(groups.map((g) => g.options.length)).toEqual([3, 6, 12]);
		expect(groups[1]!.options.slice(0, 2).map((o) => o.value)).toEqual(['2026-Q1', '2025-Q4']);
		expect(groups[2]!.options[1]).toEqual({ value: '2026-01', label: 'Tháng 01/2026' });
	});
});
