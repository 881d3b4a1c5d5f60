/**
 * API answers for tests, shaped like the real API's (taken from the dev catalogue),
 * and a stub API that serves them with the real API's filters and error bodies.
 */
import type {
	Agency,
	Field,
	LifeEvent,
	Paginated,
	ProcedureDetail,
	ProcedureSummary,
	SearchResponse,
	Summary
} from '$lib/types';
import { sendJson, type Route } from './stub-api';

export const SUMMARY: Summary = {
	name: 'Cổng dịch vụ hành chính công',
	counts: { procedures: 432, fields: 34, agencies: 80, petitions: 57 }
};

export function summaryItem(code: string, name: string, extra: Partial<ProcedureSummary> = {}) {
	return {
		code,
		name,
		url: `http://127.0.0.1:3000/thu-tuc/${code}`,
		field: { name: 'Hộ tịch', slug: 'ho-tich' },
		levels: [{ slug: 'xa', label: 'Cấp xã' }],
		online_level: 'partial',
		online_level_label: 'Dịch vụ công trực tuyến một phần',
		has_fee: false,
		status: 'in_force',
		popularity: 10,
		last_published_at: '2026-11-26T11:11:23.011079+07:00',
		...extra
	} satisfies ProcedureSummary;
}

/** 45 procedures of the field "Hộ tịch": three pages of 20. */
export const HO_TICH: ProcedureSummary[] = Array.from({ length: 45 }, (_, i) =>
	summaryItem(`1.${String(i + 1).padStart(6, '0')}`, `Thủ tục hộ tịch số ${i + 1}`)
);

export const FIELDS: Field[] = [
	{ id: 2, name: 'Hộ tịch', slug: 'ho-tich', description: '', procedure_count: 45 },
	{ id: 8, name: 'Chính sách', slug: 'chinh-sach', description: '', procedure_count: 12 },
	{ id: 9, name: 'Trống', slug: 'trong', description: '', procedure_count: 0 }
];

export const AGENCY: Agency = {
	id: 2,
	name: 'Ủy ban Nhân dân xã, phường, thị trấn',
	short_name: '',
	code: null,
	level: 'xa',
	level_label: 'Cấp xã',
	parent: null,
	address: '12 Trần Phú, phường Ba Đình',
	phone: '024 3823 1234',
	email: 'motcua@example.gov.vn',
	opening_hours: 'Thứ Hai đến thứ Sáu, 7:30–17:00',
	map_url: 'https://maps.example.org/?q=ubnd',
	procedure_count: 45
};

export const LIFE_EVENTS: LifeEvent[] = [
	{ id: 1, name: 'Khai sinh', slug: 'khai-sinh', description: 'Khi em bé ra đời', procedure_count: 3 }
];

export const DETAIL: ProcedureDetail = {
	...summaryItem('2.000281', 'Cấp lại giấy phép xuất nhập cảnh', {
		field: { name: 'Quản lý xuất nhập cảnh', slug: 'xuat-nhap-canh' },
		levels: [{ slug: 'bo', label: 'Cấp bộ' }],
		has_fee: true
	}),
	title: 'Cấp lại giấy phép xuất nhập cảnh',
	status_label: 'Còn hiệu lực',
	procedure_kind: 'TTHC được luật giao quy định chi tiết',
	applicants: 'Người không quốc tịch\nCông dân Việt Nam\n',
	reception_address: 'Cục Quản lý xuất nhập cảnh: 44-46 Trần Phú, Ba Đình, Hà Nội.',
	steps: [
		'<p>Nộp hồ sơ tại Cục Quản lý xuất nhập cảnh.</p>',
		'<p>Cán bộ kiểm tra hồ sơ.<br>Trả giấy biên nhận.</p>'
	],
	channels: [
		{
			kind: 'online',
			kind_label: 'Trực tuyến',
			processing_time: 5,
			time_unit: 'ngày làm việc',
			time_text: '5 Ngày làm việc',
			fees: [
				{
					amount: 200000,
					currency: 'VND',
					description: '200.000đ/lần cấp.',
					is_free: false,
					exemptions: ''
				}
			],
			description: ''
		},
		{
			kind: 'direct',
			kind_label: 'Trực tiếp',
			processing_time: 7,
			time_unit: 'ngày làm việc',
			time_text: '7 Ngày làm việc',
			fees: [
				{
					amount: 200000,
					currency: 'VND',
					description: '200.000đ/lần cấp.',
					is_free: false,
					exemptions: ''
				}
			],
			description: ''
		}
	],
	dossier: [
		{
			case: 'Giấy tờ phải nộp',
			components: [
				{
					name: 'Tờ khai đề nghị cấp lại giấy phép xuất nhập cảnh (mẫu NC14).',
					originals: 1,
					copies: 0,
					form_name: 'NC14.pdf',
					form_url: 'https://api.example.gov.vn/documents/12/NC14.pdf',
					notes: ''
				},
				{
					name: '02 ảnh 4cm x 6cm.',
					originals: 2,
					copies: 0,
					form_name: 'Mau-anh.doc',
					form_url: null,
					notes: 'Phông nền trắng'
				}
			]
		}
	],
	requirements: '+ Có thẻ thường trú.\n+ Không có hộ chiếu.',
	results: [{ name: 'Giấy phép xuất nhập cảnh', code: 'KQ.1' }],
	legal_basis: [
		{
			title: 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam',
			number: '49/2019/QH14',
			issued: '2019-11-22',
			url: 'https://vbpl.example.vn/49-2019-QH14'
		},
		{ title: 'Thông tư quy định biểu mẫu', number: '31/2015/TT-BCA', issued: '', url: '' }
	],
	agencies: [
		{ ...AGENCY, role: 'implementing', role_label: 'Cơ quan thực hiện' },
		{ ...AGENCY, role: 'competent', role_label: 'Cơ quan có thẩm quyền' }
	],
	related_procedures: [
		{ code: '2.000282', name: 'Cấp giấy phép xuất nhập cảnh', url: 'http://x/thu-tuc/2.000282' }
	],
	related_text: '',
	life_events: LIFE_EVENTS,
	decision_number: '163/QĐ-BCA',
	replaced_by: null,
	online_filing: false,
	source_url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc',
	json_ld: {
		'@context': 'https://schema.org',
		'@type': 'GovernmentService',
		identifier: '2.000281',
		// A hostile value: it must not end the <script> element early.
		name: 'Cấp lại </script><script>alert(1)</script> <!-- giấy phép',
		description: 'a & b > c \u2028 d'
	}
};

