/** Server-side renders of the pages, checked for what a visitor (or a crawler) reads. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { i18nContext, type Lang } from '$lib/i18n';
import type { Channel, SearchResponse } from '$lib/types';
import { AGENCY, COMPLETION, DETAIL, FIELDS, HO_TICH, LIFE_EVENTS, SEARCH, SUMMARY } from '../test/fixtures';
import HomePage from './+page.svelte';
import AgencyPage from './co-quan/[id]/+page.svelte';
import FieldPage from './linh-vuc/[slug]/+page.svelte';
import FieldsPage from './linh-vuc/+page.svelte';
import ProcedurePage from './thu-tuc/[code]/+page.svelte';
import SearchPage from './tim-kiem/+page.svelte';
import StatementPage from './tuyen-bo-tiep-can/+page.svelte';

/** Visible text of some HTML, tags dropped and whitespace folded. */
const text = (html: string) =>
	html
		.replace(/<!--.*?-->/gs, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
const headings = (html: string) =>
	[...html.matchAll(/<h([1-4])[^>]*>(.*?)<\/h\1>/gs)].map((m) => `h${m[1]} ${text(m[2] ?? '')}`);

// Svelte's render is typed per component; the pages' data types come from their loads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function page(component: any, data: Record<string, unknown>, lang: Lang = 'vi') {
	return render(component, {
		props: { data: { lang, ...data }, params: {}, form: undefined },
		context: i18nContext(lang)
	}) as { head: string; body: string };
}

describe('home page', () => {
	const data = {
		summary: { ...SUMMARY, counts: { ...SUMMARY.counts, procedures: 1571, petitions: 0 } },
		popular: HO_TICH.slice(0, 3),
		fields: FIELDS.slice(0, 2),
		lifeEvents: LIFE_EVENTS,
		agencies: [AGENCY]
	};

	it('leads with the name, the search box, the most used procedures and ways to browse', () => {
		const { body, head } = page(HomePage, data);
		expect(headings(body)).toEqual([
			'h1 Cổng dịch vụ hành chính công',
			'h2 Thủ tục được quan tâm nhiều',
			'h3 Thủ tục hộ tịch số 1',
			'h3 Thủ tục hộ tịch số 2',
			'h3 Thủ tục hộ tịch số 3',
			'h2 Tra cứu theo sự kiện',
			'h2 Tra cứu theo lĩnh vực',
			'h2 Tra cứu theo cơ quan',
			'h2 Số liệu công khai'
		]);
		expect(body).toContain('href="/thu-tuc/1.000001"');
		expect(body).toContain('href="/su-kien/khai-sinh"');
		expect(body).toContain('href="/linh-vuc/ho-tich"');
		expect(body).toContain('href="/co-quan/2"');
		const pairs = [...body.matchAll(/<dt[^>]*>(.*?)<\/dt>\s*<dd[^>]*>(.*?)<\/dd>/g)].map((m) => [
			m[1],
			m[2]
		]);
		expect(pairs).toEqual([
			['Thủ tục hành chính', '1.571'],
			['Lĩnh vực', '34'],
			['Cơ quan', '80'],
			['Phản ánh, kiến nghị', '0']
		]);
		expect(head).toContain('<title>Cổng dịch vụ hành chính công</title>');
	});

	it('renders the search box as a plain labelled GET form until JavaScript takes over', () => {
		const { body } = page(HomePage, data);
		expect(body).toMatch(/<form[^>]*role="search"[^>]*method="GET"[^>]*action="\/tim-kiem"/);
		expect(body).toMatch(/<label[^>]*for="([^"]+)-q"[^>]*>Tìm thủ tục hành chính<\/label>/);
		expect(body).toMatch(/<input[^>]*name="q"[^>]*aria-describedby="[^"]+-hint"/);
		// No combobox roles without the script that makes them true.
		expect(body).not.toContain('role="combobox"');
		expect(body).not.toContain('role="listbox"');
	});

	it('says so when a browse section could not be loaded', () => {
		const { body } = page(HomePage, { ...data, popular: null, fields: null });
		expect(body).toContain('Chưa tải được mục này');
		expect(body).not.toContain('Tra cứu theo lĩnh vực');
	});

	it('speaks English when asked, keeping procedure names Vietnamese', () => {
		const { body } = page(HomePage, data, 'en');
		expect(body).toContain('Most used procedures');
		expect(body).toContain('Search administrative procedures');
		expect(body).toMatch(/<h3[^>]*lang="vi"[^>]*><a href="\/thu-tuc\/1.000001">Thủ tục hộ tịch số 1/);
	});
});

