/**
 * `/docente/`: the teacher's console for one class room, unlocked with the teacher key
 * (kept for this tab's session only, like every teacher form of the course).
 */
import { useEffect, useState } from 'preact/hooks';
import { readStored, removeStored, writeStored } from '../lib/storage';
import { forgetKey, rememberedKey, rememberKey } from '../lib/teacherKey';
import ConsoleRoom from './ConsoleRoom';
import type { AskableQuestion, ConsoleLesson } from './console';
import { CLASS_PARAM, classCode } from './membership';

export interface TeacherConsoleProps {
  lessons: ConsoleLesson[];
  /** The askable questions of each lesson, in the course's order. */
  questions: { lesson: string; items: AskableQuestion[] }[];
  /** The site's base path, ending in `/`. */
  base: string;
}

/** The room this tab's console was last unlocked for, so a reload goes straight back. */
const ROOM_STORAGE = 'cliente-servidor:docente-sala';

export default function TeacherConsole(props: TeacherConsoleProps) {
  const [room, setRoom] = useState<string | null>(null);
  const [code, setCode] = useState('clase-1');
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  // The form is rendered before the island hydrates; what is typed then would be wiped by the
  // first render (the inputs follow state), so it takes input only once the island runs.
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setReady(true);
    const asked = classCode(new URLSearchParams(window.location.search).get(CLASS_PARAM));
    const kept = classCode(readStored('sessionStorage', ROOM_STORAGE));
    if (asked) setCode(asked);
    else if (kept) setCode(kept);
    if (kept && (!asked || asked === kept) && rememberedKey(kept)) setRoom(kept);
  }, []);

  const unlock = (event: Event) => {
    event.preventDefault();
    const chosen = classCode(code);
    if (!chosen) {
      setError('El código de la clase lleva minúsculas, números y guiones, como «2b-redes».');
      return;
    }
    if (!key.trim()) {
      setError('Escribe la clave de docente.');
      return;
    }
    rememberKey(chosen, key.trim());
    writeStored('sessionStorage', ROOM_STORAGE, chosen);
    setKey('');
    setError('');
    setRoom(chosen);
  };

  const leave = (reason = '') => {
    if (room) forgetKey(room);
    removeStored('sessionStorage', ROOM_STORAGE);
    setRoom(null);
    setError(reason);
  };

  return (
    <div class="demo live-console not-content">
      {room ? (
        <ConsoleRoom room={room} {...props} onLock={leave} />
      ) : (
        <form class="console-unlock" onSubmit={unlock} aria-describedby="console-unlock-error">
          <fieldset disabled={!ready}>
            <label>
              Código de la clase
              <input
                value={code}
                required
                maxLength={48}
                autocomplete="off"
                autocapitalize="none"
                spellcheck={false}
                onInput={(e) => setCode(e.currentTarget.value)}
              />
            </label>
            <label>
              Clave de docente
              <input
                type="password"
                value={key}
                required
                autocomplete="off"
                onInput={(e) => setKey(e.currentTarget.value)}
              />
            </label>
            <button type="submit">Abrir la consola</button>
          </fieldset>
          <p id="console-unlock-error" class="console-error" role="alert">
            {error}
          </p>
        </form>
      )}
    </div>
  );
}
