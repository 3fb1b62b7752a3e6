/**
 * The checks that read inside every content page (lessons, home, glossary, the authors'
 * guide): demo tags and their props, mermaid diagrams and self-check questions. Frontmatter and links have
 * their own checks (`lessonCheck.ts`, starlight-links-validator).
 */
import { fileURLToPath } from 'node:url';
import { type ContentDocument, isProblem, listContentFiles, readContentDocument } from './contentDocuments';
import { checkDemoTags } from './demoCheck';
import type { ContentProblem } from './lessonCheck';
import { checkMermaid, findMermaidBlocks, missingAccessibility } from './mermaidCheck';
import { checkQuestions } from './questionCheck';

export interface AuthoringReport {
  problems: ContentProblem[];
  /** Worth fixing, but not worth failing the build for. */
  warnings: ContentProblem[];
}

/** Checks `files` (absolute paths), or every page under `src/content/docs/` by default. */
export async function checkAuthoring(root: URL, files?: string[]): Promise<AuthoringReport> {
  const rootPath = fileURLToPath(root);
  const paths = files ?? listContentFiles(fileURLToPath(new URL('src/content/docs/', root)));
  const read = paths.map((path) => readContentDocument(path, rootPath));
  const documents = read.filter((entry): entry is ContentDocument => !isProblem(entry));
  const problems = [
    ...read.filter(isProblem),
    ...documents.flatMap((document) => checkDemoTags(document, rootPath)),
    ...(await checkMermaid(documents, new URL('integrations/mermaidWorker.mjs', root))),
    // Self-check questions, and the <Autoevaluacion> tags that name them (questionCheck.ts).
    ...checkQuestions(root, documents),
  ];
  const warnings = documents.flatMap(findMermaidBlocks).flatMap((block) => {
    const missing = missingAccessibility(block);
    return missing.length === 0
      ? []
      : [
          {
            file: block.file,
            line: block.line,
            message: `al diagrama mermaid le falta ${missing.join(' y ')}: los lectores de pantalla solo dirán «diagrama»`,
          },
        ];
  });
  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return { problems, warnings };
}
