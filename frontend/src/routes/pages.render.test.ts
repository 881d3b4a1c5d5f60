/** Server-side renders of the pages, checked for what a visitor reads. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import HomePage from './+page.svelte';
import SearchPage from './tim-kiem/+page.svelte';
import { load as searchLoad } from './tim-kiem/+page.server';

type SearchEvent = Parameters<typeof searchLoad>[0];

describe('home page', () => {
	it('shows the name as the heading and the counts with Vietnamese labels', () => {
		const { body, head } = render(HomePage, {
			props: {
				data: {
					summary: {
						name: 'Cổng dịch vụ hành chính công',
						counts: { procedures: 1571, fields: 10, agencies: 20, petitions: 0 }
					}
				},
				params: {},
				form: undefined
			}
		});
		expect(body).toMatch(/<h1[^>]*>Cổng dịch vụ hành chính công<\/h1>/);
		const pairs = [...body.matchAll(/<dt[^>]*>(.*?)<\/dt>\s*<dd[^>]*>(.*?)<\/dd>/g)].map((m) => [
			m[1],
			m[2]
		]);
		expect(pairs).toEqual([
			['Thủ tục hành chính', '1.571'],
			['Lĩnh vực', '10'],
			['Cơ quan', '20'],
			['Phản ánh, kiến nghị', '0']
		]);
		expect(body).toContain('action="/tim-kiem"');
		expect(body).toMatch(/<label[^>]*>Tìm thủ tục hành chính<\/label>/);
		expect(head).toContain('<title>Cổng dịch vụ hành chính công</title>');
	});
});

describe('search placeholder page', () => {
	it('trims the query and caps its length', () => {
		const long = 'a'.repeat(500);
		const q = (search: string) =>
			searchLoad({ url: new URL(`http://localhost/tim-kiem?${search}`) } as SearchEvent);
		expect(q('q=%20%C4%91%C4%83ng+k%C3%BD+khai+sinh%20')).toEqual({ q: 'đăng ký khai sinh' });
		expect(q('')).toEqual({ q: '' });
		expect(q(`q=${long}`)).toEqual({ q: 'a'.repeat(200) });
	});

	it('echoes the query escaped, never as markup', () => {
		const { body } = render(SearchPage, {
			props: { data: { q: '<script>alert("x")</script>' }, params: {}, form: undefined }
		});
		expect(body).not.toContain('<script>alert');
		expect(body).toContain('&lt;script>alert("x")&lt;/script>');
		expect(body).toContain('đang được xây dựng');
		// The box keeps the query so it can be corrected.
		expect(body).toMatch(/value="&lt;script>alert\(&quot;x&quot;\)&lt;\/script>"/);
	});
});
