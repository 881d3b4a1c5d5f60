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
		petition: 'Gửi phản ánh, kiến nghị',
		dossier: 'Tra cứu hồ sơ',
		stats: 'Thống kê',
		rating: 'Đánh giá dịch vụ'
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
		usefulYes: 'Có',
		usefulNo: 'Không',
		usefulComment: 'Góp ý thêm (không bắt buộc)',
		usefulThanks: 'Cảm ơn bạn đã cho biết. Ý kiến của bạn giúp chúng tôi sửa thông tin thủ tục.',
		usefulFailed: 'Chưa gửi được ý kiến, xin thử lại sau ít phút.',
		rate: 'Đánh giá dịch vụ',
		fileOnline: 'Nộp hồ sơ trực tuyến',
		fileOnlineHint: 'Nộp hồ sơ và nhận biên nhận ngay trên cổng này.',
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
		trackHint: 'Mã in trong tin nhắn xác nhận, ví dụ 9VFX-KHMX-VJK9.',
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
		deadlineNames: { acceptance: 'Tiếp nhận hoặc từ chối', answer: 'Trả lời', publish: 'Công khai câu trả lời' } as Record<string, string>,
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
	},
	form: {
		errorSummary: 'Chưa gửi được. Vui lòng sửa các lỗi sau:',
		required: 'bắt buộc',
		tooMany: (seconds: number) =>
			`Bạn đã gửi quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`,
		conflict: 'Yêu cầu này đã được gửi với nội dung khác. Vui lòng tải lại trang và gửi lại.',
		unavailable: 'Hệ thống chưa nhận được. Vui lòng thử lại sau ít phút.',
		invalid: 'Dữ liệu không hợp lệ.'
	},
	rating: {
		title: 'Đánh giá việc giải quyết hồ sơ',
		intro:
			'Đánh giá theo 9 tiêu chí của Thông tư 01/2018/TT-VPCP, mỗi tiêu chí từ 0 đến 2 điểm, tổng 18 điểm. Các trường có dấu * là bắt buộc.',
		about: 'Hồ sơ được đánh giá',
		agency: 'Cơ quan giải quyết hồ sơ',
		agencyHint: 'Cơ quan nơi bạn nộp hoặc nhận kết quả hồ sơ.',
		agencyChoose: '— Chọn cơ quan —',
		agenciesOfProcedure: 'Cơ quan thực hiện thủ tục này',
		otherAgencies: 'Các cơ quan khác',
		procedure: 'Mã thủ tục (không bắt buộc)',
		procedureHint: 'Ví dụ 1.001193.',
		procedureName: (name: string) => `Thủ tục: ${name}`,
		dossier: 'Mã hồ sơ (không bắt buộc)',
		dossierHint: 'In trên giấy biên nhận, ví dụ H40.01-20260406-0042.',
		dossierFound: (code: string, agency: string) => `Hồ sơ ${code} tại ${agency}.`,
		dossierMissing: (code: string) =>
			`Không tìm thấy hồ sơ mã “${code}”. Bạn vẫn có thể đánh giá, hãy chọn cơ quan.`,
		criteria: 'Các tiêu chí đánh giá',
		points: (n: number) => `${n} điểm`,
		criterion: {
			total_time: {
				label: 'Tổng thời gian giải quyết so với thời hạn quy định',
				options: ['Quá hạn', 'Đúng hạn', 'Trước hạn']
			},
			agency_time: {
				label: 'Thời gian thực hiện tại từng cơ quan, đơn vị',
				options: ['Có cơ quan giải quyết quá hạn', 'Đúng hạn', 'Trước hạn']
			},
			contacts: {
				label: 'Số lần phải liên hệ để hoàn thiện hồ sơ',
				options: ['Từ 3 lần trở lên', '2 lần', 'Không quá 1 lần']
			},
			agencies_contacted: {
				label: 'Số cơ quan, đơn vị phải liên hệ',
				options: ['Từ 3 cơ quan trở lên', '2 cơ quan', 'Chỉ Bộ phận Một cửa']
			},
			one_stop: {
				label: 'Tiếp nhận và trả kết quả tại Bộ phận Một cửa',
				options: [
					'Không tiếp nhận, không trả kết quả tại Bộ phận Một cửa',
					'Chỉ tiếp nhận hoặc chỉ trả kết quả tại Bộ phận Một cửa',
					'Cả tiếp nhận và trả kết quả tại Bộ phận Một cửa'
				]
			},
			publicly_posted: {
				label: 'Thủ tục hành chính được công khai',
				options: ['Không được công khai', 'Công khai chưa đầy đủ', 'Công khai đầy đủ, đúng quy định']
			},
			attitude: {
				label: 'Thái độ của cán bộ, công chức khi hướng dẫn, tiếp nhận, giải quyết',
				options: ['Gây phiền hà, sách nhiễu', 'Bình thường', 'Lịch sự, tận tình']
			},
			feedback_handling: {
				label: 'Việc tiếp thu, giải trình phản ánh, kiến nghị',
				options: [
					'Không được tiếp thu, giải trình',
					'Được giải trình nhưng chậm hoặc chưa thỏa đáng',
					'Được tiếp thu, giải trình kịp thời, thỏa đáng (hoặc không có phản ánh)'
				]
			},
			online_quality: {
				label: 'Tiến độ và chất lượng dịch vụ công trực tuyến',
				options: [
					'Không đáp ứng hoặc không sử dụng được',
					'Chậm hoặc chất lượng chưa tốt',
					'Đúng tiến độ, chất lượng tốt (hoặc không nộp trực tuyến)'
				]
			}
		},
		submit: 'Gửi đánh giá',
		doneTitle: 'Cảm ơn bạn đã đánh giá',
		doneTotal: (total: number, max: number) => `Tổng điểm: ${total}/${max}.`,
		doneGrade: (grade: string) => `Xếp loại: ${grade}.`,
		doneNext: 'Ý kiến của bạn giúp cơ quan cải thiện việc giải quyết thủ tục hành chính.',
		doneStats: 'Xem kết quả đánh giá công khai',
		doneHome: 'Về trang chủ',
		doneMissing: 'Không có đánh giá nào để hiển thị.'
	},
	kiosk: {
		title: 'Đánh giá tại quầy',
		question: 'Bạn có hài lòng với việc tiếp nhận, giải quyết hồ sơ hôm nay không?',
		counter: (n: string) => `Quầy ${n}`,
		levels: {
			very_satisfied: 'Rất hài lòng',
			satisfied: 'Hài lòng',
			dissatisfied: 'Không hài lòng'
		},
		choose: 'Chạm vào một lựa chọn',
		thanks: 'Cảm ơn bạn đã đánh giá!',
		thanksText: 'Ý kiến của bạn đã được ghi nhận.',
		resetIn: (n: number) => `Màn hình sẽ trở về sau ${n} giây.`,
		again: 'Trở về ngay',
		failed: 'Chưa ghi nhận được đánh giá. Vui lòng chạm lại.',
		setupTitle: 'Chưa cấu hình máy đánh giá',
		setupText:
			'Địa chỉ của máy cần có mã cơ quan, ví dụ /kiosk?co-quan=12&quay=3. Mã cơ quan là số trong địa chỉ trang cơ quan.',
		unknownAgency: (id: string) => `Không có cơ quan mã số “${id}”.`
	},
	stats: {
		title: 'Thống kê công khai',
		intro:
			'Mức độ hài lòng của người dân, doanh nghiệp và tình hình giải quyết hồ sơ, theo cơ quan và theo kỳ.',
		filters: 'Chọn phạm vi',
		agency: 'Cơ quan',
		province: 'Toàn tỉnh',
		period: 'Kỳ thống kê',
		periodHint: 'Năm, quý hoặc tháng.',
		periodYear: (y: string) => `Năm ${y}`,
		periodQuarter: (q: string, y: string) => `Quý ${q}/${y}`,
		periodMonth: (m: string, y: string) => `Tháng ${m}/${y}`,
		groupYears: 'Năm',
		groupQuarters: 'Quý',
		groupMonths: 'Tháng',
		show: 'Xem thống kê',
		scope: (agency: string, period: string) => `${agency}, ${period}`,
		invalidPeriod: 'Kỳ thống kê không hợp lệ. Đang hiển thị kỳ mặc định.',
		unavailable: 'Chưa tải được số liệu này. Vui lòng thử lại sau.',
		noData: 'Chưa có số liệu trong kỳ này.',
		satisfaction: 'Mức độ hài lòng',
		counter: 'Đánh giá tại quầy',
		counterCaption: 'Số lượt đánh giá tại quầy theo mức độ',
		responses: (n: number) => `${number.format(n)} lượt đánh giá`,
		shareSatisfied: 'Tỷ lệ hài lòng',
		interval: (lo: string, hi: string) => `khoảng tin cậy 95%: ${lo}–${hi}`,
		evaluations: 'Đánh giá giải quyết hồ sơ (thang 18 điểm)',
		meanTotal: 'Điểm trung bình',
		criteriaCaption: 'Điểm trung bình theo tiêu chí (0–2 điểm)',
		grades: 'Xếp loại',
		gradeLabels: {
			rat_tot: 'Rất tốt',
			tot: 'Tốt',
			dat: 'Đạt',
			khong_dat: 'Không đạt'
		} as Record<string, string>,
		gradesCaption: 'Số đánh giá theo xếp loại',
		pages: 'Trang thủ tục hữu ích',
		pagesShare: (share: string, n: number) => `${share} trong ${number.format(n)} ý kiến`,
		dossiers: 'Tình hình giải quyết hồ sơ',
		received: 'Hồ sơ tiếp nhận',
		receivedNew: 'Tiếp nhận mới trong kỳ',
		carriedOver: 'Kỳ trước chuyển sang',
		receivedOnline: 'Nộp trực tuyến',
		resolved: 'Đã giải quyết',
		resolvedEarly: 'Giải quyết trước hạn',
		resolvedOnTime: 'Giải quyết đúng hạn',
		resolvedLate: 'Giải quyết quá hạn',
		pending: 'Đang giải quyết',
		pendingWithin: 'Chưa đến hạn',
		pendingOverdue: 'Đã quá hạn',
		rejected: 'Từ chối',
		withdrawn: 'Rút hồ sơ',
		onTimeRate: 'Tỷ lệ đúng hạn',
		onlineShare: 'Tỷ lệ nộp trực tuyến',
		dossiersCaption: 'Kết quả giải quyết hồ sơ',
		byAgency: 'So sánh giữa các cơ quan',
		byAgencyCaption: 'Tỷ lệ giải quyết đúng hạn theo cơ quan (%)',
		figure: 'Chỉ tiêu',
		value: 'Số liệu',
		count: 'Số lượng',
		chartNote: 'Biểu đồ; số liệu đầy đủ trong bảng bên dưới.',
		notApplicable: 'không có'
	},
	dossier: {
		lookupTitle: 'Tra cứu hồ sơ',
		lookupIntro:
			'Nhập mã hồ sơ in trên giấy biên nhận để xem tình trạng giải quyết. Thông tin cá nhân được che một phần.',
		codeLabel: 'Mã hồ sơ',
		codeHint: 'Dạng mã cơ quan-ngày nhận-số thứ tự, ví dụ H40.01-20260406-0042.',
		submit: 'Tra cứu',
		scan: 'Quét mã vạch bằng máy ảnh',
		scanHint: 'Đưa mã vạch hoặc mã QR trên biên nhận vào khung hình.',
		scanStop: 'Dừng quét',
		scanLoading: 'Đang tải bộ đọc mã…',
		scanUnsupported: 'Trình duyệt này chưa quét được mã. Hãy nhập mã hồ sơ.',
		scanDenied: 'Không mở được máy ảnh. Hãy nhập mã hồ sơ.',
		scanFound: (code: string) => `Đã đọc mã ${code}. Đang tra cứu…`,
		invalid: (code: string) =>
			`“${code}” không đúng dạng mã hồ sơ. Mã gồm mã cơ quan, ngày nhận (8 chữ số) và số thứ tự, cách nhau bởi dấu gạch ngang, ví dụ H40.01-20260406-0042.`,
		title: (code: string) => `Hồ sơ ${code}`,
		procedure: 'Thủ tục',
		agency: 'Cơ quan tiếp nhận',
		channel: 'Hình thức nộp',
		channels: { direct: 'Trực tiếp', postal: 'Qua bưu chính', online: 'Trực tuyến' } as Record<
			string,
			string
		>,
		applicant: 'Người nộp',
		status: 'Tình trạng',
		receivedAt: 'Ngày tiếp nhận',
		promisedAt: 'Ngày hẹn trả kết quả',
		deadline: 'Hạn giải quyết (tính cả thời gian chờ bổ sung)',
		resolvedAt: 'Ngày giải quyết',
		timeliness: 'Tiến độ',
		timelinessLabels: {
			early: 'Giải quyết trước hạn',
			on_time: 'Giải quyết đúng hạn',
			late: 'Giải quyết quá hạn',
			pending_within: 'Đang giải quyết, trong hạn',
			pending_overdue: 'Đang giải quyết, đã quá hạn',
			rejected: 'Từ chối giải quyết',
			withdrawn: 'Đã rút hồ sơ'
		} as Record<string, string>,
		agencies: 'Các cơ quan đã xử lý',
		history: 'Quá trình giải quyết',
		receipt: 'Xem và in biên nhận',
		rate: 'Đánh giá việc giải quyết hồ sơ này',
		notFoundHeading: 'Không tìm thấy hồ sơ',
		notFoundText: (code: string) =>
			`Không có hồ sơ mã “${code}”. Hãy kiểm tra lại từng ký tự trên giấy biên nhận: mã cơ quan, ngày nhận (8 chữ số) và số thứ tự, ví dụ H40.01-20260406-0042. Hồ sơ mới nộp có thể cần ít phút để xuất hiện.`,
		badFormat:
			'Mã này không đúng dạng mã hồ sơ: mã cơ quan, ngày nhận (8 chữ số) và số thứ tự, cách nhau bởi dấu gạch ngang.',
		tooMany: 'Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.',
		receiptTitle: 'Giấy biên nhận hồ sơ',
		receiptFor: (code: string) => `Biên nhận hồ sơ ${code}`,
		receiptLookup: 'Tra cứu tình trạng hồ sơ tại',
		receiptScan: 'Quét mã QR để tra cứu',
		receiptBarcode: (code: string) => `Mã vạch của mã hồ sơ ${code}`,
		receiptQr: 'Mã QR dẫn đến trang tra cứu hồ sơ',
		receiptRate: 'Sau khi nhận kết quả, hãy đánh giá việc giải quyết hồ sơ tại',
		print: 'In biên nhận',
		receiptPdf: 'Tải biên nhận (PDF)',
		back: 'Về trang hồ sơ'
	},
	filing: {
		title: (name: string) => `Nộp hồ sơ trực tuyến: ${name}`,
		intro:
			'Điền thông tin người nộp, đính kèm các giấy tờ, kiểm tra lại rồi xác nhận. Các trường có dấu * là bắt buộc.',
		processingTime: 'Thời hạn giải quyết',
		applicant: 'Thông tin người nộp',
		fields: {
			applicant_name: 'Họ và tên',
			applicant_phone: 'Số điện thoại',
			applicant_email: 'Thư điện tử',
			applicant_id_number: 'Số CCCD/CMND',
			applicant_address: 'Địa chỉ'
		} as Record<string, string>,
		documents: 'Thành phần hồ sơ',
		documentsHint: 'Mỗi giấy tờ một tệp. Chụp rõ nét hoặc quét thành PDF.',
		optionalDocuments: (n: number) => `Giấy tờ chỉ cần trong một số trường hợp (${n}): mở ra nếu thuộc trường hợp của bạn`,
		accept: (types: string, size: string) => `Tệp ${types}, không quá ${size}.`,
		forms: 'Mẫu đơn, tờ khai',
		downloadForm: (name: string) => `Tải ${name}`,
		confirmTitle: 'Kiểm tra và xác nhận',
		confirmText:
			'Trước khi gửi, hãy kiểm tra lại: họ tên, số điện thoại, số CCCD và địa chỉ đúng như giấy tờ; mỗi giấy tờ bắt buộc đã có tệp đính kèm.',
		confirm:
			'Tôi cam đoan thông tin khai và giấy tờ đính kèm là đúng sự thật, và chịu trách nhiệm trước pháp luật.',
		filesAgain: 'Vì lý do an toàn, các tệp đã chọn không được giữ lại: hãy chọn lại tệp trước khi gửi.',
		submit: 'Nộp hồ sơ',
		fileType: (name: string) => `Tệp “${name}” không đúng định dạng cho phép.`,
		fileSize: (name: string, size: string) => `Tệp “${name}” lớn hơn ${size}.`,
		fileMissing: 'Hãy đính kèm giấy tờ này.',
		tooManyFiles: (n: number) => `Tối đa ${n} tệp cho giấy tờ này.`,
		tooLarge: (size: string) => `Tổng dung lượng các tệp lớn hơn ${size}.`,
		confirmMissing: 'Hãy đánh dấu xác nhận trước khi nộp.',
		notOpenHeading: 'Thủ tục chưa nhận hồ sơ trực tuyến',
		notOpen:
			'Thủ tục này chưa nhận hồ sơ trực tuyến trên cổng. Hãy xem cách nộp trực tiếp hoặc qua bưu chính trên trang thủ tục.',
		procedurePage: 'Xem trang thủ tục'
	}
};

export type Messages = typeof vi;
