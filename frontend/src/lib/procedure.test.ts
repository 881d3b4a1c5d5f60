import { describe, expect, it } from 'vitest';
import { DETAIL } from '../test/fixtures';
import {
	agenciesWithRoles,
	formatAmount,
	formatDate,
	groupChannels,
	jsonLdScript,
	lines,
	metaDescription,
	truncate
} from './procedure';

describe('jsonLdScript', () => {
	it('cannot be closed early by a value, and still parses to the same object', () => {
		const html = jsonLdScript(DETAIL.json_ld);
		const inner = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
		expect(html.startsWith('<script type="application/ld+json">{')).toBe(true);
		expect(inner).not.toMatch(/<|>|&|\u2028/);
		expect(inner).toContain('\\u003c/script\\u003e');
		expect(JSON.parse(inner)).toEqual(DETAIL.json_ld);
	});
});

describe('procedure helpers', () => {
	it('splits plain text into lines without blanks', () => {
		expect(lines(' a \n\n b\r\nc\n')).toEqual(['a', 'b', 'c']);
		expect(lines('')).toEqual([]);
	});

	it('lists an agency once with all its roles', () => {
		const agencies = agenciesWithRoles(DETAIL.agencies);
		expect(agencies).toHaveLength(1);
		expect(agencies[0]?.roles).toEqual(['Cơ quan thực hiện', 'Cơ quan có thẩm quyền']);
	});

	it('groups channels sharing a value', () => {
		expect(groupChannels(DETAIL.channels, (c) => c.fees)).toHaveLength(1);
		expect(groupChannels(DETAIL.channels, (c) => c.time_text)).toEqual([
			{ labels: ['Trực tuyến'], value: '5 Ngày làm việc' },
			{ labels: ['Trực tiếp'], value: '7 Ngày làm việc' }
		]);
	});

	it('formats amounts and dates the Vietnamese way', () => {
		expect(formatAmount(200000, 'VND', 'vi-VN')).toBe('200.000 đồng');
		expect(formatAmount(1500, 'USD', 'en-GB')).toBe('1,500 USD');
		expect(formatDate('2019-11-22', 'vi-VN')).toBe('22/11/2019');
		expect(formatDate('2026-11-26T23:30:00+07:00', 'vi-VN')).toBe('26/11/2026');
		expect(formatDate('', 'vi-VN')).toBe('');
	});

	it('cuts long text at a word', () => {
		expect(truncate('một hai ba bốn', 100)).toBe('một hai ba bốn');
		expect(truncate('một hai ba bốn năm sáu', 12)).toBe('một hai ba…');
	});

	it('describes a procedure in at most 160 characters', () => {
		const text = metaDescription(DETAIL);
		expect(text.length).toBeLessThanOrEqual(160);
		expect(text).toMatch(/^Cấp lại giấy phép xuất nhập cảnh\. Lĩnh vực: Quản lý xuất nhập cảnh\./);
	});
});
