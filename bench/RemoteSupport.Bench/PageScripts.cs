namespace RemoteSupport.Bench;

/// JavaScript the benchmark runs in the pages. Times are epoch milliseconds
/// (performance.timeOrigin + performance.now()) so marks of the portal and the glass page line up.
internal static class PageScripts
{
    /// Init script for the portal and the glass page: timestamps of hub frames, getUserMedia and
    /// peer-connection steps, kept in window.__benchMarks. It wraps the browser APIs the product
    /// calls; the product code itself is untouched. Also: each fetch (start, response headers, blob read) and
    /// ImageCapture.takePhoto. Cost: one JSON.parse per hub frame, a few marks per request.
    public const string Instrumentation = """
        (() => {
          if (window.__benchMarks) return;
          const marks = [];
          const clock = () => performance.timeOrigin + performance.now();
          const mark = (what, data) => marks.push(data === undefined ? { t: clock(), what } : { t: clock(), what, data });
          Object.defineProperty(window, '__benchMarks', { value: marks });
          Object.defineProperty(window, '__benchMark', { value: mark });

          // SignalR JSON protocol: records separated by 0x1e; type 1 invocation, type 3 completion.
          const pending = new Map();
          const onFrames = (direction, data) => {
            if (typeof data !== 'string') return;
            for (const record of data.split('\x1e')) {
              if (!record) continue;
              let m;
              try { m = JSON.parse(record); } catch { continue; }
              if (m.type === 1) {
                let name = m.target;
                if (name === 'Signal' || name === 'SendSignal') name += ':' + (m.arguments?.[0]?.kind ?? '?');
                if (direction === 'out' && m.invocationId) pending.set(m.invocationId, name);
                // Arguments worth keeping: pointer positions (matched by position) and ids of calls and files.
                const a = m.arguments?.[0];
                const data = name === 'MovePointer' || name === 'PointerMoved' ? { x: a?.x, y: a?.y }
                  : name === 'FileShared' ? { fileId: a?.fileId, kind: a?.kind }
                  : name === 'SnapshotRequested' || name === 'RequestSnapshot' ? { callId: a }
                  : undefined;
                mark(direction + ' ' + name, data);
              } else if (m.type === 3 && direction === 'in') {
                const name = pending.get(m.invocationId);
                pending.delete(m.invocationId);
                mark('done ' + (name ?? '?'));
              }
            }
          };
          const NativeWebSocket = window.WebSocket;
          window.WebSocket = class extends NativeWebSocket {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', (e) => onFrames('in', e.data));
            }
            send(data) {
              onFrames('out', data);
              return super.send(data);
            }
          };

          const devices = navigator.mediaDevices;
          if (devices) {
            const getUserMedia = devices.getUserMedia.bind(devices);
            devices.getUserMedia = async (constraints) => {
              const kinds = ['audio', 'video'].filter((k) => constraints?.[k]).join('+');
              mark('gUM start ' + kinds);
              try { return await getUserMedia(constraints); } finally { mark('gUM end ' + kinds); }
            };
          }

          // HTTP: start and response headers of each fetch, and when a body read as a blob is complete.
          // Ids and queries are left out of the label, so the same step of each round lines up.
          const label = (method, url) => method + ' ' + String(url).replace(/^https?:\/\/[^/]+/, '')
            .replace(/\?.*$/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '{id}');
          const nativeFetch = window.fetch;
          window.fetch = async function (input, init) {
            const what = label((init?.method ?? input?.method ?? 'GET').toUpperCase(), typeof input === 'string' || input instanceof URL ? input : input.url);
            mark('fetch start ' + what);
            // The last file uploaded (the snapshot benchmark sends the same bytes again as its reference).
            if (init?.body instanceof FormData && init.body.get('file') instanceof Blob) window.__benchLastUpload = init.body.get('file');
            const response = await nativeFetch.call(this, input, init);
            mark('fetch end ' + what);
            return response;
          };
          const nativeBlob = Response.prototype.blob;
          Response.prototype.blob = async function () {
            const blob = await nativeBlob.call(this);
            mark('blob end ' + label('GET', this.url));
            return blob;
          };
          if (typeof ImageCapture === 'function') {
            const takePhoto = ImageCapture.prototype.takePhoto;
            ImageCapture.prototype.takePhoto = async function (...args) {
              mark('takePhoto start');
              try { return await takePhoto.apply(this, args); } finally { mark('takePhoto end'); }
            };
          }

          const NativePeerConnection = window.RTCPeerConnection;
          window.RTCPeerConnection = class extends NativePeerConnection {
            constructor(...args) {
              super(...args);
              mark('pc new');
              let first = true;
              this.addEventListener('icecandidate', (e) => {
                if (e.candidate && first) { first = false; mark('first local candidate'); }
              });
              this.addEventListener('iceconnectionstatechange', () => mark('ice ' + this.iceConnectionState));
              this.addEventListener('connectionstatechange', () => mark('pc ' + this.connectionState));
              this.addEventListener('track', (e) => {
                mark('track ' + e.track.kind);
                e.track.addEventListener('unmute', () => mark('unmute ' + e.track.kind), { once: true });
              });
            }
            async setLocalDescription(...args) {
              await super.setLocalDescription(...args);
              mark('sLD ' + this.localDescription?.type);
            }
            async setRemoteDescription(...args) {
              await super.setRemoteDescription(...args);
              mark('sRD ' + args[0]?.type);
            }
          };
        })();
        """;