describe('search page', () => {
	const noFilters = { field: [], agency: [], level: [], online: [], has_fee: [] };
	const results = (search: Partial<SearchResponse> = {}, filters = {}) =>
		page(SearchPage, {
			q: 'khai sinh',
			filters: { ...noFilters, ...filters },
			page: 1,
			invalid: false,
			search: { ...SEARCH, ...search }
		});

	it('shows hits with highlighted snippets, and names escaped', () => {
		const { body, head } = results();
		expect(head).toContain('<title>Kết quả tìm kiếm “khai sinh”</title>');
		expect(head).toContain('<meta name="robots" content="noindex"/>');
		expect(body).toContain('Tìm thấy 25 thủ tục cho “khai sinh”.');
		expect(body).toContain('Thủ tục <mark>đăng ký khai sinh</mark> cho trẻ &lt;6 tuổi');
		// The name is text, not markup; only snippets carry <mark>.
		expect(body).toContain('Đăng ký lại khai sinh &lt;b>cũ&lt;/b>');
		expect(body).toContain('href="/thu-tuc/1.001193"');
		expect(body).toContain('Dịch vụ công trực tuyến toàn trình');
	});

	it('offers facets with counts as a GET form keeping the query, with chosen values ticked', () => {
		const { body } = results({}, { field: ['ho-tich'], has_fee: ['true'] });
		const form = body.slice(body.indexOf('Lọc kết quả'));
		expect(form).toMatch(/<form method="GET" action="\/tim-kiem">/);
		expect(form).toContain('<input type="hidden" name="q" value="khai sinh"/>');
		expect(form).toMatch(/<legend[^>]*>Lĩnh vực<\/legend>/);
		expect(form).toMatch(/name="field" value="ho-tich" checked/);
		expect(form).not.toMatch(/name="field" value="chung-thuc" checked/);
		expect(form).toMatch(/name="has_fee" value="true" checked/);
		expect(text(form)).toContain('Hộ tịch (20)');
		expect(form).toContain('href="/tim-kiem?q=khai+sinh"');
		// Chosen filters keep the fold open; without any it starts closed (results first on a phone).
		expect(form).toMatch(/<details [^>]*open=""/);
		expect(results().body).toMatch(/<details[^>]*>\s*<summary[^>]*>Chọn bộ lọc<\/summary>/);
		expect(results().body).not.toMatch(/<details [^>]*open=""/);
	});

	it('links pages keeping the query and filters', () => {
		const { body } = results({ count: 25, page: 2, page_size: 10 }, { level: ['xa'] });
		expect(body).toMatch(/<nav[^>]*aria-label="Phân trang"/);
		expect(body).toContain('href="/tim-kiem?q=khai+sinh&amp;level=xa"');
		expect(body).toContain('href="/tim-kiem?q=khai+sinh&amp;level=xa&amp;page=3"');
		expect(body).toMatch(/aria-current="page"[^>]*>2</);
	});

	it('offers "did you mean" and warns when search is degraded', () => {
		const { body } = results({ suggestion: 'khai sinh', degraded: true });
		expect(text(body)).toContain('Có phải bạn muốn tìm: khai sinh');
		expect(body).toContain('href="/tim-kiem?q=khai+sinh"');
		expect(body).toContain('chế độ rút gọn');
	});

	it('points to a petition when nothing fits', () => {
		const { body } = results({ count: 0, results: [], facets: {} });
		expect(body).toContain('Không tìm thấy thủ tục phù hợp.');
		expect(body).toContain('href="/phan-anh/gui"');
		expect(body).toContain('Gửi phản ánh, kiến nghị');
	});

	it('links a rejected request’s message to the search box', () => {
		const { body } = page(SearchPage, {
			q: 'a',
			filters: noFilters,
			page: 1,
			invalid: true,
			search: null
		});
		expect(body).toMatch(/id="search-error" role="alert"/);
		expect(body).toMatch(/<input[^>]*aria-describedby="[^"]+-hint search-error"/);
	});

	it('echoes the query escaped, never as markup', () => {
		const { body, head } = page(SearchPage, {
			q: '<script>alert("x")</script>',
			filters: noFilters,
			page: 1,
			invalid: false,
			search: { ...SEARCH, count: 0, results: [] }
		});
		expect(body + head).not.toContain('<script>alert');
		expect(body).toMatch(/value="&lt;script>alert\(&quot;x&quot;\)&lt;\/script>"/);
	});
});

