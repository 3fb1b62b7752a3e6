/**
 * Adds a Sätteri mdast plugin to the project's Markdown processor, which MDX pages share, from
 * an integration's `astro:config:setup`. Where it goes matters: the mermaid plugin must run
 * before astro-mermaid's, the base-path plugin after everything that makes links.
 */
import { isSatteriProcessor, satteri } from '@astrojs/markdown-satteri';
import type { HookParameters } from 'astro';

type Setup = HookParameters<'astro:config:setup'>;
type MdastPlugin = NonNullable<NonNullable<Parameters<typeof satteri>[0]>['mdastPlugins']>[number];

export function addMdastPlugin(
  { config, updateConfig }: Pick<Setup, 'config' | 'updateConfig'>,
  plugin: MdastPlugin,
  at: 'first' | 'last',
): void {
  const processor = config.markdown.processor;
  if (!processor || !isSatteriProcessor(processor)) return;
  const options = processor.options ?? {};
  const others = options.mdastPlugins ?? [];
  updateConfig({
    markdown: {
      processor: satteri({
        ...options,
        mdastPlugins: at === 'first' ? [plugin, ...others] : [...others, plugin],
      }),
    },
  });
}
