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
	preview: {
		banner: 'Bản xem trước — chưa công bố',
		bannerText:
			'Đây là bản nháp đang được biên tập. Nội dung có thể thay đổi và chưa có hiệu lực với người dân.',
		notFoundHeading: 'Không có bản xem trước',
		notFound: 'Bản xem trước không tồn tại hoặc đã hết hạn',
		missing: 'Thiếu tham số content_type hoặc token của bản xem trước.'
	},
	petition: {
		navList: 'Phản ánh, kiến nghị',
		navTrack: 'Tra cứu phản ánh',
		formTitle: 'Gửi phản ánh, kiến nghị',
		formIntro:
			'Phản ánh về thủ tục hành chính, về hành vi của cán bộ, công chức, hoặc kiến nghị, đề xuất. Các trường có dấu * là bắt buộc.',
		required: 'bắt buộc',
		kind: 'Nội dung phản ánh về',
		kinds: {
			procedure: 'Thủ tục hành chính',
			conduct: 'Hành vi của cán bộ, công chức',
			suggestion: 'Kiến nghị, đề xuất'
		},
		procedure: 'Mã thủ tục bị phản ánh',
		procedureHint: 'Bắt buộc khi phản ánh về thủ tục hành chính, ví dụ 1.001193.',
		procedureFor: (name: string) => `Phản ánh về thủ tục: ${name}`,
		title: 'Tiêu đề',
		titleHint: 'Ít nhất 5 ký tự.',
		body: 'Nội dung',
		bodyHint: 'Ít nhất 20 ký tự. Nêu rõ sự việc, thời gian, địa điểm.',
		contact: 'Thông tin người gửi',
		contactHint:
			'Chỉ cơ quan xử lý thấy họ tên và số điện thoại; không bao giờ được công khai.',
		name: 'Họ và tên',
		phone: 'Số điện thoại',
		phoneHint: 'Ví dụ 0912 345 678. Mã tra cứu được gửi qua tin nhắn.',
		email: 'Thư điện tử (không bắt buộc)',
		consent: 'Đồng ý công khai nội dung phản ánh (đã che thông tin cá nhân) cùng câu trả lời',
		attachments: 'Tệp đính kèm (không bắt buộc)',
		attachmentsHint: 'Tối đa 3 tệp PDF, JPEG hoặc PNG, mỗi tệp không quá 5 MB.',
		honeypot: 'Không điền vào ô này',
		submit: 'Gửi phản ánh',
		errorSummary: 'Chưa gửi được. Vui lòng sửa các lỗi sau:',
		tooMany: (seconds: number) =>
			`Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`,
		conflict: 'Phản ánh này đã được gửi với nội dung khác. Vui lòng tải lại trang và gửi lại.',
		unavailable: 'Hệ thống chưa nhận được phản ánh. Vui lòng thử lại sau ít phút.',
		tooManyFiles: 'Tối đa 3 tệp đính kèm.',
		fileType: (name: string) => `Tệp “${name}” không phải PDF, JPEG hoặc PNG.`,
		fileSize: (name: string) => `Tệp “${name}” lớn hơn 5 MB.`,
		sentTitle: 'Đã gửi phản ánh',
		sentIntro: 'Cảm ơn bạn. Phản ánh đã được tiếp nhận. Mã tra cứu của bạn là:',
		sentKeep: 'Hãy ghi lại mã này để tra cứu kết quả xử lý.',
		sentMissing: 'Không có mã tra cứu trong địa chỉ này.',
		track: 'Tra cứu tình trạng xử lý',
		trackTitle: 'Tra cứu phản ánh, kiến nghị',
		trackLabel: 'Mã tra cứu',
		trackHint: 'Mã in trong tin nhắn xác nhận, ví dụ PAKN-2026-000123.',
		trackSubmit: 'Tra cứu',
		trackNotFound: (code: string) =>
			`Không tìm thấy phản ánh có mã “${code}”. Hãy kiểm tra lại mã (chữ và số, có dấu gạch ngang) trong tin nhắn xác nhận.`,
		trackInvalid: 'Mã tra cứu chỉ gồm chữ, số và dấu gạch ngang.',
		status: 'Tình trạng',
		kindLabel: 'Loại',
		agency: 'Cơ quan xử lý',
		submittedAt: 'Ngày gửi',
		acceptedAt: 'Ngày chấp nhận xử lý',
		rejectedAt: 'Ngày từ chối',
		rejectReason: 'Lý do từ chối',
		answeredAt: 'Ngày trả lời',
		publishedAt: 'Ngày công khai',
		deadlines: 'Thời hạn xử lý',
		due: (date: string) => `hạn ${date}`,
		daysLeft: (n: number) =>
			n > 0 ? `còn ${n} ngày làm việc` : n === 0 ? 'hết hạn hôm nay' : `quá hạn ${-n} ngày làm việc`,
		doneOnTime: 'đã xong, đúng hạn',
		doneLate: 'đã xong, trễ hạn',
		done: 'đã xong',
		answer: 'Câu trả lời',
		listTitle: 'Phản ánh, kiến nghị đã được trả lời',
		listIntro:
			'Các phản ánh, kiến nghị được công khai cùng câu trả lời của cơ quan có thẩm quyền. Thông tin cá nhân đã được che.',
		listEmpty: 'Chưa có phản ánh nào được công khai trả lời.',
		sendNew: 'Gửi phản ánh, kiến nghị mới',
		count: (n: number) => `${number.format(n)} phản ánh, kiến nghị`,
		like: (n: number) => `Hữu ích (${number.format(n)})`,
		dislike: (n: number) => `Chưa hữu ích (${number.format(n)})`,
		reactionLabel: 'Câu trả lời này có hữu ích không?',
		reacted: 'Cảm ơn bạn đã đánh giá.',
		alreadyReacted: 'Bạn đã đánh giá câu trả lời này.',
		reactionFailed: 'Chưa ghi nhận được đánh giá. Vui lòng thử lại sau.'
	},
	accessibility: {
		title: 'Tuyên bố về khả năng tiếp cận'
	}
};

export type Messages = typeof vi;
