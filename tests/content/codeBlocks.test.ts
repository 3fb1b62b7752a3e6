/**
 * Code in a lesson is code a reader will copy: every JS/TS block must parse (TypeScript's
 * compiler, syntax only), every JSON block and inline JSON payload must be valid JSON, and the
 * Socket.IO server example must do what lesson 05 says a server does: accept the page's
 * origin (CORS), check who may do what, and validate each payload before using it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { type Block, codeBlocks, exampleImporting, lessons, lessonsDir, SCRIPT } from './lessonCode';

const all = lessons.flatMap(codeBlocks);
/** Languages checked elsewhere (mermaid by the build) or that are not programs. */
const OTHER = new Set(['json', 'mermaid', 'sh', 'text', 'http']);

function syntaxErrors(block: Block): string[] {
  const { diagnostics = [] } = ts.transpileModule(block.code, {
    reportDiagnostics: true,
    fileName: `bloque.${block.lang === 'js' ? 'mjs' : block.lang}`,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('lesson code blocks', () => {
  it('finds the Socket.IO examples', () => {
    expect(all.filter((b) => SCRIPT.has(b.lang)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(all.map((b) => ({ ...b, at: `${b.file}:${String(b.line)}` })))('$at ($lang) parses', (block) => {
    expect(block.lang, 'cada bloque dice su lenguaje').not.toBe('');
    expect(SCRIPT.has(block.lang) || OTHER.has(block.lang), `lenguaje sin comprobar: ${block.lang}`).toBe(
      true,
    );
    if (SCRIPT.has(block.lang)) expect(syntaxErrors(block)).toEqual([]);
    if (block.lang === 'json') expect(() => JSON.parse(block.code)).not.toThrow();
  });

  it.each(lessons)('%s: inline JSON payloads in tables are valid JSON', (file) => {
    const text = readFileSync(path.join(lessonsDir, file), 'utf8');
    const payloads = [...text.matchAll(/^\|.*$/gm)].flatMap((row) =>
      [...row[0].matchAll(/`(\{[^`]*\})`/g)].map((m) => m[1] ?? ''),
    );
    for (const payload of payloads) expect(() => JSON.parse(payload), payload).not.toThrow();
  });
});

/** The Socket.IO server example, parsed. */
function socketIoServer(): ts.SourceFile {
  return ts.createSourceFile(
    'servidor.mjs',
    exampleImporting('socket.io').code,
    ts.ScriptTarget.ES2022,
    true,
  );
}

function find<T extends ts.Node>(root: ts.Node, test: (node: ts.Node) => node is T): T[] {
  const out: T[] = [];
  const visit = (node: ts.Node) => {
    if (test(node)) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

function property(object: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
  }
  return undefined;
}

/** `socket.on('event', handler)` calls: the event name and the handler. */
function handlers(
  file: ts.SourceFile,
): Array<{ event: string; handler: ts.ArrowFunction | ts.FunctionExpression }> {
  return find(file, ts.isCallExpression).flatMap((call) => {
    const callee = call.expression;
    const [name, handler] = call.arguments;
    const isOn = ts.isPropertyAccessExpression(callee) && callee.getText() === 'socket.on';
    if (!isOn || !name || !ts.isStringLiteral(name) || !handler) return [];
    if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return [];
    return [{ event: name.text, handler }];
  });
}

describe('the Socket.IO server example (lesson 05)', () => {
  const file = socketIoServer();

  it('passes CORS options to the Server: a list of allowed origins, not «*»', () => {
    const servers = find(file, ts.isNewExpression).filter((n) => n.expression.getText() === 'Server');
    expect(servers.length).toBe(1);
    const options = servers[0]?.arguments?.[1];
    const origin = property(property(options, 'cors'), 'origin');
    expect(origin && ts.isArrayLiteralExpression(origin), 'cors: { origin: [...] }').toBe(true);
    if (!origin || !ts.isArrayLiteralExpression(origin)) return;
    const origins = origin.elements.map((e) => (ts.isStringLiteral(e) ? e.text : e.getText()));
    expect(origins.length).toBeGreaterThan(0);
    for (const o of origins) expect(o).toMatch(/^https?:\/\/[^*]+$/);
  });

  it('never destructures a payload before checking it, and rejects what it cannot accept', () => {
    const hs = handlers(file);
    expect(hs.map((h) => h.event).sort()).toEqual(['encuesta:crear', 'encuesta:voto']);
    for (const { event, handler } of hs) {
      const [payload] = handler.parameters;
      expect(payload && ts.isIdentifier(payload.name), `${event}: el payload llega como un nombre`).toBe(
        true,
      );
      const body = handler.body.getText();
      expect(body, `${event}: usa el payload solo con ?? {}`).toMatch(/\?\? \{\}/);
      expect(body, `${event}: rechaza con encuesta:error`).toMatch(/rechazar\(/);
    }
  });

  it('lets only the teacher create a poll', () => {
    const create = handlers(file).find((h) => h.event === 'encuesta:crear');
    const first =
      create?.handler.body && ts.isBlock(create.handler.body) ? create.handler.body.statements[0] : undefined;
    expect(first?.getText()).toMatch(/^if \(!socket\.data\.docente\) return rechazar\(/);
    expect(file.getText()).toMatch(/io\.use\(/);
  });
});
