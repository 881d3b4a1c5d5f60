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
		petition: 'Send feedback or a petition'
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
		rate: 'Rate the service',
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
		errorSummary: 'Not sent yet. Please correct the following:',
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
		trackHint: 'The code in the confirmation text message, e.g. PAKN-2026-000123.',
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
	}
};
