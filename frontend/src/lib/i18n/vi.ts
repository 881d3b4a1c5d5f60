/** Vietnamese interface texts: the site's first language and the shape of every other. */

const number = new Intl.NumberFormat('vi-VN');

export const vi = {
	langName: 'Tiếng Việt',
	locale: 'vi-VN',
	site: {
		name: 'Cổng dịch vụ hành chính công',
		owner: 'Trung tâm Hành chính công',
		skipLink: 'Bỏ qua đến nội dung chính',
		mainNav: 'Điều hướng chính',
		languageNav: 'Ngôn ngữ',
		switchTo: 'English',
		breadcrumbs: 'Đường dẫn',
		footerNav: 'Thông tin trang',
		footerNote:
			'Thông tin thủ tục hành chính được công bố theo Nghị định 63/2010/NĐ-CP và Thông tư 02/2017/TT-VPCP.'
	},
	nav: {
		home: 'Trang chủ',
		search: 'Tìm kiếm',
		fields: 'Lĩnh vực',
		agencies: 'Cơ quan',
		lifeEvents: 'Sự kiện',
		accessibility: 'Tuyên bố về khả năng tiếp cận',
		petition: 'Gửi phản ánh, kiến nghị'
	},
	search: {
		label: 'Tìm thủ tục hành chính',
		placeholder: 'Ví dụ: đăng ký khai sinh',
		hint: 'Có thể gõ không dấu, ví dụ: lam giay khai sinh.',
		submit: 'Tìm kiếm',
		suggestions: 'Gợi ý thủ tục',
		suggestionCount: (n: number) =>
			n === 0 ? 'Không có gợi ý.' : `Có ${n} gợi ý. Dùng phím mũi tên lên, xuống để chọn.`
	},
	home: {
		description: (name: string) =>
			`Tra cứu thủ tục hành chính, hồ sơ, phí, lệ phí và thời hạn giải quyết tại ${name}.`,
		statsHeading: 'Số liệu công khai',
		statProcedures: 'Thủ tục hành chính',
		statFields: 'Lĩnh vực',
		statAgencies: 'Cơ quan',
		statPetitions: 'Phản ánh, kiến nghị',
		popularHeading: 'Thủ tục được quan tâm nhiều',
		lifeEventsHeading: 'Tra cứu theo sự kiện',
		fieldsHeading: 'Tra cứu theo lĩnh vực',
		agenciesHeading: 'Tra cứu theo cơ quan',
		seeAllFields: 'Xem tất cả lĩnh vực',
		seeAllAgencies: 'Xem tất cả cơ quan',
		seeAllLifeEvents: 'Xem tất cả sự kiện',
		unavailableSection: 'Chưa tải được mục này. Vui lòng thử lại sau.'
	},
	procedure: {
		code: 'Mã thủ tục',
		field: 'Lĩnh vực',
		level: 'Cấp thực hiện',
		online: 'Dịch vụ công trực tuyến',
		fee: 'Phí, lệ phí',
		hasFee: 'Có thu phí, lệ phí',
		free: 'Miễn phí',
		time: 'Thời hạn giải quyết',
		agency: 'Cơ quan thực hiện',
		status: 'Tình trạng',
		onlineLevel: {
			none: 'Không có dịch vụ công trực tuyến',
			partial: 'Dịch vụ công trực tuyến một phần',
			full: 'Dịch vụ công trực tuyến toàn trình'
		},
		count: (n: number) => `${number.format(n)} thủ tục`,
		onThisPage: 'Trên trang này',
		summary: 'Tóm tắt',
		results: 'Kết quả nhận được',
		applicants: 'Ai được thực hiện',
		requirements: 'Yêu cầu, điều kiện',
		where: 'Nộp hồ sơ ở đâu',
		receptionAddress: 'Địa chỉ tiếp nhận',
		channels: 'Cách thức nộp',
		applyOnline: 'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
		howLong: 'Thời hạn giải quyết',
		channel: 'Cách thức',
		duration: 'Thời hạn',
		howMuch: 'Phí, lệ phí',
		noFee: 'Không thu phí, lệ phí.',
		exemptions: 'Miễn, giảm',
		dossier: 'Thành phần hồ sơ',
		originals: 'Bản chính',
		copies: 'Bản sao',
		form: 'Mẫu đơn, tờ khai',
		download: (name: string) => `Tải mẫu ${name}`,
		formNoFile: 'chưa có tệp tải về',
		steps: 'Trình tự thực hiện',
		legalBasis: 'Căn cứ pháp lý',
		issued: (date: string) => `ban hành ngày ${date}`,
		agencies: 'Cơ quan giải quyết',
		address: 'Địa chỉ',
		phone: 'Điện thoại',
		email: 'Thư điện tử',
		openingHours: 'Giờ làm việc',
		map: 'Xem bản đồ',
		related: 'Thủ tục liên quan',
		lifeEvents: 'Thuộc sự kiện',
		moreInfo: 'Thông tin khác',
		procedureKind: 'Loại thủ tục',
		decision: 'Quyết định công bố',
		published: 'Cập nhật',
		source: 'Xem trên Cổng Dịch vụ công quốc gia',
		replacedBy: 'Thủ tục này đã được thay thế bởi:',
		abolished: 'Thủ tục này đã bị bãi bỏ và chỉ còn để tra cứu.',
		print: 'In trang',
		feedbackHeading: 'Ý kiến của bạn',
		useful: 'Trang này có hữu ích không?',
		usefulHint: 'Hãy cho chúng tôi biết để cải thiện thông tin thủ tục.',
		rate: 'Đánh giá dịch vụ',
		petition: 'Gửi phản ánh về thủ tục này',
		notFoundHeading: 'Không tìm thấy thủ tục',
		notFoundText:
			'Mã thủ tục này không có trong danh mục, hoặc thủ tục đã được gỡ bỏ. Hãy tìm theo tên thủ tục:'
	},
	searchPage: {
		title: 'Tìm kiếm thủ tục hành chính',
		titleFor: (q: string) => `Kết quả tìm kiếm “${q}”`,
		prompt: 'Nhập tên thủ tục, giấy tờ hoặc việc bạn cần làm.',
		count: (n: number, q: string) =>
			q
				? `Tìm thấy ${number.format(n)} thủ tục cho “${q}”.`
				: `Tìm thấy ${number.format(n)} thủ tục.`,
		didYouMean: 'Có phải bạn muốn tìm:',
		degraded:
			'Hệ thống tìm kiếm đang hoạt động ở chế độ rút gọn, kết quả có thể chưa đầy đủ hoặc chưa được sắp xếp tốt nhất.',
		noResults: 'Không tìm thấy thủ tục phù hợp.',
		noResultsTips: 'Hãy thử từ khóa ngắn hơn, bỏ bớt bộ lọc hoặc tra cứu theo lĩnh vực.',
		paknPrompt: 'Không có thủ tục nào phù hợp với nhu cầu của bạn?',
		invalid: 'Yêu cầu tìm kiếm không hợp lệ. Hãy kiểm tra từ khóa hoặc bỏ bộ lọc.',
		filters: 'Lọc kết quả',
		showFilters: 'Chọn bộ lọc',
		apply: 'Áp dụng bộ lọc',
		clear: 'Bỏ tất cả bộ lọc',
		facet: {
			field: 'Lĩnh vực',
			agency: 'Cơ quan thực hiện',
			level: 'Cấp thực hiện',
			online: 'Dịch vụ công trực tuyến',
			has_fee: 'Phí, lệ phí'
		},
		results: 'Kết quả'
	},
	browse: {
		fieldsTitle: 'Lĩnh vực thủ tục hành chính',
		fieldsIntro: 'Chọn một lĩnh vực để xem các thủ tục thuộc lĩnh vực đó.',
		agenciesTitle: 'Cơ quan thực hiện thủ tục',
		agenciesIntro: 'Chọn một cơ quan để xem các thủ tục do cơ quan đó giải quyết.',
		lifeEventsTitle: 'Thủ tục theo sự kiện',
		lifeEventsIntro:
			'Các thủ tục được nhóm theo những việc thường gặp trong đời sống: khai sinh, kết hôn, mở doanh nghiệp…',
		noLifeEvents: 'Chưa có sự kiện nào được công bố.',
		noProcedures: 'Chưa có thủ tục nào.',
		procedures: 'Danh sách thủ tục',
		showing: (from: number, to: number, total: number) =>
			`Hiển thị ${number.format(from)}–${number.format(to)} trên ${number.format(total)} thủ tục`
	},
	pagination: {
		label: 'Phân trang',
		previous: 'Trang trước',
		next: 'Trang sau',
		page: (n: number) => `Trang ${n}`,
		current: (n: number) => `Trang ${n}, trang hiện tại`
	},
	errors: {
		notFoundHeading: 'Không tìm thấy trang',
		notFoundText: 'Trang bạn tìm không tồn tại hoặc đã được chuyển sang địa chỉ khác.',
		maintenanceHeading: 'Hệ thống đang bảo trì',
		maintenanceText:
			'Hệ thống đang bảo trì hoặc tạm thời gián đoạn. Vui lòng thử lại sau ít phút.',
		errorHeading: 'Đã có lỗi xảy ra',
		errorText: 'Chúng tôi không hiển thị được trang này. Vui lòng thử lại sau.',
		badRequestHeading: 'Yêu cầu không hợp lệ',
		tryAgain: 'Tải lại trang',
		tryThese: 'Bạn có thể:',
		searchInstead: 'Tìm thủ tục theo tên',
		browseFields: 'Tra cứu theo lĩnh vực',
		backHome: 'Về trang chủ',
		sendPetition: 'Gửi phản ánh, kiến nghị nếu bạn gặp lỗi khi sử dụng cổng',
		code: (status: number) => `Mã lỗi: ${status}`
	},
	accessibility: {
		title: 'Tuyên bố về khả năng tiếp cận'
	}
};

export type Messages = typeof vi;
