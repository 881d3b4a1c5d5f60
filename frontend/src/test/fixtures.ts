/**
 * API answers for tests, shaped like the real API's (taken from the dev catalogue),
 * and a stub API that serves them with the real API's filters and error bodies.
 */
import type {
	Agency,
	CompletionTime,
	EvaluationForm,
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
		name_en: '',
		url: `http://127.0.0.1:3000/thu-tuc/${code}`,
		field: { name: 'Hộ tịch', name_en: 'Civil status', slug: 'ho-tich' },
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
	{ id: 2, name: 'Hộ tịch', name_en: 'Civil status', slug: 'ho-tich', description: '', procedure_count: 45 },
	{ id: 8, name: 'Chính sách', name_en: '', slug: 'chinh-sach', description: '', procedure_count: 12 },
	{ id: 9, name: 'Trống', name_en: '', slug: 'trong', description: '', procedure_count: 0 }
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
		field: { name: 'Quản lý xuất nhập cảnh', name_en: '', slug: 'xuat-nhap-canh' },
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
			time_unit_basis: 'stated',
			time_text: '5 Ngày làm việc',
			time_label: '5 ngày làm việc',
			fees: [
				{
					amount: 200000,
					currency: 'VND',
					label: '',
					description: '/lần cấp.',
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
			time_unit_basis: 'stated',
			time_text: '7 Ngày làm việc',
			time_label: '7 ngày làm việc',
			fees: [
				{
					amount: 200000,
					currency: 'VND',
					label: '',
					description: '/lần cấp.',
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
					form_has_file: true,
					form_source_url: null,
					notes: ''
				},
				{
					name: '02 ảnh 4cm x 6cm.',
					originals: 2,
					copies: 0,
					form_name: 'Mau-anh.doc',
					form_url: null,
					form_has_file: false,
					form_source_url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc',
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
			field: { name: 'Hộ tịch', name_en: 'Civil status', slug: 'ho-tich' },
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
/** `GET /procedures/2.000281/completion-time/`: figures overall and at two agencies. */
export const COMPLETION: CompletionTime = {
	procedure: '2.000281',
	minimum_dossiers: 20,
	period_start: '2025-12-03',
	period_end: '2026-12-02',
	overall: {
		median_days: 3,
		p90_days: 5,
		count: 120,
		period_start: '2025-12-03',
		period_end: '2026-12-02'
	},
	agencies: [
		{
			agency: { id: 2, code: 'H40.01', name: 'Công an tỉnh' },
			median_days: 3,
			p90_days: 4,
			count: 90,
			period_start: '2025-12-03',
			period_end: '2026-12-02'
		},
		{
			agency: { id: 7, code: 'H40.02', name: 'Công an xã Hòa An' },
			median_days: 4,
			p90_days: 7,
			count: 25,
			period_start: '2025-12-03',
			period_end: '2026-12-02'
		}
	]
};

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
		'/api/v1/procedures/2.000281/completion-time/': (res) => sendJson(res, 200, COMPLETION),
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

/**
 * `GET /api/v1/satisfaction/criteria/` as the API serves it (feedback/criteria.py's
 * nine criteria, their options and the grades).
 */
export const CRITERIA: EvaluationForm = {
	"max_points": 18,
	"criteria": [
		{
			"name": "total_time",
			"label": {
				"vi": "Tổng thời gian giải quyết so với thời hạn quy định",
				"en": "Total handling time against the legal time limit"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Quá hạn",
						"en": "Late"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Đúng hạn",
						"en": "On time"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Trước hạn",
						"en": "Early"
					}
				}
			]
		},
		{
			"name": "agency_time",
			"label": {
				"vi": "Thời gian thực hiện tại từng cơ quan, đơn vị",
				"en": "Time taken at each agency"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Có cơ quan giải quyết quá hạn",
						"en": "An agency was late"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Đúng hạn",
						"en": "On time"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Trước hạn",
						"en": "Early"
					}
				}
			]
		},
		{
			"name": "contacts",
			"label": {
				"vi": "Số lần phải liên hệ để hoàn thiện hồ sơ",
				"en": "Times you had to get in touch to complete the dossier"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Từ 3 lần trở lên",
						"en": "3 times or more"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "2 lần",
						"en": "Twice"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Không quá 1 lần",
						"en": "At most once"
					}
				}
			]
		},
		{
			"name": "agencies_contacted",
			"label": {
				"vi": "Số cơ quan, đơn vị phải liên hệ",
				"en": "Number of agencies you had to contact"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Từ 3 cơ quan trở lên",
						"en": "3 or more agencies"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "2 cơ quan",
						"en": "2 agencies"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Chỉ Bộ phận Một cửa",
						"en": "Only the one-stop desk"
					}
				}
			]
		},
		{
			"name": "one_stop",
			"label": {
				"vi": "Tiếp nhận và trả kết quả tại Bộ phận Một cửa",
				"en": "Filed and collected at the one-stop desk"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Không tiếp nhận, không trả kết quả tại Bộ phận Một cửa",
						"en": "Neither filed nor collected at the one-stop desk"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Chỉ tiếp nhận hoặc chỉ trả kết quả tại Bộ phận Một cửa",
						"en": "Only filed or only collected at the one-stop desk"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Cả tiếp nhận và trả kết quả tại Bộ phận Một cửa",
						"en": "Both filed and collected at the one-stop desk"
					}
				}
			]
		},
		{
			"name": "publicly_posted",
			"label": {
				"vi": "Thủ tục hành chính được công khai",
				"en": "The procedure was publicly posted"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Không được công khai",
						"en": "Not posted"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Công khai chưa đầy đủ",
						"en": "Posted incompletely"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Công khai đầy đủ, đúng quy định",
						"en": "Posted in full, as required"
					}
				}
			]
		},
		{
			"name": "attitude",
			"label": {
				"vi": "Thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết",
				"en": "Attitude of the staff who guided, received and handled it"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Gây phiền hà, sách nhiễu",
						"en": "Obstructive or demanding"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Bình thường",
						"en": "Ordinary"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Lịch sự, tận tình",
						"en": "Polite and helpful"
					}
				}
			]
		},
		{
			"name": "feedback_handling",
			"label": {
				"vi": "Việc tiếp thu, giải trình phản ánh, kiến nghị",
				"en": "How your feedback or petitions were handled"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Không được tiếp thu, giải trình",
						"en": "Not taken up or explained"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Được giải trình nhưng chậm hoặc chưa thỏa đáng",
						"en": "Explained, but late or unsatisfactorily"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Được tiếp thu, giải trình kịp thời, thỏa đáng (hoặc không có phản ánh)",
						"en": "Taken up and explained promptly and satisfactorily (or no feedback given)"
					}
				}
			]
		},
		{
			"name": "online_quality",
			"label": {
				"vi": "Tiến độ và chất lượng dịch vụ công trực tuyến",
				"en": "Progress and quality of the online service"
			},
			"max_points": 2,
			"options": [
				{
					"points": 0,
					"label": {
						"vi": "Không đáp ứng hoặc không sử dụng được",
						"en": "Did not work or could not be used"
					}
				},
				{
					"points": 1,
					"label": {
						"vi": "Chậm hoặc chất lượng chưa tốt",
						"en": "Slow or of poor quality"
					}
				},
				{
					"points": 2,
					"label": {
						"vi": "Đúng tiến độ, chất lượng tốt (hoặc không nộp trực tuyến)",
						"en": "On schedule and of good quality (or not filed online)"
					}
				}
			]
		}
	],
	"grades": [
		{
			"code": "rat_tot",
			"label": {
				"vi": "Rất tốt",
				"en": "Very good"
			},
			"min_total": 17
		},
		{
			"code": "tot",
			"label": {
				"vi": "Tốt",
				"en": "Good"
			},
			"min_total": 15
		},
		{
			"code": "dat",
			"label": {
				"vi": "Đạt",
				"en": "Pass"
			},
			"min_total": 9
		},
		{
			"code": "khong_dat",
			"label": {
				"vi": "Không đạt",
				"en": "Fail"
			},
			"min_total": 0
		}
	]
};

/** The criteria's field names, in the form's order. */
export const CRITERION_NAMES = CRITERIA.criteria.map((c) => c.name);
