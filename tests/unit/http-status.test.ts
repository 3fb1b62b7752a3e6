import { describe, expect, it } from 'vitest';
import { demoCookies, parseDelay, planCookie } from '../../party/httpDemos';
import { type CookieCheck, cookieVerdict, relation, siteOf } from '../../src/demos/http-status/cookies';
import {
  describeExchange,
  FAMILY_TEXT,
  family,
  headerList,
  headersNote,
  prettyBody,
  protocolName,
  statusLine,
} from '../../src/demos/http-status/status';
import { roomHttpBase } from '../../src/lib/roomHttpBase';

describe('http-status: status codes', () => {
  it('puts each code in its family, with a one-line Spanish explanation', () => {
    expect(family(200)).toBe('2xx');
    expect(family(301)).toBe('3xx');
    expect(family(404)).toBe('4xx');
    expect(family(500)).toBe('5xx');
    expect(family(42)).toBeNull();
    expect(FAMILY_TEXT['4xx']).toMatch(/^Error del cliente/);
    expect(FAMILY_TEXT['5xx']).toMatch(/^Error del servidor/);
  });

  it('writes the status line, with the standard reason where HTTP/2 sends none', () => {
    expect(statusLine('HTTP/1.1', 404, 'Not Found')).toBe('HTTP/1.1 404 Not Found');
    expect(statusLine('HTTP/2', 404, '')).toBe('HTTP/2 404 Not Found');
    expect(statusLine('HTTP', 299, '')).toBe('HTTP 299');
  });

  it('names the protocol from nextHopProtocol', () => {
    expect(protocolName('http/1.1')).toBe('HTTP/1.1');
    expect(protocolName('h2')).toBe('HTTP/2');
    expect(protocolName('h3')).toBe('HTTP/3');
    expect(protocolName('')).toBe('HTTP');
    expect(protocolName(undefined)).toBe('HTTP');
  });

  it('describes a 404: line, explanation, sorted headers and pretty JSON body', () => {
    const exchange = describeExchange({
      requested: 404,
      status: 404,
      statusText: 'Not Found',
      protocol: 'HTTP/1.1',
      redirected: false,
      finalUrl: 'http://127.0.0.1:8787/parties/main/demo/demo/status/404',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['cache-control', 'no-store'],
      ],
      body: '{"codigo":404,"error":"No encontrado"}',
    });
    expect(exchange.steps).toEqual([
      { line: 'HTTP/1.1 404 Not Found', family: '4xx', explanation: FAMILY_TEXT['4xx'] },
    ]);
    expect(exchange.headers.map(([name]) => name)).toEqual(['cache-control', 'content-type']);
    expect(exchange.body).toBe('{\n  "codigo": 404,\n  "error": "No encontrado"\n}');
  });

  it('shows a followed 301 as two steps: the redirect the browser saw, then the final 200', () => {
    const exchange = describeExchange({
      requested: 301,
      status: 200,
      statusText: 'OK',
      protocol: 'HTTP/1.1',
      redirected: true,
      finalUrl: 'http://127.0.0.1:8787/parties/main/demo/demo/status/200?redirigido=1',
      headers: [],
      body: '{}',
    });
    expect(exchange.steps.map((s) => [s.line, s.family])).toEqual([
      ['HTTP/1.1 301 Moved Permanently', '3xx'],
      ['HTTP/1.1 200 OK', '2xx'],
    ]);
    expect(exchange.steps[0]?.note).toMatch(/Location.*\/demo\/status\/200\?redirigido=1/);
  });

  it('keeps a non-JSON body as text and cuts long ones', () => {
    expect(prettyBody('hola')).toBe('hola');
    expect(prettyBody('x'.repeat(10), 4)).toBe('xxxx…');
    expect(
      headerList([
        ['b', '2'],
        ['a', '1'],
      ]),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('says why some headers are not visible', () => {
    expect(headersNote(false)).toMatch(/nunca puede leer Set-Cookie/);
    expect(headersNote(true)).toMatch(/Access-Control-Expose-Headers/);
  });
});

describe('http-status: which site the room is on', () => {
  it('treats ports as the same site and other registrable hosts as other sites', () => {
    const page = new URL('http://127.0.0.1:4321/lecciones/');
    expect(relation(page, new URL('http://127.0.0.1:4321/parties/main/demo'))).toBe('same-origin');
    expect(relation(page, new URL('http://127.0.0.1:1999/parties/main/demo'))).toBe('same-site');
    expect(relation(page, new URL('http://localhost:1999/'))).toBe('cross-site');
    expect(relation(new URL('https://curso.example.org/'), new URL('https://sala.example.org/'))).toBe(
      'same-site',
    );
    expect(relation(new URL('http://curso.example.org/'), new URL('https://sala.example.org/'))).toBe(
      'cross-site',
    );
    expect(relation(new URL('https://ana.github.io/'), new URL('https://sala.github.io/'))).toBe(
      'cross-site',
    );
  });

  it('finds the site part of a host', () => {
    expect(siteOf('a.b.example.org')).toBe('example.org');
    expect(siteOf('ana.github.io')).toBe('ana.github.io');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
  });
});

describe('http-status: the cookie round trip', () => {
  const base: CookieCheck = {
    relation: 'same-origin',
    pageHost: '127.0.0.1:8787',
    roomHost: '127.0.0.1:8787',
    roomSecure: false,
    cookiesEnabled: true,
    setValue: 'abc123',
    attributes: ['Path=/parties/main/demo/demo/cookie', 'Max-Age=600', 'HttpOnly', 'SameSite=Lax'],
    echoedValue: 'abc123',
  };

  it('confirms a cookie that came back, saying why it could', () => {
    expect(cookieVerdict(base)).toMatchObject({ ok: true, rule: 'none' });
    expect(cookieVerdict(base).text).toMatch(/comparten origen/);
    const sameSite = cookieVerdict({ ...base, relation: 'same-site', roomHost: '127.0.0.1:1999' });
    expect(sameSite.text).toMatch(/mismo sitio.*SameSite=Lax/);
  });

  it('names SameSite when a Lax cookie is not sent to another site', () => {
    const verdict = cookieVerdict({
      ...base,
      relation: 'cross-site',
      roomHost: 'localhost:1999',
      echoedValue: null,
    });
    expect(verdict).toMatchObject({ ok: false, rule: 'samesite' });
    expect(verdict.text).toMatch(/Regla SameSite.*localhost:1999.*SameSite=Lax/);
  });

  it('names third-party cookie blocking when even SameSite=None did not come back', () => {
    const verdict = cookieVerdict({
      ...base,
      relation: 'cross-site',
      roomSecure: true,
      attributes: ['SameSite=None', 'Secure', 'Partitioned'],
      echoedValue: null,
    });
    expect(verdict).toMatchObject({ ok: false, rule: 'third-party' });
  });

  it('names Secure over http, and cookies turned off', () => {
    expect(cookieVerdict({ ...base, attributes: ['Secure'], echoedValue: null }).rule).toBe('secure');
    expect(cookieVerdict({ ...base, cookiesEnabled: false, echoedValue: null }).rule).toBe('disabled');
    expect(cookieVerdict({ ...base, echoedValue: null }).rule).toBe('unknown');
  });

  it('handles asking before any cookie was set, and an older cookie coming back', () => {
    expect(cookieVerdict({ ...base, setValue: null, echoedValue: null }).rule).toBe('not-set');
    expect(cookieVerdict({ ...base, setValue: null, echoedValue: 'old' })).toMatchObject({ ok: true });
    expect(cookieVerdict({ ...base, echoedValue: 'old' })).toMatchObject({ ok: false, rule: 'unknown' });
  });
});

describe('http-status: the server side of the cookie and the delay', () => {
  const url = new URL('http://127.0.0.1:1999/parties/main/demo/demo/cookie/set');

  it('scopes the cookie to the cookie endpoints and picks SameSite by context', () => {
    expect(planCookie(url, null, 'v').header).toBe(
      'demo_visita=v; Path=/parties/main/demo/demo/cookie; Max-Age=600; HttpOnly; SameSite=Lax',
    );
    expect(planCookie(url, 'http://127.0.0.1:4321', 'v').attributes).toContain('SameSite=Lax');
    const https = new URL('https://sala.example.dev/parties/main/demo/demo/cookie/set');
    expect(planCookie(https, 'https://sala.example.dev', 'v').attributes).toEqual([
      'Path=/parties/main/demo/demo/cookie',
      'Max-Age=600',
      'HttpOnly',
      'SameSite=Lax',
      'Secure',
    ]);
    expect(planCookie(https, 'https://curso.example.org', 'v').attributes).toEqual(
      expect.arrayContaining(['SameSite=None', 'Secure', 'Partitioned']),
    );
  });

  it('echoes only the demo cookies it received', () => {
    expect(demoCookies('otra=1; demo_visita=abc; demo_x=2')).toEqual({ demo_visita: 'abc', demo_x: '2' });
    expect(demoCookies(null)).toEqual({});
  });

  it('parses the delay: whole ms, capped at 3000, Spanish errors otherwise', () => {
    expect(parseDelay('400')).toEqual({ ok: true, requested: 400, applied: 400, capped: false });
    expect(parseDelay('5000')).toEqual({ ok: true, requested: 5000, applied: 3000, capped: true });
    expect(parseDelay('-1')).toMatchObject({ ok: false });
    expect(parseDelay(null)).toMatchObject({ ok: false, error: expect.stringMatching(/Falta/) });
  });
});

describe('room-http: the room base the islands get', () => {
  it('is a same-origin path without a configured host', () => {
    expect(roomHttpBase('demo', undefined)).toBe('/parties/main/demo');
    expect(roomHttpBase('clase 1', '')).toBe('/parties/main/clase%201');
  });

  it('is plain http for a loopback room and scheme-relative for any other', () => {
    expect(roomHttpBase('demo', '127.0.0.1:1999')).toBe('http://127.0.0.1:1999/parties/main/demo');
    expect(roomHttpBase('demo', 'https://sala.user.partykit.dev/')).toBe(
      '//sala.user.partykit.dev/parties/main/demo',
    );
  });
});
