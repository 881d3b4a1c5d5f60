/** English interface texts. Procedure content itself stays in Vietnamese. */
import type { Messages } from './vi';

const number = new Intl.NumberFormat('en-GB');

export const en: Messages = {
	langName: 'English',
	locale: 'en-GB',
	site: {
		name: 'Public administration services portal',
		owner: 'Public Administration Centre',
		skipLink: 'Skip to main content',
		mainNav: 'Main navigation',
		languageNav: 'Language',
		switchTo: 'Tiếng Việt',
		breadcrumbs: 'Breadcrumb',
		footerNav: 'About this site',
		footerNote:
			'Administrative procedures are published under Decree 63/2010/ND-CP and Circular 02/2017/TT-VPCP. Procedure texts are in Vietnamese.'
	},
	nav: {
		home: 'Home',
		search: 'Search',
		fields: 'Fields',
		agencies: 'Agencies',
		lifeEvents: 'Life events',
		accessibility: 'Accessibility statement',
		petition: 'Send feedback or a petition',
		dossier: 'Track a dossier',
		stats: 'Statistics',
		rating: 'Rate the service'
	},
	search: {
		label: 'Search administrative procedures',
		placeholder: 'For example: đăng ký khai sinh',
		hint: 'You may type without Vietnamese accents, e.g. lam giay khai sinh.',
		submit: 'Search',
		suggestions: 'Suggested procedures',
		suggestionCount: (n: number) =>
			n === 0
				? 'No suggestions.'
				: `${n} suggestion${n === 1 ? '' : 's'}. Use the up and down arrow keys to choose.`
	},
	home: {
		description: (name: string) =>
			`Find administrative procedures, required documents, fees and processing times at ${name}.`,
		statsHeading: 'Public figures',
		statProcedures: 'Administrative procedures',
		statFields: 'Fields',
		statAgencies: 'Agencies',
		statPetitions: 'Petitions',
		popularHeading: 'Most used procedures',
		lifeEventsHeading: 'Browse by life event',
		fieldsHeading: 'Browse by field',
		agenciesHeading: 'Browse by agency',
		seeAllFields: 'See all fields',
		seeAllAgencies: 'See all agencies',
		seeAllLifeEvents: 'See all life events',
		unavailableSection: 'This section could not be loaded. Please try again later.'
	},
	procedure: {
		code: 'Procedure code',
		field: 'Field',
		level: 'Level',
		online: 'Online public service',
		fee: 'Fees and charges',
		hasFee: 'Fees apply',
		free: 'Free of charge',
		time: 'Processing time',
		agency: 'Implementing agency',
		status: 'Status',
		onlineLevel: {
			none: 'No online service',
			partial: 'Partly online',
			full: 'Fully online'
		},
		count: (n: number) => `${number.format(n)} procedure${n === 1 ? '' : 's'}`,
		onThisPage: 'On this page',
		summary: 'Summary',
		results: 'What you get',
		applicants: 'Who can apply',
		requirements: 'Requirements and conditions',
		where: 'Where to apply',
		receptionAddress: 'Reception address',
		channels: 'Ways to apply',
		applyOnline: 'Apply online on the National Public Service Portal',
		howLong: 'How long it takes',
		channel: 'Way to apply',
		duration: 'Time',
		howMuch: 'How much it costs',
		noFee: 'No fees or charges.',
		exemptions: 'Exemptions',
		dossier: 'Documents to submit',
		originals: 'Originals',
		copies: 'Copies',
		form: 'Form',
		download: (name: string) => `Download form ${name}`,
		formNoFile: 'no file to download yet',
		steps: 'Steps',
		legalBasis: 'Legal basis',
		issued: (date: string) => `issued ${date}`,
		agencies: 'Agencies handling it',
		address: 'Address',
		phone: 'Phone',
		email: 'Email',
		openingHours: 'Opening hours',
		map: 'View map',
		related: 'Related procedures',
		lifeEvents: 'Life events',
		moreInfo: 'More information',
		procedureKind: 'Kind of procedure',
		decision: 'Publishing decision',
		published: 'Updated',
		source: 'View on the National Public Service Portal',
		replacedBy: 'This procedure has been replaced by:',
		abolished: 'This procedure has been abolished and is kept for reference only.',
		print: 'Print this page',
		feedbackHeading: 'Your feedback',
		useful: 'Was this page useful?',
		usefulHint: 'Tell us, so we can improve the procedure information.',
		usefulYes: 'Yes',
		usefulNo: 'No',
		usefulComment: 'Anything to add (optional)',
		usefulThanks: 'Thank you for telling us. Your answer helps us fix the procedure information.',
		usefulFailed: 'Your answer could not be sent; please try again in a few minutes.',
		rate: 'Rate the service',
		fileOnline: 'Apply online',
		fileOnlineHint: 'File your dossier and get a receipt right here on the portal.',
		petition: 'Send a petition about this procedure',
		notFoundHeading: 'Procedure not found',
		notFoundText:
			'This procedure code is not in the catalogue, or the procedure has been withdrawn. Search by the procedure name:'
	},
	searchPage: {
		title: 'Search administrative procedures',
		titleFor: (q: string) => `Search results for “${q}”`,
		prompt: 'Type the name of a procedure, a document or what you need to do.',
		count: (n: number, q: string) =>
			q
				? `${number.format(n)} procedure${n === 1 ? '' : 's'} found for “${q}”.`
				: `${number.format(n)} procedure${n === 1 ? '' : 's'} found.`,
		didYouMean: 'Did you mean:',
		degraded:
			'Search is running in a reduced mode; results may be incomplete or not in the best order.',
		noResults: 'No matching procedures found.',
		noResultsTips: 'Try fewer words, remove some filters or browse by field.',
		paknPrompt: 'Nothing fits what you need?',
		invalid: 'The search request is not valid. Check your words or remove the filters.',
		filters: 'Filter results',
		showFilters: 'Choose filters',
		apply: 'Apply filters',
		clear: 'Remove all filters',
		facet: {
			field: 'Field',
			agency: 'Implementing agency',
			level: 'Level',
			online: 'Online public service',
			has_fee: 'Fees and charges'
		},
		results: 'Results'
	},
	browse: {
		fieldsTitle: 'Fields of administrative procedures',
		fieldsIntro: 'Choose a field to see its procedures.',
		agenciesTitle: 'Agencies handling procedures',
		agenciesIntro: 'Choose an agency to see the procedures it handles.',
		lifeEventsTitle: 'Procedures by life event',
		lifeEventsIntro:
			'Procedures grouped by common events in life: a birth, a marriage, starting a business…',
		noLifeEvents: 'No life events have been published yet.',
		noProcedures: 'No procedures yet.',
		procedures: 'Procedures',
		showing: (from: number, to: number, total: number) =>
			`Showing ${number.format(from)}–${number.format(to)} of ${number.format(total)} procedures`
	},
	pagination: {
		label: 'Pagination',
		previous: 'Previous page',
		next: 'Next page',
		page: (n: number) => `Page ${n}`,
		current: (n: number) => `Page ${n}, current page`
	},
	errors: {
		notFoundHeading: 'Page not found',
		notFoundText: 'The page you are looking for does not exist or has moved.',
		maintenanceHeading: 'Service under maintenance',
		maintenanceText:
			'The service is under maintenance or temporarily interrupted. Please try again in a few minutes.',
		errorHeading: 'Something went wrong',
		errorText: 'We could not show this page. Please try again later.',
		badRequestHeading: 'Invalid request',
		tryAgain: 'Reload the page',
		tryThese: 'You can:',
		searchInstead: 'Search procedures by name',
		browseFields: 'Browse by field',
		backHome: 'Go to the home page',
		sendPetition: 'Send us feedback if the portal is not working for you',
		code: (status: number) => `Error code: ${status}`
	},
	preview: {
		banner: 'Preview — not published',
		bannerText:
			'This is a draft being edited. Its content may change and is not yet in force.',
		notFoundHeading: 'No preview',
		notFound: 'The preview does not exist or has expired',
		missing: 'The preview’s content_type or token is missing.'
	},
	petition: {
		navList: 'Petitions',
		navTrack: 'Track a petition',
		formTitle: 'Send feedback or a petition',
		formIntro:
			'Report a problem with an administrative procedure or with an official’s conduct, or make a suggestion. Fields marked * are required.',
		required: 'required',
		kind: 'Your feedback is about',
		kinds: {
			procedure: 'An administrative procedure',
			conduct: 'An official’s conduct',
			suggestion: 'A suggestion'
		},
		procedure: 'Code of the procedure',
		procedureHint: 'Required for feedback about a procedure, e.g. 1.001193.',
		procedureFor: (name: string) => `About the procedure: ${name}`,
		title: 'Title',
		titleHint: 'At least 5 characters.',
		body: 'Details',
		bodyHint: 'At least 20 characters. Say what happened, when and where.',
		contact: 'About you',
		contactHint: 'Only the agency handling it sees your name and phone; they are never published.',
		name: 'Full name',
		phone: 'Phone number',
		phoneHint: 'For example 0912 345 678. The tracking code is sent by text message.',
		email: 'Email (optional)',
		consent: 'I agree to my feedback (with personal details hidden) being published with the answer',
		attachments: 'Attachments (optional)',
		attachmentsHint: 'Up to 3 PDF, JPEG or PNG files, 5 MB each at most.',
		honeypot: 'Leave this field empty',
		submit: 'Send',
		tooMany: (seconds: number) =>
			`You have sent too many times. Please try again in ${seconds} seconds.`,
		conflict: 'This petition was already sent with different content. Reload the page and send again.',
		unavailable: 'Your petition could not be received. Please try again in a few minutes.',
		tooManyFiles: 'Up to 3 attachments.',
		fileType: (name: string) => `“${name}” is not a PDF, JPEG or PNG file.`,
		fileSize: (name: string) => `“${name}” is larger than 5 MB.`,
		sentTitle: 'Petition sent',
		sentIntro: 'Thank you. Your petition has been received. Your tracking code is:',
		sentKeep: 'Write this code down to follow how it is handled.',
		sentMissing: 'There is no tracking code in this address.',
		track: 'Track its progress',
		trackTitle: 'Track a petition',
		trackLabel: 'Tracking code',
		trackHint: 'The code in the confirmation text message, e.g. 9VFX-KHMX-VJK9.',
		trackSubmit: 'Track',
		trackNotFound: (code: string) =>
			`No petition has the code “${code}”. Check the code (letters, digits and hyphens) in your confirmation message.`,
		trackInvalid: 'A tracking code has only letters, digits and hyphens.',
		status: 'Status',
		kindLabel: 'Kind',
		agency: 'Handling agency',
		submittedAt: 'Sent',
		acceptedAt: 'Accepted',
		rejectedAt: 'Rejected',
		rejectReason: 'Reason for rejection',
		answeredAt: 'Answered',
		publishedAt: 'Published',
		deadlineNames: { acceptance: 'Accept or reject', answer: 'Answer', publish: 'Publish the answer' } as Record<string, string>,
		deadlines: 'Deadlines',
		due: (date: string) => `due ${date}`,
		daysLeft: (n: number) =>
			n > 0
				? `${n} working day${n === 1 ? '' : 's'} left`
				: n === 0
					? 'due today'
					: `${-n} working day${n === -1 ? '' : 's'} overdue`,
		doneOnTime: 'done on time',
		doneLate: 'done late',
		done: 'done',
		answer: 'Answer',
		listTitle: 'Answered petitions',
		listIntro:
			'Petitions published with the competent agency’s answer. Personal details are hidden. Petitions and answers are in Vietnamese.',
		listEmpty: 'No answered petitions have been published yet.',
		sendNew: 'Send a new petition',
		count: (n: number) => `${number.format(n)} petition${n === 1 ? '' : 's'}`,
		like: (n: number) => `Helpful (${number.format(n)})`,
		dislike: (n: number) => `Not helpful (${number.format(n)})`,
		reactionLabel: 'Was this answer helpful?',
		reacted: 'Thank you for your rating.',
		alreadyReacted: 'You have already rated this answer.',
		reactionFailed: 'Your rating could not be recorded. Please try again later.'
	},
	accessibility: {
		title: 'Accessibility statement'
	},
	form: {
		errorSummary: 'Not sent yet. Please correct the following:',
		required: 'required',
		tooMany: (seconds: number) =>
			`You have sent too many requests. Please try again in ${seconds} seconds.`,
		conflict: 'This was already sent with different content. Please reload the page and send it again.',
		unavailable: 'The system could not receive it. Please try again in a few minutes.',
		invalid: 'The data is not valid.'
	},
	rating: {
		title: 'Rate how your dossier was handled',
		intro:
			'Rate the nine criteria of Circular 01/2018/TT-VPCP, 0 to 2 points each, 18 in all. Fields marked * are required.',
		about: 'The dossier you are rating',
		agency: 'Agency that handled the dossier',
		agencyHint: 'Where you filed the dossier or collected the result.',
		agencyChoose: '— Choose an agency —',
		agenciesOfProcedure: 'Agencies of this procedure',
		otherAgencies: 'Other agencies',
		procedure: 'Procedure code (optional)',
		procedureHint: 'For example 1.001193.',
		procedureName: (name: string) => `Procedure: ${name}`,
		dossier: 'Dossier code (optional)',
		dossierHint: 'Printed on the receipt, for example H40.01-20260406-0042.',
		dossierFound: (code: string, agency: string) => `Dossier ${code} at ${agency}.`,
		dossierMissing: (code: string) =>
			`No dossier with the code “${code}” was found. You can still rate: choose the agency.`,
		criteria: 'Criteria',
		points: (n: number) => (n === 1 ? '1 point' : `${n} points`),
		criterion: {
			total_time: {
				label: 'Total handling time against the legal time limit',
				options: ['Late', 'On time', 'Early']
			},
			agency_time: {
				label: 'Time taken at each agency',
				options: ['An agency was late', 'On time', 'Early']
			},
			contacts: {
				label: 'Times you had to get in touch to complete the dossier',
				options: ['3 times or more', 'Twice', 'At most once']
			},
			agencies_contacted: {
				label: 'Number of agencies you had to contact',
				options: ['3 or more agencies', '2 agencies', 'Only the one-stop desk']
			},
			one_stop: {
				label: 'Filed and collected at the one-stop desk',
				options: [
					'Neither filed nor collected at the one-stop desk',
					'Only filed or only collected at the one-stop desk',
					'Both filed and collected at the one-stop desk'
				]
			},
			publicly_posted: {
				label: 'The procedure was publicly posted',
				options: ['Not posted', 'Posted incompletely', 'Posted in full, as required']
			},
			attitude: {
				label: 'Attitude of the staff who guided, received and handled it',
				options: ['Obstructive or demanding', 'Ordinary', 'Polite and helpful']
			},
			feedback_handling: {
				label: 'How your feedback or petitions were handled',
				options: [
					'Not taken up or explained',
					'Explained, but late or unsatisfactorily',
					'Taken up and explained promptly and satisfactorily (or no feedback given)'
				]
			},
			online_quality: {
				label: 'Progress and quality of the online service',
				options: [
					'Did not work or could not be used',
					'Slow or of poor quality',
					'On schedule and of good quality (or not filed online)'
				]
			}
		},
		submit: 'Send rating',
		doneTitle: 'Thank you for your rating',
		doneTotal: (total: number, max: number) => `Total: ${total}/${max} points.`,
		doneGrade: (grade: string) => `Grade: ${grade}.`,
		doneNext: 'Your rating helps the agency improve how it handles administrative procedures.',
		doneStats: 'See the published ratings',
		doneHome: 'Back to the home page',
		doneMissing: 'There is no rating to show.'
	},
	kiosk: {
		title: 'Rate us at the counter',
		question: 'Are you satisfied with how your dossier was received and handled today?',
		counter: (n: string) => `Counter ${n}`,
		levels: {
			very_satisfied: 'Very satisfied',
			satisfied: 'Satisfied',
			dissatisfied: 'Not satisfied'
		},
		choose: 'Touch one choice',
		thanks: 'Thank you for your rating!',
		thanksText: 'Your opinion has been recorded.',
		resetIn: (n: number) => `This screen goes back in ${n} seconds.`,
		again: 'Go back now',
		failed: 'Your rating was not recorded. Please touch it again.',
		setupTitle: 'This rating screen is not set up',
		setupText:
			'Its address needs the agency number, for example /kiosk?co-quan=12&quay=3. The number is the one in the agency page’s address.',
		unknownAgency: (id: string) => `There is no agency number “${id}”.`
	},
	stats: {
		title: 'Public statistics',
		intro:
			'How satisfied citizens and businesses are, and how dossiers are handled, by agency and period.',
		filters: 'Choose what to show',
		agency: 'Agency',
		province: 'Whole province',
		period: 'Period',
		periodHint: 'A year, a quarter or a month.',
		periodYear: (y: string) => `Year ${y}`,
		periodQuarter: (q: string, y: string) => `Q${q} ${y}`,
		periodMonth: (m: string, y: string) => `${m}/${y}`,
		groupYears: 'Years',
		groupQuarters: 'Quarters',
		groupMonths: 'Months',
		show: 'Show statistics',
		scope: (agency: string, period: string) => `${agency}, ${period}`,
		invalidPeriod: 'That period is not valid. Showing the default period.',
		unavailable: 'These figures could not be loaded. Please try again later.',
		noData: 'No figures for this period yet.',
		satisfaction: 'Satisfaction',
		counter: 'Ratings at the counter',
		counterCaption: 'Counter ratings by level',
		responses: (n: number) => (n === 1 ? '1 rating' : `${number.format(n)} ratings`),
		shareSatisfied: 'Share satisfied',
		interval: (lo: string, hi: string) => `95% confidence interval: ${lo}–${hi}`,
		evaluations: 'Dossier handling evaluations (18-point scale)',
		meanTotal: 'Average score',
		criteriaCaption: 'Average score by criterion (0–2 points)',
		grades: 'Grades',
		gradeLabels: {
			rat_tot: 'Very good',
			tot: 'Good',
			dat: 'Pass',
			khong_dat: 'Fail'
		} as Record<string, string>,
		gradesCaption: 'Evaluations by grade',
		pages: 'Procedure pages found useful',
		pagesShare: (share: string, n: number) => `${share} of ${number.format(n)} responses`,
		dossiers: 'Dossier handling',
		received: 'Dossiers received',
		receivedNew: 'New in the period',
		carriedOver: 'Carried over',
		receivedOnline: 'Filed online',
		resolved: 'Resolved',
		resolvedEarly: 'Resolved early',
		resolvedOnTime: 'Resolved on time',
		resolvedLate: 'Resolved late',
		pending: 'Being handled',
		pendingWithin: 'Not yet due',
		pendingOverdue: 'Overdue',
		rejected: 'Refused',
		withdrawn: 'Withdrawn',
		onTimeRate: 'On-time rate',
		onlineShare: 'Share filed online',
		dossiersCaption: 'Outcome of dossiers',
		byAgency: 'Agencies compared',
		byAgencyCaption: 'Dossiers resolved on time, by agency (%)',
		figure: 'Figure',
		value: 'Value',
		count: 'Number',
		chartNote: 'Chart; the full figures are in the table below.',
		notApplicable: 'n/a'
	},
	dossier: {
		lookupTitle: 'Track a dossier',
		lookupIntro:
			'Enter the dossier code printed on your receipt to see how it is progressing. Personal details are partly hidden.',
		codeLabel: 'Dossier code',
		codeHint: 'Agency code, date received and number, for example H40.01-20260406-0042.',
		submit: 'Look up',
		scan: 'Scan the barcode with the camera',
		scanHint: 'Hold the barcode or QR code of the receipt inside the frame.',
		scanStop: 'Stop scanning',
		scanLoading: 'Loading the code reader…',
		scanUnsupported: 'This browser cannot scan codes. Please type the dossier code.',
		scanDenied: 'The camera could not be opened. Please type the dossier code.',
		scanFound: (code: string) => `Read ${code}. Looking it up…`,
		invalid: (code: string) =>
			`“${code}” is not a dossier code. A code is the agency code, the date received (8 digits) and a number, joined by hyphens, for example H40.01-20260406-0042.`,
		title: (code: string) => `Dossier ${code}`,
		procedure: 'Procedure',
		agency: 'Received by',
		channel: 'Filed',
		channels: { direct: 'In person', postal: 'By post', online: 'Online' } as Record<
			string,
			string
		>,
		applicant: 'Applicant',
		status: 'Status',
		receivedAt: 'Received on',
		promisedAt: 'Result promised for',
		deadline: 'Deadline (including waits for more documents)',
		resolvedAt: 'Resolved on',
		timeliness: 'Progress',
		timelinessLabels: {
			early: 'Resolved early',
			on_time: 'Resolved on time',
			late: 'Resolved late',
			pending_within: 'Being handled, within the deadline',
			pending_overdue: 'Being handled, overdue',
			rejected: 'Refused',
			withdrawn: 'Withdrawn'
		} as Record<string, string>,
		agencies: 'Agencies it passed through',
		history: 'History',
		receipt: 'View and print the receipt',
		rate: 'Rate how this dossier was handled',
		notFoundHeading: 'Dossier not found',
		notFoundText: (code: string) =>
			`There is no dossier with the code “${code}”. Check each character on your receipt: the agency code, the date received (8 digits) and the number, for example H40.01-20260406-0042. A dossier filed a moment ago may take a few minutes to appear.`,
		badFormat:
			'This is not a dossier code: it should be the agency code, the date received (8 digits) and a number, joined by hyphens.',
		tooMany: 'You have looked up too many dossiers. Please try again in a few minutes.',
		receiptTitle: 'Dossier receipt',
		receiptFor: (code: string) => `Receipt for dossier ${code}`,
		receiptLookup: 'Follow your dossier at',
		receiptScan: 'Scan the QR code to follow it',
		receiptBarcode: (code: string) => `Barcode of the dossier code ${code}`,
		receiptQr: 'QR code of the dossier’s tracking page',
		receiptRate: 'Once you have the result, rate how the dossier was handled at',
		print: 'Print the receipt',
		receiptPdf: 'Download the receipt (PDF, in Vietnamese)',
		back: 'Back to the dossier'
	},
	filing: {
		title: (name: string) => `Apply online: ${name}`,
		intro:
			'Fill in the applicant’s details, attach the documents, check them and confirm. Fields marked * are required.',
		processingTime: 'Processing time',
		applicant: 'Applicant',
		fields: {
			applicant_name: 'Full name',
			applicant_phone: 'Phone number',
			applicant_email: 'Email',
			applicant_id_number: 'Citizen ID number',
			applicant_address: 'Address'
		} as Record<string, string>,
		documents: 'Documents',
		documentsHint: 'One file per document. Photograph it clearly or scan it to PDF.',
		optionalDocuments: (n: number) => `Documents needed only in some cases (${n}): open if one applies to you`,
		accept: (types: string, size: string) => `${types} file, at most ${size}.`,
		forms: 'Forms',
		downloadForm: (name: string) => `Download ${name}`,
		confirmTitle: 'Check and confirm',
		confirmText:
			'Before sending, check that the name, phone, ID number and address match your papers, and that every required document has a file.',
		confirm:
			'I declare that the information and the attached documents are true, and I am legally responsible for them.',
		filesAgain: 'For your safety the files you chose were not kept: choose them again before sending.',
		submit: 'File the dossier',
		fileType: (name: string) => `The file “${name}” is not of an allowed type.`,
		fileSize: (name: string, size: string) => `The file “${name}” is larger than ${size}.`,
		fileMissing: 'Attach this document.',
		tooManyFiles: (n: number) => (n === 1 ? 'Only one file for this document.' : `At most ${n} files for this document.`),
		tooLarge: (size: string) => `The files together are larger than ${size}.`,
		confirmMissing: 'Tick the confirmation before filing.',
		notOpenHeading: 'Not open for online filing',
		notOpen:
			'This procedure does not take dossiers online on this portal yet. See how to file in person or by post on the procedure page.',
		procedurePage: 'See the procedure page'
	}
};