export const SEARCH: SearchResponse = {
	count: 25,
	page: 1,
	page_size: 10,
	results: [
		{
			code: '1.001193',
			name: 'Đăng ký khai sinh',
			name_highlighted: 'Đăng ký <mark>khai sinh</mark>',
			url: 'http://127.0.0.1:3000/thu-tuc/1.001193',
			field: { name: 'Hộ tịch', slug: 'ho-tich' },
			levels: [{ slug: 'xa', label: 'Cấp xã' }],
			online_level: 'full',
			has_fee: false,
			snippet: 'Thủ tục <mark>đăng ký khai sinh</mark> cho trẻ &lt;6 tuổi'
		},
		{
			code: '1.004884',
			name: 'Đăng ký lại khai sinh <b>cũ</b>',
			name_highlighted: null,
			url: 'http://127.0.0.1:3000/thu-tuc/1.004884',
			field: null,
			levels: [],
			online_level: 'none',
			has_fee: true,
			snippet: '<mark>khai sinh</mark> lại'
		}
	],
	facets: {
		field: [
			{ value: 'ho-tich', label: 'Hộ tịch', count: 20 },
			{ value: 'chung-thuc', label: 'Chứng thực', count: 5 }
		],
		level: [{ value: 'xa', label: 'Cấp xã', count: 25 }],
		has_fee: [
			{ value: 'false', label: 'Miễn phí', count: 22 },
			{ value: 'true', label: 'Có thu phí', count: 3 }
		]
	},
	suggestion: null,
	degraded: false,
	redirect: null
};

const problem = (res: Parameters<Route>[0], status: number, title: string, detail: string) =>
	sendJson(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');

/** One page of `items` as DRF paginates them, or its 404 past the end. */
function paginate<T>(res: Parameters<Route>[0], url: URL, items: T[]): void {
	const size = Number(url.searchParams.get('page_size') ?? 20);
	const page = Number(url.searchParams.get('page') ?? 1);
	const results = items.slice((page - 1) * size, page * size);
	if (page > 1 && results.length === 0) {
		problem(res, 404, 'Không tìm thấy', 'Invalid page.');
		return;
	}
	const body: Paginated<T> = {
		count: items.length,
		next: page * size < items.length ? `http://api/?page=${page + 1}` : null,
		previous: page > 1 ? `http://api/?page=${page - 1}` : null,
		results
	};
	sendJson(res, 200, body);
}

/** The catalogue API with the fixtures above, filtering procedures like the real one. */
export function catalogueRoutes(): Record<string, Route> {
	return {
		'/api/v1/summary/': (res) => sendJson(res, 200, SUMMARY),
		'/api/v1/fields/': (res) => sendJson(res, 200, FIELDS),
		'/api/v1/fields/ho-tich/': (res) => sendJson(res, 200, FIELDS[0]),
		'/api/v1/life-events/': (res) => sendJson(res, 200, LIFE_EVENTS),
		'/api/v1/life-events/khai-sinh/': (res) => sendJson(res, 200, LIFE_EVENTS[0]),
		'/api/v1/agencies/': (res, url) => paginate(res, url, [AGENCY]),
		'/api/v1/agencies/2/': (res) => sendJson(res, 200, AGENCY),
		'/api/v1/procedures/2.000281/': (res) => sendJson(res, 200, DETAIL),
		'/api/v1/procedures/': (res, url) => {
			const field = url.searchParams.get('field');
			const lifeEvent = url.searchParams.get('life_event');
			if (field && !FIELDS.some((f) => f.slug === field)) {
				problem(res, 400, 'Dữ liệu không hợp lệ', 'field');
			} else if (lifeEvent && !LIFE_EVENTS.some((e) => e.slug === lifeEvent)) {
				problem(res, 400, 'Dữ liệu không hợp lệ', 'life_event');
			} else if (field === 'chinh-sach') {
				paginate(res, url, []);
			} else {
				paginate(res, url, HO_TICH);
			}
		}
	};
}