describe('procedure page', () => {
	const data = { procedure: DETAIL, canonical: 'https://dvc.example.gov.vn/thu-tuc/2.000281' };

	it('puts every part in the order people look for it', () => {
		const { body } = page(ProcedurePage, data);
		expect(headings(body).filter((h) => h.startsWith('h1') || h.startsWith('h2'))).toEqual([
			'h1 Cấp lại giấy phép xuất nhập cảnh',
			'h2 Tóm tắt',
			'h2 Trên trang này',
			'h2 Kết quả nhận được',
			'h2 Ai được thực hiện',
			'h2 Yêu cầu, điều kiện',
			'h2 Nộp hồ sơ ở đâu',
			'h2 Thời hạn giải quyết',
			'h2 Phí, lệ phí',
			'h2 Thành phần hồ sơ',
			'h2 Trình tự thực hiện',
			'h2 Căn cứ pháp lý',
			'h2 Cơ quan giải quyết',
			'h2 Thủ tục liên quan',
			'h2 Thông tin khác',
			'h2 Lịch sử thay đổi',
			'h2 Ý kiến của bạn'
		]);
	});

	it('shows how long dossiers really took, overall and per agency, only with figures', () => {
		const withFigures = text(page(ProcedurePage, { ...data, completion: COMPLETION }).body);
		expect(withFigures).toContain('Thời gian giải quyết thực tế');
		expect(withFigures).toContain('Phần lớn hồ sơ như của bạn hoàn thành trong 3–5 ngày làm việc.');
		expect(withFigures).toContain('tính trên 120 hồ sơ đã giải quyết từ 03/12/2025 đến 02/12/2026');
		expect(withFigures).toContain('Công an xã Hòa An 4–7 ngày làm việc 25');
		const none = { ...COMPLETION, overall: null, agencies: [] };
		for (const completion of [none, null]) {
			const plain = text(page(ProcedurePage, { ...data, completion }).body);
			expect(plain).not.toContain('Thời gian giải quyết thực tế');
			expect(plain).not.toContain('Phần lớn hồ sơ');
		}
	});

	it('shows times per channel, the fee once, forms to download and the steps', () => {
		const { body } = page(ProcedurePage, data);
		const plain = text(body);
		expect(plain).toContain('Trực tuyến: 5 ngày làm việc; Trực tiếp: 7 ngày làm việc');
		// Once in the summary, once in the fee section (the same for both channels).
		expect(plain.match(/200\.000 đồng/g)).toHaveLength(2);
		expect(body).toMatch(
			/<a class="form[^"]*" href="https:\/\/api.example.gov.vn\/documents\/12\/NC14.pdf" download/
		);
		expect(plain).toContain('Tải mẫu NC14.pdf có tệp tải về');
		expect(plain).toContain('Mẫu đơn, tờ khai: Mau-anh.doc Xem mẫu trên Cổng Dịch vụ công quốc gia chỉ có liên kết');
		expect(body).toContain('<a href="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc" rel="external">Xem mẫu');
		expect(body).toMatch(/<li[^>]*>(<!--\w+-->)?<p>Cán bộ kiểm tra hồ sơ.<br>Trả giấy biên nhận.<\/p>/);
		expect(plain).toContain('49/2019/QH14 — Luật Xuất cảnh, nhập cảnh của công dân Việt Nam (ban hành ngày 22/11/2019)');
		expect(plain).toContain('Dịch vụ công trực tuyến một phần');
		expect(body).toContain('href="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc"');
	});

	it('shows a time the source gives without a unit with its unit or in words, never bare', () => {
		// 1.001193 as the API serves it: the cell says "1", the unit comes from the steps
		// for two channels and is unknown for the third.
		const [online, direct] = DETAIL.channels as [Channel, Channel];
		const bare = { processing_time: 1, time_text: '1', time_unit: '' };
		const procedure = {
			...DETAIL,
			channels: [
				{ ...online, ...bare, time_unit: 'ngày làm việc', time_unit_basis: 'steps', time_label: '1 ngày làm việc' },
				{ ...direct, ...bare, time_unit_basis: '', time_label: 'Không ghi rõ đơn vị — 1' }
			]
		};
		const { body } = page(ProcedurePage, { ...data, procedure });
		const cells = [...body.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => text(m[1] ?? ''));
		expect(cells).toContain('1 ngày làm việc');
		expect(cells).toContain('Không ghi rõ đơn vị — 1');
		expect(cells.filter((c) => /^\d+$/.test(c))).toEqual([]);
		expect(text(body)).toContain('Trực tuyến: 1 ngày làm việc; Trực tiếp: Không ghi rõ đơn vị — 1');
	});

	it('shows each fee once: its name, amount, note and exemptions, never "Miễn phí — Miễn phí"', () => {
		const [online, direct] = DETAIL.channels as [Channel, Channel];
		const free = { amount: 0, currency: 'VND', label: '', description: '', is_free: true, exemptions: '' };
		const fee = {
			amount: 400000,
			currency: 'VND',
			label: 'Lệ phí',
			description: '/trường hợp.',
			is_free: false,
			exemptions: 'Miễn lệ phí cho người thuộc hộ nghèo.'
		};
		const procedure = {
			...DETAIL,
			channels: [
				{ ...online, fees: [free] },
				{ ...direct, fees: [fee] }
			]
		};
		const { body } = page(ProcedurePage, { ...data, procedure });
		const plain = text(body);
		const section = plain.slice(plain.indexOf('Phí, lệ phí Trực tuyến'));
		expect(section).toContain('Trực tuyến Miễn phí Trực tiếp');
		expect(section).toContain('Lệ phí: 400.000 đồng /trường hợp. Miễn, giảm: Miễn lệ phí cho người thuộc hộ nghèo.');
		// "/trường hợp" follows the amount with no space between them
		expect(body).toMatch(/<strong>400\.000 đồng<\/strong>(<!--[^>]*-->)*<span lang="vi">\/trường hợp\.<\/span>/);
		expect(plain).not.toContain('Miễn phí — Miễn phí');
	});

	it('puts the forms to fill in first and folds the cases and notes (1.001193)', () => {
		// The birth registration's dossier as imported: the tờ khai came after 19 notes.
		const row = (name: string, originals: number, extra = {}) => ({
			name,
			originals,
			copies: 0,
			form_name: '',
			form_url: null,
			form_has_file: false,
			form_source_url: null,
			notes: '',
			...extra
		});
		const dossier = [
			{
				case: 'Giấy tờ phải nộp',
				components: [
					row('Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi.', 1),
					row('Văn bản ủy quyền (được chứng thực) trong trường hợp ủy quyền.', 1),
					row('Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng.', 1)
				]
			},
			{
				case: 'Giấy tờ phải xuất trình',
				components: [row('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước.', 1)]
			},
			{
				case: 'Lưu ý',
				components: Array.from({ length: 19 }, (_, i) => row(`Lưu ý số ${i + 1}.`, 0))
			},
			{
				case: '',
				components: [
					row('Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình.', 0),
					row('Tờ khai đăng ký khai sinh theo mẫu (nếu nộp trực tiếp).', 1),
					row('Mẫu hộ tịch điện tử tương tác đăng ký khai sinh.', 1)
				]
			},
			{ case: 'Trường hợp cấp lại', components: [row('Đơn đề nghị cấp lại.', 1)] }
		];
		const procedure = { ...DETAIL, dossier, source_url: 'https://dichvucong.gov.vn/p/1.001193' };
		const { body } = page(ProcedurePage, { ...data, procedure });
		const section = body.slice(
			body.lastIndexOf('<section', body.indexOf('id="ho-so"')),
			body.lastIndexOf('<section', body.indexOf('id="trinh-tu"'))
		);
		const plain = text(section);
		expect(headings(section)).toEqual([
			'h2 Thành phần hồ sơ',
			'h3 Mẫu đơn, tờ khai cần điền',
			'h3 Giấy tờ phải nộp',
			'h3 Giấy tờ phải xuất trình'
		]);
		// The tờ khai opens the list, linked to the national portal (no file yet).
		expect(plain).toMatch(/^Thành phần hồ sơ Mẫu đơn, tờ khai cần điền Tờ khai đăng ký khai sinh/);
		expect(section).toContain('href="https://dichvucong.gov.vn/p/1.001193" rel="external"');
		const [open, folded] = [
			section.slice(0, section.indexOf('<details')),
			section.slice(section.indexOf('<details'))
		];
		expect(text(open)).toContain('Giấy chứng sinh');
		expect(text(open)).not.toContain('Trường hợp trẻ em bị bỏ rơi');
		expect(text(open)).not.toContain('Lưu ý số');
		expect(text(folded)).toContain('Giấy tờ trong từng trường hợp riêng (1) Trường hợp trẻ em bị bỏ rơi');
		expect(text(folded)).toContain('Trường hợp cấp lại (1 giấy tờ) Đơn đề nghị cấp lại.');
		expect(text(folded)).toContain('Lưu ý về hồ sơ (20)');
		expect(section).not.toMatch(/<details[^>]* open/);
		// Nothing is lost: every paper is on the page once.
		for (const group of dossier) {
			for (const item of group.components) {
				expect(section.split(item.name.replace(/&/g, '&amp;')).length - 1).toBe(1);
			}
		}
	});

	it('lists the agency once, with address, hours and a phone link', () => {
		const { body } = page(ProcedurePage, data);
		expect(body.match(/id="co-quan-2"/g)).toHaveLength(1);
		expect(text(body)).toContain('Cơ quan thực hiện, Cơ quan có thẩm quyền');
		expect(text(body)).toContain('Giờ làm việc Thứ Hai đến thứ Sáu, 7:30–17:00');
		expect(body).toContain('href="tel:02438231234"');
	});

	it('has one "Nộp hồ sơ trực tuyến" button, the right one', () => {
		const buttons = (body: string) =>
			[...body.matchAll(/<a class="button-link[^"]*" href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [
				m[1],
				m[2]
			]);
		const filingButtons = (body: string) =>
			buttons(body).filter(([, label]) => label?.startsWith('Nộp hồ sơ trực tuyến'));
		// Partial online service, filing not opened on this portal: the national portal's page.
		const national = page(ProcedurePage, data).body;
		expect(national).not.toContain('/nop-truc-tuyen/');
		expect(filingButtons(national)).toEqual([['https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc', 'Nộp hồ sơ trực tuyến']]);
		// Opened on this portal: its own form, and only that.
		const open = page(ProcedurePage, { ...data, procedure: { ...DETAIL, online_filing: true } }).body;
		expect(filingButtons(open)).toEqual([['/nop-truc-tuyen/2.000281', 'Nộp hồ sơ trực tuyến']]);
		// No online service: no button at all.
		const none = page(ProcedurePage, { ...data, procedure: { ...DETAIL, online_level: 'none' } }).body;
		expect(filingButtons(none)).toEqual([]);
	});

	it('opens with a summary card: what you get, where, how long, how much, what to bring', () => {
		const { body } = page(ProcedurePage, data);
		const card = body.slice(body.indexOf('<section class="summary'), body.indexOf('<nav class="toc'));
		const terms = [...card.matchAll(/<dt>(.*?)<\/dt>/g)].map((m) => text(m[1] ?? ''));
		expect(terms.slice(0, 5)).toEqual([
			'Bạn nhận được',
			'Nộp ở đâu',
			'Thời hạn giải quyết',
			'Phí, lệ phí',
			'Cần chuẩn bị'
		]);
		const plain = text(card);
		expect(plain).toContain('Bạn nhận được Giấy phép xuất nhập cảnh');
		expect(plain).toContain('Nộp ở đâu Ủy ban Nhân dân xã, phường, thị trấn');
		expect(plain).toContain('Cần chuẩn bị 2 giấy tờ: Tờ khai đề nghị cấp lại giấy phép xuất nhập cảnh');
		expect(card).toContain('href="#ho-so"');
		// The card comes before everything else of the procedure.
		expect(body.indexOf('<section class="summary')).toBeLessThan(body.indexOf('id="ket-qua"'));
	});

	it('folds long parts (many steps) under a summary that opens without JavaScript', () => {
		const steps = Array.from({ length: 9 }, (_, i) => `<p>Bước ${i + 1}: làm việc ${i + 1}.</p>`);
		const { body } = page(ProcedurePage, { ...data, procedure: { ...DETAIL, steps } });
		const section = body.slice(
			body.lastIndexOf('<section', body.indexOf('id="trinh-tu"')),
			body.lastIndexOf('<section', body.indexOf('id="can-cu"'))
		);
		expect(section).toMatch(/<details class="fold[^"]*"><summary[^>]*>Xem 9 bước thực hiện<\/summary>/);
		expect(text(section)).toContain('Bước 9: làm việc 9.');
		// Two short steps stay open.
		expect(page(ProcedurePage, data).body).not.toContain('bước thực hiện</summary>');
	});

	it('links rating and a petition about this procedure, and offers a print button', () => {
		const { body, head } = page(ProcedurePage, data);
		expect(body).toContain('href="/danh-gia?thu-tuc=2.000281"');
		expect(body).toContain('href="/phan-anh/gui?procedure=2.000281"');
		expect(body).toContain('Trang này có hữu ích không?');
		// Hidden until /print.js (the page's only script) shows it.
		expect(body).toMatch(/<button type="button" class="print[^"]*" data-print="" hidden="">In trang<\/button>/);
		expect(head).toContain('<script src="/print.js" defer=""></script>');
	});

	it('gives search engines meta tags and JSON-LD that markup cannot break out of', () => {
		const { head } = page(ProcedurePage, data);
		expect(head).toContain('<title>Cấp lại giấy phép xuất nhập cảnh | Cổng dịch vụ hành chính công</title>');
		expect(head).toContain('<link rel="canonical" href="https://dvc.example.gov.vn/thu-tuc/2.000281"/>');
		expect(head).toContain('<meta property="og:title" content="Cấp lại giấy phép xuất nhập cảnh"/>');
		expect(head).toMatch(/<meta name="description" content="Cấp lại giấy phép xuất nhập cảnh\. Lĩnh vực/);
		const scripts = [...head.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)];
		expect(scripts).toHaveLength(1);
		expect(JSON.parse(scripts[0]?.[1] ?? '')).toEqual(DETAIL.json_ld);
		expect(head).not.toContain('<script>alert');
		expect(head).not.toContain('<!--  giấy');
	});

	it('marks a replaced procedure and links its successor', () => {
		const { body } = page(ProcedurePage, {
			...data,
			procedure: {
				...DETAIL,
				status: 'replaced',
				replaced_by: { code: '2.000999', name: 'Thủ tục mới', url: '' }
			}
		});
		expect(text(body)).toContain('Thủ tục này đã được thay thế bởi: Thủ tục mới');
		expect(body).toContain('href="/thu-tuc/2.000999"');
	});

	it('has English headings around Vietnamese content marked lang="vi"', () => {
		const { body } = page(ProcedurePage, data, 'en');
		expect(headings(body)).toContain('h2 How much it costs');
		expect(headings(body)).toContain('h2 Documents to submit');
		expect(body).toMatch(/<h1 lang="vi">Cấp lại giấy phép xuất nhập cảnh<\/h1>/);
		expect(body).toMatch(/<ol class="steps[^"]*" lang="vi">/);
	});
});

