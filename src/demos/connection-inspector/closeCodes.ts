/**
 * WebSocket close codes in Spanish (RFC 6455 §7.4), and the states of `readyState`, for the
 * connection inspector. Framework-free so the explanations are tested on their own.
 */

export interface CloseMeaning {
  /** The code as shown: `1006`, or `sin código`. */
  label: string;
  /** The RFC's name for it. */
  name: string;
  /** What it means, in Spanish, and when a reader sees it here. */
  meaning: string;
}

export const CLOSE_CODES: Readonly<Record<number, Omit<CloseMeaning, 'label'>>> = {
  1000: {
    name: 'Normal Closure',
    meaning: 'Cierre normal: un lado terminó la conversación y el otro estuvo de acuerdo.',
  },
  1001: {
    name: 'Going Away',
    meaning: 'Un lado se va: el servidor se apaga o se reinicia, o el navegador abandona la página.',
  },
  1005: {
    name: 'No Status Received',
    meaning: 'La trama de cierre llegó sin código. No se envía nunca: es lo que se informa en ese caso.',
  },
  1006: {
    name: 'Abnormal Closure',
    meaning:
      'Cierre anormal: la conexión se cortó sin trama de cierre (red caída, servidor caído, wifi perdida). Nunca viaja por la red: lo informa el propio cliente.',
  },
  1008: {
    name: 'Policy Violation',
    meaning:
      'Violación de política: el servidor rechaza lo que recibió. Esta sala lo usa con quien envía demasiados mensajes por segundo o datos binarios.',
  },
  1009: {
    name: 'Message Too Big',
    meaning: 'Mensaje demasiado grande: la trama supera lo que el otro lado acepta (en esta sala, 64 KB).',
  },
  1011: {
    name: 'Internal Error',
    meaning:
      'Error interno: el servidor encontró un problema inesperado y no puede seguir con esta conexión.',
  },
  1012: {
    name: 'Service Restart',
    meaning: 'El servicio se reinicia: conviene volver a conectar dentro de un momento.',
  },
  1013: {
    name: 'Try Again Later',
    meaning:
      'Vuelve más tarde: la sala rechazó la conexión por un tiempo (demasiadas desde tu dirección o demasiado seguidas) y dice cuántos segundos esperar.',
  },
  4426: {
    name: 'Otra versión del protocolo (código de esta sala)',
    meaning:
      'La página y la sala hablan versiones distintas: hay una versión nueva del curso y hay que recargar la página; reintentar no sirve.',
  },
  4000: {
    name: 'Sin actividad (código de esta sala)',
    meaning:
      'Código propio de la sala (del 4000 al 4999 los elige cada aplicación): cerró una conexión que llevaba un minuto sin dar señales.',
  },
};

/** The codes the inspector must explain, as the lesson lists them. */
export const EXPLAINED_CODES = [1000, 1001, 1006, 1008, 1009, 1011] as const;

export function closeMeaning(code: number | undefined): CloseMeaning {
  if (code === undefined) {
    return {
      label: 'sin código',
      name: 'Cierre local',
      meaning:
        'La propia página cerró el socket para reconectar o al salir; partysocket no entrega código en ese caso.',
    };
  }
  const known = CLOSE_CODES[code];
  if (known) return { label: String(code), ...known };
  if (code >= 4000 && code <= 4999) {
    return {
      label: String(code),
      name: 'Código de la aplicación',
      meaning:
        'Del 4000 al 4999 los códigos los define cada aplicación; su significado depende del servidor.',
    };
  }
  if (code >= 3000 && code <= 3999) {
    return {
      label: String(code),
      name: 'Código registrado',
      meaning: 'Del 3000 al 3999 son códigos registrados por librerías y marcos de trabajo.',
    };
  }
  return { label: String(code), name: 'Código desconocido', meaning: 'Un código que el RFC 6455 no define.' };
}

/** `readyState` as a number, its constant and what it means. */
export const READY_STATES = [
  { name: 'CONNECTING', meaning: 'conectando: el handshake está en curso' },
  { name: 'OPEN', meaning: 'abierta: los dos lados pueden hablar' },
  { name: 'CLOSING', meaning: 'cerrándose: se intercambian las tramas de cierre' },
  { name: 'CLOSED', meaning: 'cerrada: no hay conexión' },
] as const;

export function readyStateText(state: number): string {
  const known = READY_STATES[state];
  return known ? `${String(state)} · ${known.name}: ${known.meaning}` : `${String(state)} · desconocido`;
}
