/*
 * The publish screen (PAKN inbox): select text in the original or in the public copy,
 * press "Che đoạn đã chọn", and the selection is added as a hidden `extra_mask` input of
 * the publish form; the public copy shows at once what will be published. Without
 * this script the textarea of the same form does the same job (one string a line),
 * with "Xem trước" for the preview. The server applies the same rule
 * (feedback.services.apply_extra_masks): every occurrence, any case, any white space
 * between the words.
 */
(function () {
	'use strict';
	const form = document.getElementById('publish-form');
	if (!form) return;
	const tool = form.querySelector('[data-mask-tool]');
	const list = form.querySelector('[data-mask-list]');
	const status = form.querySelector('[data-mask-status]');
	const textarea = form.querySelector('#extra-masks-text');
	const placeholder = form.dataset.placeholder || '[thông tin đã ẩn]';
	const sources = Array.from(document.querySelectorAll('[data-mask-source]'));
	const publicParts = Array.from(document.querySelectorAll('[data-public]'));
	for (const part of publicParts) part.dataset.original = part.textContent;
	let lastSelection = '';

	const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const normalise = (text) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

	function masks() {
		const chosen = Array.from(form.querySelectorAll('input[name="extra_mask"]'), (i) => i.value);
		const typed = textarea ? textarea.value.split('\n') : [];
		return [...chosen, ...typed].map(normalise).filter((m) => m.length >= 2);
	}

	function preview() {
		const all = masks().sort((a, b) => b.length - a.length);
		const pattern = all.length
			? new RegExp(all.map((m) => m.split(' ').map(escape).join('\\s+')).join('|'), 'giu')
			: null;
		for (const part of publicParts) {
			const original = part.dataset.original || '';
			part.textContent = pattern ? original.replace(pattern, placeholder) : original;
		}
	}

	function inSource(node) {
		return sources.some((source) => node && source.contains(node));
	}

	document.addEventListener('selectionchange', () => {
		const selection = document.getSelection();
		if (selection && !selection.isCollapsed && inSource(selection.anchorNode)) {
			lastSelection = normalise(selection.toString());
		}
	});

	function add(text) {
		const item = document.createElement('li');
		const input = document.createElement('input');
		input.type = 'hidden';
		input.name = 'extra_mask';
		input.value = text;
		const label = document.createElement('span');
		label.textContent = text + ' ';
		const remove = document.createElement('button');
		remove.type = 'button';
		remove.className = 'button button-small button-secondary';
		remove.textContent = 'Bỏ';
		remove.setAttribute('aria-label', 'Bỏ che “' + text + '”');
		remove.addEventListener('click', () => {
			item.remove();
			preview();
			status.textContent = 'Đã bỏ: “' + text + '”.';
		});
		item.append(input, label, remove);
		list.append(item);
	}

	tool.hidden = false;
	tool.querySelector('[data-mask-add]').addEventListener('click', () => {
		const text = lastSelection;
		if (text.length < 2) {
			status.textContent = 'Hãy bôi đen đoạn cần che (ít nhất 2 ký tự) ở bản gốc hoặc bản công khai.';
			return;
		}
		if (masks().some((m) => m.toLowerCase() === text.toLowerCase())) {
			status.textContent = 'Đoạn này đã có trong danh sách.';
			return;
		}
		add(text);
		lastSelection = '';
		document.getSelection()?.removeAllRanges();
		preview();
		status.textContent = 'Sẽ che: “' + text + '”.';
	});
	if (textarea) textarea.addEventListener('input', preview);
	preview();
})();
