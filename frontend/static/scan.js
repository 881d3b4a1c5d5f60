// The dossier lookup's "scan" button. Shown only where the browser can read barcodes:
// its own BarcodeDetector (Android Chrome), or a decoder worker named by the button's
// data-decoder, which is fetched only when the button is pressed. Typing the code
// works the same without any of this.
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

	function found(text) {
		const match = /\/ho-so\/([^/?#\s]+)/.exec(text);
		const code = (match ? decodeURIComponent(match[1]) : text).replace(/\s+/g, '');
		stop();
		input.value = code;
		say(button.dataset.msgFound.replace('{code}', code));
		form.requestSubmit ? form.requestSubmit() : form.submit();
	}

	/** Reads frames with the browser's own detector. */
	async function nativeLoop() {
		const wanted = ['code_128', 'qr_code'];
		const formats = (await BarcodeDetector.getSupportedFormats()).filter((f) => wanted.includes(f));
		if (formats.length === 0) throw new Error('unsupported');
		const detector = new BarcodeDetector({ formats });
		const tick = async () => {
			if (!stream) return;
			try {
				const codes = await detector.detect(video);
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
		worker = new Worker(decoder, { type: 'module' });
		const canvas = document.createElement('canvas');
		const context = canvas.getContext('2d', { willReadFrequently: true });
		let busy = false;
		worker.onmessage = (event) => {
			busy = false;
			if (event.data && event.data.text) found(event.data.text);
		};
		worker.onerror = () => {
			stop();
			say(button.dataset.msgUnsupported);
		};
		const tick = () => {
			if (!stream) return;
			if (!busy && video.videoWidth > 0) {
				canvas.width = video.videoWidth;
				canvas.height = video.videoHeight;
				context.drawImage(video, 0, 0);
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
		try {
			if (native) await nativeLoop();
			else workerLoop();
		} catch {
			if (decoder) workerLoop();
			else {
				stop();
				say(button.dataset.msgUnsupported);
			}
		}
	});
})();
