/**
 * HTTP endpoints for the lessons' request/response demos, served under
 * `/parties/main/<sala>/demo/...`. Plain functions of a Request, no room state.
 */
export function handleDemoRequest(_request: Request, path: string): Response {
  return new Response(JSON.stringify({ error: `Demostración desconocida: ${path}` }), {
    status: 404,
    headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' },
  });
}
