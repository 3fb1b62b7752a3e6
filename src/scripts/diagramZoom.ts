/**
 * «Ampliar»: a drawn diagram, full screen, to zoom and pan on a phone where it had to be
 * scaled down until its labels could not be read. Loaded on the first click only.
 *
 * The SVG itself moves into a modal `<dialog>` and back on close, so its `<title>` and
 * `<desc>` (mermaid's accTitle and accDescr) go with it and the dialog is named by the
 * same title; its reserved box stays on the page, so nothing moves behind. Zoom and pan
 * come from @panzoom/panzoom: pinch and drag by touch, wheel and drag by mouse; by
 * keyboard, `+` and `-` zoom, the arrows pan and `0` resets. Escape closes (the dialog's
 * own behaviour) and focus returns to the «Ampliar» button.
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';

const PAN_STEP = 60;

interface Viewer {
  dialog: HTMLDialogElement;
  stage: HTMLElement;
  title: HTMLElement;
}

let viewer: Viewer | undefined;

function button(label: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}

interface Open {
  panzoom: PanzoomObject;
  svg: SVGSVGElement;
  /** The SVG's own style (mermaid's max-width), put back on close. */
  style: string | null;
  diagram: HTMLElement;
  opener: HTMLElement;
}

let current: Open | undefined;

function createViewer(): Viewer {
  const dialog = document.createElement('dialog');
  dialog.className = 'diagram-viewer';
  const title = document.createElement('h2');
  title.className = 'diagram-viewer-title';
  title.id = 'diagram-viewer-title';
  dialog.setAttribute('aria-labelledby', title.id);
  const toolbar = document.createElement('div');
  toolbar.className = 'diagram-viewer-tools';
  const stage = document.createElement('div');
  stage.className = 'diagram-viewer-stage';
  stage.tabIndex = 0;
  stage.setAttribute(
    'aria-label',
    'Diagrama ampliado: + y − acercan y alejan, las flechas lo mueven, 0 lo restablece',
  );
  toolbar.append(
    button('Acercar', '+', () => current?.panzoom.zoomIn()),
    button('Alejar', '−', () => current?.panzoom.zoomOut()),
    button('Restablecer el tamaño', '1:1', () => current?.panzoom.reset()),
    button('Cerrar el diagrama ampliado', 'Cerrar', () => dialog.close()),
  );
  dialog.append(title, toolbar, stage);
  stage.addEventListener('wheel', (event) => current?.panzoom.zoomWithWheel(event), { passive: false });
  dialog.addEventListener('keydown', (event) => {
    if (!current || event.target instanceof HTMLButtonElement) return;
    const pan = (x: number, y: number) => current?.panzoom.pan(x, y, { relative: true });
    const actions: Record<string, () => void> = {
      '+': () => current?.panzoom.zoomIn(),
      '=': () => current?.panzoom.zoomIn(),
      '-': () => current?.panzoom.zoomOut(),
      '0': () => current?.panzoom.reset(),
      ArrowLeft: () => pan(PAN_STEP, 0),
      ArrowRight: () => pan(-PAN_STEP, 0),
      ArrowUp: () => pan(0, PAN_STEP),
      ArrowDown: () => pan(0, -PAN_STEP),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
  dialog.addEventListener('close', () => {
    if (!current) return;
    const { panzoom, svg, style, diagram, opener } = current;
    current = undefined;
    panzoom.destroy();
    if (style === null) svg.removeAttribute('style');
    else svg.setAttribute('style', style);
    // A theme change while open drew a new SVG in the page: keep that one.
    if (!diagram.querySelector(':scope > svg')) diagram.prepend(svg);
    else svg.remove();
    (diagram.contains(opener) ? opener : diagram.querySelector<HTMLElement>('.diagram-zoom'))?.focus();
  });
  document.body.append(dialog);
  return { dialog, stage, title };
}

export function openZoom(diagram: HTMLElement, opener: HTMLElement): void {
  const svg = diagram.querySelector<SVGSVGElement>(':scope > svg');
  if (!svg) return;
  viewer ??= createViewer();
  const { dialog, stage, title } = viewer;
  title.textContent = diagram.dataset['title'] ?? svg.querySelector('title')?.textContent ?? 'Diagrama';
  const style = svg.getAttribute('style');
  stage.append(svg);
  dialog.showModal();
  stage.focus();
  const panzoom = Panzoom(svg as unknown as HTMLElement, {
    maxScale: 8,
    minScale: 0.5,
    step: 0.3,
    canvas: true,
  });
  current = { panzoom, svg, style, diagram, opener };
}
