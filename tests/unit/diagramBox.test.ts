/**
 * The box reserved for a diagram before mermaid draws it: close to what mermaid then draws
 * (measured once with mermaid 11.17 in Chromium: each case's viewBox), so the drawing fits it
 * without looking lost; and the accessible text a printed, undrawn diagram shows.
 */
import { describe, expect, it } from 'vitest';
import { accessibleText, estimateDiagramBox } from '../../integrations/diagramBox';
import { diagramProperties } from '../../integrations/mermaidMdx';

const CASES = [
  {
    name: 'a sequence diagram with two participants',
    drawn: { width: 453, height: 259 },
    source: `sequenceDiagram
    accTitle: Petición y respuesta
    accDescr: El cliente pide y el servidor responde.
    participant C as Cliente - emisor
    participant S as Servidor - receptor
    C->>S: HTTP Request
    S-->>C: HTTP Response`,
  },
  {
    name: 'a sequence diagram with long multi-line messages and notes',
    drawn: { width: 988, height: 604 },
    source: `sequenceDiagram
    participant C as Cliente - navegador
    participant S as Servidor WebSocket
    C->>S: GET /chat HTTP/1.1<br/>Upgrade: websocket<br/>Connection: Upgrade<br/>Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==<br/>Sec-WebSocket-Version: 13
    S-->>C: HTTP/1.1 101 Switching Protocols<br/>Upgrade: websocket<br/>Connection: Upgrade<br/>Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
    Note over C,S: El canal de comunicación queda abierto
    C->>S: Mensaje del cliente
    S->>C: Mensaje del servidor
    Note right of S: El servidor tiene nueva información
    S-)C: Notificación push, sin solicitud previa`,
  },
  {
    name: 'a left-to-right flowchart with a reply edge',
    drawn: { width: 535, height: 173 },
    source: `flowchart LR
    id1("Cliente - Navegador") --> id2("DNS")
    id2 -- "dirección IP" --> id1
    id1 --> id3{{"Internet"}} --> id4[("Servidor")]`,
  },
  {
    name: 'a class diagram, stacked along its relations',
    drawn: { width: 417, height: 608 },
    source: `classDiagram
    class Server {
        +of(nombre) Namespace
        +emit(evento, datos)
    }
    class Namespace {
        +emit(evento, datos)
    }
    class Socket {
        +id
        +emit(evento, datos)
        +on(evento, manejador)
    }
    class Client
    Server "1" --> "*" Namespace : contiene
    Namespace "1" --> "*" Socket : agrupa
    Client "1" --> "*" Socket : un socket por namespace`,
  },
];

describe('the reserved box of a diagram', () => {
  it.each(CASES)('is close to what mermaid draws: $name', ({ source, drawn }) => {
    const box = estimateDiagramBox(source);
    const shape = box.width / box.height / (drawn.width / drawn.height);
    expect(shape).toBeGreaterThan(0.75);
    expect(shape).toBeLessThan(1.33);
    expect(box.width / drawn.width).toBeGreaterThan(0.7);
    expect(box.width / drawn.width).toBeLessThan(1.4);
  });

  it('goes on the placeholder as its width and aspect ratio, with the accessible text', () => {
    const properties = diagramProperties(CASES[0]?.source ?? '');
    expect(properties['className']).toEqual(['mermaid-diagram']);
    expect(properties['style']).toMatch(/^--diagram-width: \d+px; aspect-ratio: \d+ \/ \d+$/);
    expect(properties['dataTitle']).toBe('Petición y respuesta');
    expect(properties['dataDescription']).toBe('El cliente pide y el servidor responde.');
  });

  it('reads a description written as a block over several lines', () => {
    expect(
      accessibleText(
        'flowchart LR\n  accTitle: Título\n  accDescr {\n    Una línea\n    y otra.\n  }\n  A --> B',
      ),
    ).toEqual({ title: 'Título', description: 'Una línea y otra.' });
    expect(accessibleText('flowchart LR\n  A --> B')).toEqual({});
  });
});
