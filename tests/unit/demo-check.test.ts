/**
 * The build-time demo-tag check, on a lesson held in memory: a tag used without its import
 * is told the import line from its own folder, and a bad prop names the tag and the prop.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mdxToMdast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { checkDemoTags } from '../../integrations/demoCheck';
import { ROOT } from '../../scripts/tools/root.mjs';
import { checkDemoProps, demoTags } from '../../src/demos/registry';

const LESSON = join(ROOT, 'src/content/docs/lecciones/99-prueba.mdx');

function check(source: string) {
  const document = { file: 'lecciones/99-prueba.mdx', path: LESSON, source, tree: mdxToMdast(source) };
  return checkDemoTags(document, ROOT).map((problem) => problem.message);
}

/** The path in a suggested `import Tag from '…';`, resolved from the lesson's folder. */
function suggested(message: string | undefined): string {
  const from = /import \w+ from '([^']+)';/.exec(message ?? '')?.[1] ?? '';
  return resolve(dirname(LESSON), from);
}

describe('demo tags in a lesson', () => {
  it('tells a tag used without its import the line to add, from the demo’s own folder', () => {
    const [message] = check('# Prueba\n\n<PushDemo sala="clase-1" />\n');
    expect(message).toContain("import PushDemo from '../../../demos/push/PushDemo.astro';");
    expect(existsSync(suggested(message))).toBe(true);
  });

  it.each(Object.keys(demoTags))('suggests an import of <%s> that is a real file', (tag) => {
    const [message] = check(`# Prueba\n\n<${tag} />\n`);
    expect(message).toContain(`<${tag}> se usa sin importarlo`);
    expect(existsSync(suggested(message)), suggested(message)).toBe(true);
  });

  it('names the tag and the prop of a bad prop, with the line', () => {
    const messages = check(
      'import PushDemo from \'../../../demos/push/PushDemo.astro\';\n\n<PushDemo sala="Clase 1" />\n',
    );
    expect(messages).toEqual([expect.stringMatching(/^<PushDemo> prop «sala»: nombre de sala no válido/)]);
  });

  it('tells a whole-number prop its range and how to write it', () => {
    const problems = (tag: Parameters<typeof checkDemoProps>[0], props: Record<string, unknown>) => {
      const result = checkDemoProps(tag, props);
      return result.ok ? [] : result.problems.map((problem) => `${problem.prop}: ${problem.message}`);
    };
    expect(problems('PollingVsPushDemo', { intervalo: 11 })).toEqual([
      'intervalo: debe ser un número entero de segundos, de 1 a 10',
    ]);
    expect(problems('SyncAsyncDemo', { peticiones: 2.5 })).toEqual([
      'peticiones: debe ser un número entero de 1 a 6',
    ]);
    expect(problems('Codigo', { archivo: 'x', limite: '10' })).toEqual([
      'limite: debe ser un número entre llaves, por ejemplo limite={10}',
    ]);
    expect(checkDemoProps('SyncAsyncDemo', {})).toMatchObject({
      ok: true,
      props: { peticiones: 3, espera: 400 },
    });
  });
});