describe('browse pages', () => {
	it('lists fields with their counts', () => {
		const { body } = page(FieldsPage, { fields: FIELDS });
		expect(headings(body)[0]).toBe('h1 Lĩnh vực thủ tục hành chính');
		expect(text(body)).toContain('Hộ tịch 45 thủ tục');
		expect(body).toContain('href="/linh-vuc/chinh-sach"');
	});

	it('shows a field’s procedures with position and page links', () => {
		const { body } = page(FieldPage, {
			field: FIELDS[0],
			procedures: { count: 45, next: null, previous: null, results: HO_TICH.slice(20, 40) },
			page: 2,
			pageSize: 20
		});
		expect(headings(body).slice(0, 2)).toEqual(['h1 Hộ tịch', 'h2 Danh sách thủ tục']);
		expect(text(body)).toContain('Hiển thị 21–40 trên 45 thủ tục');
		expect(body).toContain('href="/linh-vuc/ho-tich"');
		expect(body).toContain('href="/linh-vuc/ho-tich?page=3"');
		expect(body).toMatch(/rel="prev"/);
	});

	it('shows how to reach an agency', () => {
		const { body } = page(AgencyPage, {
			agency: AGENCY,
			procedures: { count: 1, next: null, previous: null, results: HO_TICH.slice(0, 1) },
			page: 1,
			pageSize: 20,
			localProcedures: []
		});
		expect(text(body)).toContain('Địa chỉ 12 Trần Phú, phường Ba Đình');
		expect(body).toContain('href="mailto:motcua@example.gov.vn"');
		expect(body).not.toContain('aria-label="Phân trang"');
		expect(body).not.toContain('Danh mục thủ tục hành chính của tỉnh');
	});

	it("lists the province's procedures of a department, in the catalogue or not", () => {
		const row = {
			national_code: '2.000004',
			field: 'Xúc tiến thương mại',
			level: 'tinh',
			status: 'applies',
			status_label: 'Áp dụng tại tỉnh',
			announced_by: null,
			is_sample: true
		};
		const { body } = page(AgencyPage, {
			agency: AGENCY,
			procedures: { count: 0, next: null, previous: null, results: [] },
			page: 1,
			pageSize: 20,
			localProcedures: [
				{
					...row,
					code: '2.000004',
					name: 'Đăng ký hoạt động khuyến mại',
					url: 'http://127.0.0.1:3000/thu-tuc/2.000004',
					in_national_catalogue: true,
					time: '4 ngày làm việc',
					fee: ''
				},
				{
					...row,
					code: '1.013401',
					national_code: '1.013401',
					name: 'Cấp giấy phép hoạt động phát điện',
					url: '',
					in_national_catalogue: false,
					time: '14 ngày làm việc',
					fee: 'Theo quy định của Bộ Tài chính'
				}
			]
		});
		const all = text(body);
		expect(all).toContain('Danh mục thủ tục hành chính của tỉnh');
		expect(body).toContain('href="/thu-tuc/2.000004"');
		expect(all).toContain('Cấp giấy phép hoạt động phát điện (chưa có trong danh mục quốc gia');
		expect(all).toContain('như danh mục quốc gia');
		expect(all).toContain('Dữ liệu mẫu để trình diễn');
	});

	it('has an accessibility statement in both languages', () => {
		expect(headings(page(StatementPage, {}).body)[0]).toBe('h1 Tuyên bố về khả năng tiếp cận');
		expect(headings(page(StatementPage, {}, 'en').body)[0]).toBe('h1 Accessibility statement');
	});
});
