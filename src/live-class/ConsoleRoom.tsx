/**
 * The unlocked console: the class (readers now, per lesson), the notice form, the question
 * asked live with its histogram, and the session's CSV. The room counts; this only renders.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ClassMessage, type QuestionResult, resultOf, tallyOf } from '../../party/wire/classMessages';
import type { Notification, Role } from '../../party/wire/serverMessages';
import { mergeFeed } from '../demos/push/feed';
import { statusText } from '../lib/statusText';
import { useRoom } from '../lib/useRoom';
import ConsoleAsk, { type Asked } from './ConsoleAsk';
import ConsolePush from './ConsolePush';
import CountTable from './CountTable';
import { pageLabel, sessionCsv } from './console';
import type { TeacherConsoleProps } from './TeacherConsole';

export interface ConsoleRoomProps extends TeacherConsoleProps {
  room: string;
  /** Locks the console again, with the reason to show (a wrong key). */
  onLock: (reason?: string) => void;
}

export default function ConsoleRoom({ room: sala, lessons, questions, base, onLock }: ConsoleRoomProps) {
  const [role, setRole] = useState<Role>('reader');
  const [view, setView] = useState<ClassMessage | null>(null);
  const [notices, setNotices] = useState<Notification[]>([]);
  const [results, setResults] = useState<QuestionResult[]>([]);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [notice, setNotice] = useState('');
  const askedRef = useRef(asked);
  askedRef.current = asked;

  const room = useRoom(sala, {
    on: {
      welcome: (m) => {
        setRole(m.role);
        setNotices((n) => mergeFeed(n, m.history));
      },
      role: (m) => setRole(m.role),
      notification: (m) => setNotices((n) => mergeFeed(n, [m])),
      class: setView,
      questionLog: (m) => setResults(m.results),
      question: (m) =>
        setAsked({
          question: m.question,
          at: m.at,
          counts: m.question.options.map(() => 0),
          total: 0,
          revealed: m.revealed !== undefined,
        }),
      results: (m) => setAsked((a) => (a && a.question.id === m.id ? { ...a, ...tallyOf(m) } : a)),
      // An order's right places are counted at the reveal: its count comes with it.
      revealed: (m) =>
        setAsked((a) => (a && a.question.id === m.id ? { ...a, ...tallyOf(m), revealed: true } : a)),
      questionClosed: (m) => {
        const a = askedRef.current;
        if (a?.question.id === m.id) {
          const correct = a.revealed ? findCorrect(questions, m.id) : undefined;
          const result = resultOf(a.question, a.at, tallyOf(m), Date.now(), correct);
          setResults((r) => [...r.filter((x) => x.at !== a.at), result]);
        }
        setAsked(null);
      },
      error: (m) => {
        if (m.code === 'wrong_key' || m.code === 'no_teacher_key') onLock(m.message);
        else if (m.ref === undefined) setNotice(m.message);
      },
    },
  });

  useEffect(() => setNotice(''), [sala]);
  const joinLink = `${typeof window === 'undefined' ? '' : window.location.origin}${base}?clase=${sala}`;
  const download = () => {
    const blob = new Blob([sessionCsv(sala, notices, results)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `clase-${sala}-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const teacher = role === 'teacher';
  return (
    <div class="console-room" data-status={room.status.status} data-role={role}>
      <p class="demo-status" role="status">
        <span class="demo-dot" aria-hidden="true" />
        Clase «{sala}»: <span data-testid="console-status">{statusText(room.status)}</span>
        {room.status.status === 'open' && !teacher ? ' · comprobando la clave…' : ''}
      </p>
      <p class="console-link">
        Enlace para la clase: <a href={joinLink}>{joinLink}</a>
      </p>
      <p class="console-notice" aria-live="polite">
        {notice}
      </p>

      <section aria-labelledby="console-class">
        <h2 id="console-class">La clase</h2>
        <p data-testid="console-count">
          {view
            ? `${String(view.count)} ${view.count === 1 ? 'lector conectado' : 'lectores conectados'} ahora.`
            : 'Esperando a la sala…'}
        </p>
        {view && view.pages.length > 0 ? (
          <CountTable
            class="console-pages"
            testId="console-pages"
            caption="Lectores en cada página"
            columns={['Página', 'Lectores']}
            rows={view.pages.map((p) => ({
              key: p.path,
              name: pageLabel(p.path, lessons, base),
              cells: [p.count],
            }))}
          />
        ) : null}
      </section>

      {teacher ? <ConsolePush sala={sala} lessons={lessons} /> : null}
      <ConsoleAsk send={room.send} questions={questions} asked={asked} disabled={!teacher} />

      <section aria-labelledby="console-export">
        <h2 id="console-export">Exportar</h2>
        <p>
          {notices.length} {notices.length === 1 ? 'aviso' : 'avisos'} y {results.length}{' '}
          {results.length === 1 ? 'pregunta cerrada' : 'preguntas cerradas'} en esta sesión.
        </p>
        <p class="console-actions">
          <button type="button" onClick={download} data-testid="console-csv">
            Descargar CSV
          </button>
          <button type="button" onClick={() => onLock()}>
            Cerrar la consola
          </button>
        </p>
      </section>
    </div>
  );
}

function findCorrect(questions: TeacherConsoleProps['questions'], id: string): number[] | undefined {
  for (const group of questions)
    for (const item of group.items) if (item.question.id === id) return item.correct;
  return undefined;
}
