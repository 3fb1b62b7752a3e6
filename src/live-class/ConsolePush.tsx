/**
 * The console's notice form: the push demo's teacher form plus an optional «Vamos a…» page.
 * It holds its own subscription to the page's shared socket, so the room's ack for its push
 * comes back here.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { inFlight, pushStateText, TeacherForm } from '../demos/push/PushForm';
import { type PushState, PushTracker } from '../lib/pushTracker';
import { useRoom } from '../lib/useRoom';
import type { ConsoleLesson } from './console';

export interface ConsolePushProps {
  sala: string;
  lessons: ConsoleLesson[];
}

export default function ConsolePush({ sala, lessons }: ConsolePushProps) {
  const tracker = useRef<PushTracker | null>(null);
  const [state, setState] = useState<PushState>({ phase: 'idle' });
  const [go, setGo] = useState('');
  const room = useRoom(sala, {
    on: {
      ack: (m) => tracker.current?.handle(m),
      error: (m) => tracker.current?.handle(m),
    },
  });
  useEffect(() => {
    const pushes = new PushTracker(room.send, setState);
    tracker.current = pushes;
    return () => pushes.dispose();
  }, [sala]);

  return (
    <section aria-labelledby="console-push">
      <h2 id="console-push">Enviar un aviso</h2>
      <TeacherForm
        state={state}
        onPush={(fields) => tracker.current?.push(go ? { ...fields, go } : fields)}
        onRetry={() => tracker.current?.retry()}
      >
        <label>
          Vamos a… (opcional)
          <select value={go} disabled={inFlight(state)} onChange={(e) => setGo(e.currentTarget.value)}>
            <option value="">Sin enlace</option>
            {lessons.map((l) => (
              <optgroup key={l.path} label={l.title}>
                <option value={l.path}>{l.title}: al principio</option>
                {l.sections.map((s) => (
                  <option key={s.slug} value={`${l.path}#${s.slug}`}>
                    {s.text}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </TeacherForm>
      <p class="console-state" role="status">
        {pushStateText(state)}
      </p>
    </section>
  );
}
