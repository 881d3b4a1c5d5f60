// The procedure page's "Print" button: shown only when this script runs, since
// printing from a button needs JavaScript (the browser's own Print works without).
for (const button of document.querySelectorAll('button[data-print]')) {
	button.hidden = false;
	button.addEventListener('click', () => window.print());
}
