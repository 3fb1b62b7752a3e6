import { describe, expect, it } from 'vitest';
import {
  acceptSteps,
  computeAccept,
  frameBytes,
  handshakeReport,
  requestHeadBytes,
  responseHeadBytes,
  WEBSOCKET_GUID,
} from '../../party/wire/rfc6455';
import { encodeServer, parseServerMessage } from '../../party/wire/serverMessages';
import {
  addFrame,
  enoughFrames,
  FIRST_FRAMES,
  type FrameRecord,
  headerValue,
  RFC_EXAMPLE,
  RFC_STEPS,
  requestLines,
  responseLines,
} from '../../src/demos/handshake/handshakeView';

// RFC 6455, section 1.3: the worked example of the opening handshake.
const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

describe('handshake: the accept value, as RFC 6455 computes it', () => {
  it("turns the RFC's example key into the RFC's accept value", async () => {
    expect(await computeAccept(RFC_KEY)).toBe(RFC_ACCEPT);
  });

  it('shows every step: the nonce, the GUID appended, the SHA-1 and its base64', async () => {
    const steps = await acceptSteps(RFC_KEY);
    // The key is base64 of the 16 bytes "the sample nonce".
    expect(steps.nonceHex).toBe('74 68 65 20 73 61 6d 70 6c 65 20 6e 6f 6e 63 65');
    expect(steps.joined).toBe(`${RFC_KEY}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`);
    expect(WEBSOCKET_GUID).toBe('258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    // The RFC lists these 20 bytes of the SHA-1.
    expect(steps.sha1Hex).toBe('b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea');
    expect(steps.accept).toBe(RFC_ACCEPT);
  });

  it('still computes an accept value for a key that is not base64, and says the nonce is unreadable', async () => {
    const steps = await acceptSteps('no es base64!');
    expect(steps.nonceHex).toBeNull();
    expect(steps.accept).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});

describe('handshake: the report of what the room received', () => {
  const request = {
    method: 'GET',
    url: 'http://127.0.0.1:1999/parties/main/demo?handshake=1&_pk=abc',
    headers: [
      ['Host', '127.0.0.1:1999'],
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', RFC_KEY],
      ['Sec-WebSocket-Version', '13'],
      ['User-Agent', 'prueba'],
      ['Cookie', 'secreto=1'],
    ] as [string, string][],
  };

  it('shows the request line and the handshake headers, counts the rest, and answers 101 with the accept', async () => {
    const report = await handshakeReport(request);
    expect(report.request.method).toBe('GET');
    expect(report.request.path).toBe('/parties/main/demo?handshake=1&_pk=abc');
    expect(report.request.headers).toEqual([
      ['host', '127.0.0.1:1999'],
      ['upgrade', 'websocket'],
      ['connection', 'Upgrade'],
      ['sec-websocket-key', RFC_KEY],
      ['sec-websocket-version', '13'],
    ]);
    // The cookie and the user agent are only counted, never echoed.
    expect(report.request.otherHeaders).toBe(2);
    expect(JSON.stringify(report)).not.toContain('secreto');
    expect(report.response).toEqual({
      status: 101,
      statusText: 'Switching Protocols',
      headers: [
        ['upgrade', 'websocket'],
        ['connection', 'Upgrade'],
        ['sec-websocket-accept', RFC_ACCEPT],
      ],
    });
    expect(report.accept).toBe(RFC_ACCEPT);
    expect(report.request.bytes).toBe(
      requestHeadBytes(
        'GET',
        report.request.path,
        request.headers.map(([n, v]) => [n.toLowerCase(), v]),
      ),
    );
    expect(parseServerMessage(encodeServer(report)).ok).toBe(true);
  });

  it("shows, until a reader's own arrives, exactly what the room would report for the RFC's example request", async () => {
    const rfcRequest = {
      method: 'GET',
      url: 'http://server.example.com/chat',
      headers: [
        ['Host', 'server.example.com'],
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', RFC_KEY],
        ['Origin', 'http://example.com'],
        ['Sec-WebSocket-Protocol', 'chat, superchat'],
        ['Sec-WebSocket-Version', '13'],
      ] as [string, string][],
    };
    expect(RFC_EXAMPLE).toEqual(await handshakeReport(rfcRequest));
    expect(RFC_STEPS).toEqual(await acceptSteps(RFC_KEY));
  });

  it('has no accept value when the request carried no key', async () => {
    const report = await handshakeReport({ ...request, headers: [['host', 'x']] });
    expect(report.accept).toBeNull();
    expect(report.response.headers.map(([n]) => n)).not.toContain('sec-websocket-accept');
  });
});

describe('handshake: sizes on the wire', () => {
  it('counts a request head byte for byte, blank line included', () => {
    expect(requestHeadBytes('GET', '/x', [['host', 'a']])).toBe('GET /x HTTP/1.1\r\nhost: a\r\n\r\n'.length);
    expect(responseHeadBytes(101, 'Switching Protocols', [['upgrade', 'websocket']])).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n'.length,
    );
  });

  it('adds 2 header bytes, 2 or 8 for long payloads, and 4 of mask on client frames', () => {
    expect(frameBytes(10, false)).toBe(12);
    expect(frameBytes(10, true)).toBe(16);
    expect(frameBytes(125, false)).toBe(127);
    expect(frameBytes(126, false)).toBe(130);
    expect(frameBytes(65_535, true)).toBe(65_535 + 8);
    expect(frameBytes(65_536, false)).toBe(65_536 + 10);
  });
});

describe('handshake demo: the view', () => {
  const report = {
    type: 'handshake' as const,
    request: {
      method: 'GET',
      path: '/parties/main/demo?handshake=1',
      headers: [
        ['host', 'h'],
        ['upgrade', 'websocket'],
        ['connection', 'Upgrade'],
        ['sec-websocket-key', RFC_KEY],
        ['sec-websocket-version', '13'],
      ] as [string, string][],
      otherHeaders: 3,
      bytes: 200,
    },
    response: {
      status: 101 as const,
      statusText: 'Switching Protocols',
      headers: [['sec-websocket-accept', RFC_ACCEPT]] as [string, string][],
    },
    accept: RFC_ACCEPT,
  };

  it('writes the request as HTTP lines and marks the four headers of the lesson', () => {
    const lines = requestLines(report);
    expect(lines[0]).toEqual({ text: 'GET /parties/main/demo?handshake=1 HTTP/1.1', key: false });
    expect(lines.filter((l) => l.key).map((l) => l.text.split(':')[0])).toEqual([
      'upgrade',
      'connection',
      'sec-websocket-key',
      'sec-websocket-version',
    ]);
    expect(lines.at(-1)?.text).toMatch(/y 3 cabeceras más/);
    expect(headerValue(report.request.headers, 'sec-websocket-key')).toBe(RFC_KEY);
  });

  it('writes the 101 and marks the accept header', () => {
    expect(responseLines(report)).toEqual([
      { text: 'HTTP/1.1 101 Switching Protocols', key: true },
      { text: `sec-websocket-accept: ${RFC_ACCEPT}`, key: true },
    ]);
  });

  it('keeps the first frames with their sizes, and has enough once the report and the pong arrived', () => {
    let frames: FrameRecord[] = [];
    frames = addFrame(frames, { type: 'open' }, 0);
    expect(frames).toEqual([]);
    frames = addFrame(frames, { type: 'send', data: '{"type":"ping","t":1}' }, 1);
    expect(frames[0]).toMatchObject({ direction: 'sent', type: 'ping', payload: 21, wire: 27 });
    frames = addFrame(frames, { type: 'receive', data: '{"type":"handshake"}' }, 2);
    expect(enoughFrames(frames)).toBe(false);
    frames = addFrame(frames, { type: 'receive', data: '{"type":"pong","t":1}' }, 3);
    expect(enoughFrames(frames)).toBe(true);
    for (let i = 0; i < 10; i++)
      frames = addFrame(frames, { type: 'receive', data: 'x'.repeat(500) }, 10 + i);
    expect(frames).toHaveLength(FIRST_FRAMES);
    expect(frames.at(-1)?.text.length).toBeLessThan(300);
    expect(frames.at(-1)?.type).toBe('texto');
  });
});
