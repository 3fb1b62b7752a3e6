/**
 * The class bar, on every page of a reader who joined a class: connected or not, the
 * teacher's latest notice (a toast when it arrives, a browser notification when the tab is
 * hidden and the reader allowed it) with its «Vamos a…» link, and the live question. It
 * reports this page's path, so the teacher sees how many readers are on each lesson.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Notification } from '../../party/wire/serverMessages';
import { LEVEL_LABEL, shouldNotify } from '../demos/push/feed';
import { statusText } from '../lib/statusText';
import { useRoom } from '../lib/useRoom';
import { followQuestion, type QuestionView } from './liveQuestion';
import QuestionCard from './QuestionCard';

export interface ClassBarProps {
  sala: string;
  onLeave: () => void;
}

export default function ClassBar({ sala, onLeave }: ClassBarProps) {
  const [latest, setLatest] = useState<Notification | null>(null);
  const [toast, setToast] = useState<Notification | null>(null);
  const [question, setQuestion] = useState<QuestionView | null>(null);
  const [hidden, setHidden] = useState(false);
  const [answerError, setAnswerError] = useState('');
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  const follow = (message: Parameters<typeof followQuestion>[1]) => {
    setQuestion((view) => followQuestion(view, message));
    if (message.type === 'question') setHidden(false);
    if (message.type === 'answered') setAnswerError('');
  };
  const room = useRoom(sala, {
    on: {
      welcome: (message) => {
        // Every (re)connect: this page's path, for the teacher's per-lesson counts.
        room.send({ type: 'page', path: window.location.pathname });
        const newest = message.history.at(-1);
        if (newest) setLatest(newest);
      },
      notification: (message) => {
        setLatest(message);
        setToast(message);
        if (
          shouldNotify(typeof Notification === 'undefined' ? '' : Notification.permission, document.hidden)
        ) {
          new Notification(`Clase «${sala}» · ${LEVEL_LABEL[message.level]}`, {
            body: message.text,
            tag: sala,
          });
        }
      },
      question: follow,
      answered: follow,
      revealed: follow,
      questionClosed: follow,
      error: (message) => {
        if (
          ['no_question', 'invalid_field', 'invalid_order', 'rate_limited', 'forbidden'].includes(
            message.code,
          )
        )
          setAnswerError(message.message);
      },
    },
  });
  // The page keeps space for the bar, so it never covers the end of a lesson.
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('has-class-bar');
    return () => root.classList.remove('has-class-bar');
  }, []);

  const askPermission = async () => setPermission(await Notification.requestPermission());
  const { status } = room;
  return (
    <aside class="class-bar not-content" aria-label="Clase en directo" data-status={status.status}>
      <div class="class-toast" role="status" aria-live="polite" data-testid="class-toast">
        {toast ? (
          <div class={`class-toast-card level-${toast.level}`}>
            <p>
              <strong>{LEVEL_LABEL[toast.level]}:</strong> {toast.text}
            </p>
            <p class="class-toast-actions">
              {toast.go ? (
                <a href={toast.go} data-testid="class-go">
                  Vamos a…
                </a>
              ) : null}
              <button type="button" onClick={() => setToast(null)}>
                Cerrar aviso
              </button>
            </p>
          </div>
        ) : null}
      </div>
      {question && !hidden ? (
        <QuestionCard
          view={question}
          error={answerError}
          onAnswer={(choice) => {
            const sent = room.send({ type: 'answer', id: question.question.id, choice });
            if (sent.result === 'rejected') setAnswerError(`No se envió: ${sent.reason}`);
          }}
          onDismiss={() => setHidden(true)}
        />
      ) : null}
      <div class="class-bar-line">
        <p class="class-bar-status">
          <span class="demo-dot" aria-hidden="true" />
          Clase «{sala}»: <span data-testid="class-status">{statusText(status)}</span>
          {latest ? (
            <span class="class-latest" data-testid="class-latest">
              {' · Último aviso: '}
              {latest.text}
            </span>
          ) : null}
        </p>
        {question && hidden ? (
          <button type="button" onClick={() => setHidden(false)}>
            Ver la pregunta
          </button>
        ) : null}
        {permission === 'default' ? (
          <button type="button" onClick={askPermission}>
            Avisarme con notificaciones
          </button>
        ) : null}
        <button type="button" onClick={onLeave} data-testid="class-leave">
          Salir de la clase
        </button>
      </div>
    </aside>
  );
}
