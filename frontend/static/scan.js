// The dossier lookup's "scan" button. Shown only where the browser can read barcodes:
// its own BarcodeDetector (Android Chrome, macOS Chrome), or the decoder worker named by
// the button's data-decoder (zxing-wasm, built by Vite into /_app/immutable/workers/),
// which is fetched only when the button is pressed. Typing the code works the same
// without any of this. src/lib/scan/scan-script.test.ts runs this file against fakes.
(() => {
	const button = document.querySelector('button[data-scan]');
	if (!button || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
	const native = 'BarcodeDetector' in window;
	const decoder = button.dataset.decoder;
	if (!native && !decoder) return;

	const form = button.closest('form');
	const input = form.querySelector('input[name="ma"]');
	const video = form.querySelector('[data-scan-video]');
	const status = form.querySelector('[data-scan-status]');
	const hint = form.querySelector('[data-scan-hint]');
	const label = button.textContent;
	/** A receipt's Code 128 barcode and QR code. */
	const wanted = ['code_128', 'qr_code'];
	/** Largest side of a frame sent to the worker: enough for a receipt, fast on phones. */
	const maxSide = 1280;
	let stream = null;
	let timer = 0;
	let worker = null;

	button.hidden = false;

	const say = (text) => {
		status.textContent = text;
	};

	function stop() {
		clearTimeout(timer);
		if (stream) for (const track of stream.getTracks()) track.stop();
		stream = null;
		if (worker) worker.terminate();
		worker = null;
		video.hidden = true;
		hint.hidden = true;
		button.textContent = label;
		button.setAttribute('aria-pressed', 'false');
	}

	/** The code in scanned text, read as the server reads ?ma= (dossierCodeFrom in src/lib/url.ts). */
	function codeFrom(text) {
		const value = String(text).trim();
		const match = /\/ho-so\/([^/?#\s]+)/.exec(value);
		let code = value;
		if (match) {
			try {
				code = decodeURIComponent(match[1]);
			} catch {
				code = match[1];
			}
		}
		return code.replace(/\s+/g, '').slice(0, 80);
	}

	function found(text) {
		const code = codeFrom(text);
		if (!code) return;
		stop();
		input.value = code;
		say(button.dataset.msgFound.replace('{code}', code));
		if (form.requestSubmit) form.requestSubmit();
		else form.submit();
	}

	function fail(message) {
		stop();
		say(message);
	}

	/** The browser's own detector when it reads both symbols; else the worker (if any). */
	async function useNative() {
		if (!native) return null;
		try {
			const formats = (await BarcodeDetector.getSupportedFormats()).filter((f) => wanted.includes(f));
			if (formats.length === wanted.length || (formats.length > 0 && !decoder)) return formats;
		} catch {
			// no usable detector
		}
		return null;
	}

	/** Reads frames with the browser's own detector. */
	function nativeLoop(formats) {
		const detector = new BarcodeDetector({ formats });
		const tick = async () => {
			if (!stream) return;
			try {
				const codes = await detector.detect(video);
				if (!stream) return;
				if (codes.length > 0) return found(codes[0].rawValue);
			} catch {
				// a frame that could not be read; try the next one
			}
			timer = setTimeout(tick, 250);
		};
		tick();
	}

	/** Sends frames to the decoder worker (loaded now, on the user's click). */
	function workerLoop() {
		say(button.dataset.msgLoading || '');
		try {
			worker = new Worker(decoder, { type: 'module' });
		} catch {
			return fail(button.dataset.msgUnsupported);
		}
		const canvas = document.createElement('canvas');
		const context = canvas.getContext('2d', { willReadFrequently: true });
		let busy = false;
		worker.onmessage = (event) => {
			const data = event.data || {};
			if (data.ready) return say('');
			if (data.error) return fail(button.dataset.msgUnsupported);
			// the answer to a frame: its text, or nothing found
			busy = false;
			if (data.text) found(data.text);
		};
		worker.onerror = () => fail(button.dataset.msgUnsupported);
		const tick = () => {
			if (!stream || !worker) return;
			if (!busy && video.videoWidth > 0) {
				const scale = Math.min(1, maxSide / Math.max(video.videoWidth, video.videoHeight));
				canvas.width = Math.round(video.videoWidth * scale);
				canvas.height = Math.round(video.videoHeight * scale);
				context.drawImage(video, 0, 0, canvas.width, canvas.height);
				busy = true;
				worker.postMessage(context.getImageData(0, 0, canvas.width, canvas.height));
			}
			timer = setTimeout(tick, 300);
		};
		tick();
	}

	button.addEventListener('click', async () => {
		if (stream) return stop();
		say('');
		try {
			stream = await navigator.mediaDevices.getUserMedia({
				video: { facingMode: 'environment' },
				audio: false
			});
		} catch {
			stream = null;
			return say(button.dataset.msgDenied);
		}
		video.srcObject = stream;
		video.hidden = false;
		hint.hidden = false;
		button.textContent = button.dataset.msgStop;
		button.setAttribute('aria-pressed', 'true');
		await video.play().catch(() => {});
		const formats = await useNative();
		if (!stream) return;
		if (formats) nativeLoop(formats);
		else if (decoder) workerLoop();
		else fail(button.dataset.msgUnsupported);
	});

	// Escape stops the camera; so does leaving the page (it may be kept in the back/forward cache).
	form.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && stream) {
			stop();
			button.focus();
		}
	});
	window.addEventListener('pagehide', () => {
		if (stream) stop();
	});
})();