    /// Arms the portal for one call: the click on a contact's Call button starts the clock, the first
    /// frame presented by <video data-testid="remote-video"> (requestVideoFrameCallback) stops it.
    /// window.__benchCall.done resolves with { click, frame } (epoch ms) or rejects after 20 s.
    public const string ArmPortal = """
        () => {
          if (document.querySelector('[data-testid=remote-video]')) throw new Error('the previous call is still on screen');
          window.__benchMarks.length = 0;
          const clock = () => performance.timeOrigin + performance.now();
          const r = { click: null, frame: null };
          let resolve, reject;
          const done = new Promise((res, rej) => { resolve = res; reject = rej; });
          const onClick = (e) => {
            if (r.click === null && e.target instanceof Element && e.target.closest('[data-testid=contact] button')) {
              r.click = clock();
              window.__benchMark('click');
              document.removeEventListener('click', onClick, true);
            }
          };
          document.addEventListener('click', onClick, true);
          const observer = new MutationObserver(() => {
            const video = document.querySelector('[data-testid=remote-video]');
            if (!video) return;
            observer.disconnect();
            window.__benchMark('video element');
            for (const type of ['loadedmetadata', 'playing']) {
              video.addEventListener(type, () => window.__benchMark('video ' + type), { once: true });
            }
            video.requestVideoFrameCallback((now, meta) => {
              r.frame = performance.timeOrigin + meta.presentationTime;
              r.width = meta.width;
              r.height = meta.height;
              window.__benchMarks.push({ t: r.frame, what: 'first frame' });
              resolve(r);
            });
          });
          observer.observe(document.body, { childList: true, subtree: true });
          const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no frame within 20 s')); }, 20000);
          window.__benchCall = { done: done.finally(() => clearTimeout(timer)) };
        }
        """;

    /// The bare baseline in one page: getUserMedia (the same constraints the glasses use) → two
    /// RTCPeerConnections handing offer, answer and candidates to each other directly → the first
    /// frame presented by a <video> (requestVideoFrameCallback). Roles as in the product: the
    /// receiving side (the expert) offers recvonly audio+video, the sending side (the glasses)
    /// answers with its tracks. No ICE servers, max-bundle, as the product with TURN mode None.
    public const string BareLoopback = """
        async () => {
          const now = () => performance.now();
          const deferred = () => { let resolve; const promise = new Promise((r) => (resolve = r)); return { promise, resolve }; };
          const t0 = now();
          const stream = await navigator.mediaDevices.getUserMedia({
            audio: true,
            video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
          });
          const tGum = now();
          const config = { iceServers: [], bundlePolicy: 'max-bundle' };
          const receiver = new RTCPeerConnection(config);
          const sender = new RTCPeerConnection(config);
          const senderReady = deferred();
          const receiverReady = deferred();
          receiver.onicecandidate = (e) => e.candidate && senderReady.promise.then(() => sender.addIceCandidate(e.candidate));
          sender.onicecandidate = (e) => e.candidate && receiverReady.promise.then(() => receiver.addIceCandidate(e.candidate));
          const video = document.createElement('video');
          video.muted = true;
          video.autoplay = true;
          video.playsInline = true;
          video.style.width = '640px';
          document.body.append(video);
          let tConnected = null;
          receiver.onconnectionstatechange = () => { if (receiver.connectionState === 'connected') tConnected = now(); };
          const frame = new Promise((resolve) => video.requestVideoFrameCallback((n, meta) => resolve(meta)));
          let tUnmute = null;
          receiver.ontrack = (e) => {
            if (e.track.kind !== 'video') return;
            e.track.addEventListener('unmute', () => (tUnmute = now()), { once: true });
            video.srcObject = new MediaStream([e.track]);
            video.play().catch(() => undefined);
          };
          receiver.addTransceiver('audio', { direction: 'recvonly' });
          receiver.addTransceiver('video', { direction: 'recvonly' });
          await receiver.setLocalDescription();
          await sender.setRemoteDescription(receiver.localDescription);
          senderReady.resolve();
          for (const transceiver of sender.getTransceivers()) {
            const track = stream.getTracks().find((t) => t.kind === transceiver.receiver.track.kind);
            await transceiver.sender.replaceTrack(track ?? null);
            transceiver.direction = 'sendrecv';
          }
          await sender.setLocalDescription();
          await receiver.setRemoteDescription(sender.localDescription);
          receiverReady.resolve();
          const tAnswered = now();
          const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no frame within 20 s')), 20000));
          try {
            const meta = await Promise.race([frame, timeout]);
            return {
              total: meta.presentationTime - t0,
              gum: tGum - t0,
              signalled: tAnswered - t0,
              connected: tConnected === null ? -1 : tConnected - t0,
              unmuted: tUnmute === null ? -1 : tUnmute - t0,
              width: meta.width,
              height: meta.height,
            };
          } finally {
            receiver.close();
            sender.close();
            stream.getTracks().forEach((t) => t.stop());
            video.remove();
          }
        }
        """;
}
