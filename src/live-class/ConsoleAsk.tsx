/**
 * The console's question: pick any self-check question of the course, send it, watch the
 * histogram the room counts (for an ordering question, a table of places), reveal the answer
 * to everyone, close it.
 */
import { useState } from 'preact/hooks';
import type { LiveQuestion, Tally } from '../../party/wire/classMessages';
import type { ClientMessage } from '../../party/wire/clientMessages';
import type { SendResult } from '../lib/room-client';
import CountTable from './CountTable';
import type { AskableQuestion } from './console';
import { letter } from './liveQuestion';
import type { TeacherConsoleProps } from './TeacherConsole';

/** The open question as the console follows it. */
export interface Asked extends Tally {
  question: LiveQuestion;
  at: number;
  revealed: boolean;
}

export interface ConsoleAskProps {
  send: (message: ClientMessage) => SendResult;
  questions: TeacherConsoleProps['questions'];
  asked: Asked | null;
  disabled: boolean;
}

const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((100 * n) / total));

export default function ConsoleAsk({ send, questions, asked, disabled }: ConsoleAskProps) {
  const all = questions.flatMap((g) => g.items);
  const [picked, setPicked] = useState(all[0]?.question.id ?? '');
  const [notice, setNotice] = useState('');
  const find = (id: string): AskableQuestion | undefined => all.find((q) => q.question.id === id);
  const transmit = (message: ClientMessage) => {
    const sent = send(message);
    setNotice(sent.result === 'rejected' ? `No se envió: ${sent.reason}` : '');
  };
  const ask = (event: Event) => {
    event.preventDefault();
    const chosen = find(picked);
    if (chosen && !asked) transmit({ type: 'ask', question: chosen.question });
  };
  const current = asked ? find(asked.question.id) : undefined;
  const reveal = () => {
    if (!asked || !current) return;
    transmit({
      type: 'reveal',
      id: asked.question.id,
      correct: current.correct,
      explanation: current.explanation,
    });
  };
  return (
    <section aria-labelledby="console-ask">
      <h2 id="console-ask">Preguntar a la clase</h2>
      {asked ? (
        <div class="console-question" data-testid="console-question">
          <p class="console-prompt">{asked.question.prompt}</p>
          {asked.question.kind === 'order' ? (
            <Places asked={asked} correct={asked.revealed ? current?.correct : undefined} />
          ) : (
            <ol class="console-histogram" data-testid="console-histogram">
              {asked.question.options.map((text, i) => {
                const n = asked.counts[i] ?? 0;
                const right = asked.revealed && current?.correct.includes(i);
                return (
                  <li key={text} class={right ? 'is-correct' : undefined}>
                    <span>
                      {letter(i)}. {text}
                      {right ? ' (correcta)' : ''}
                    </span>
                    <span class="console-bar" aria-hidden="true">
                      <span style={{ inlineSize: `${String(percent(n, asked.total))}%` }} />
                    </span>
                    <span class="console-n" data-testid="console-n">
                      {n} ({percent(n, asked.total)} %)
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
          <p data-testid="console-total">
            {asked.total} {asked.total === 1 ? 'respuesta' : 'respuestas'}
          </p>
          <p class="console-actions">
            <button type="button" onClick={reveal} disabled={disabled || asked.revealed || !current}>
              Mostrar la respuesta
            </button>
            <button
              type="button"
              onClick={() => transmit({ type: 'closeQuestion', id: asked.question.id })}
              disabled={disabled}
            >
              Cerrar la pregunta
            </button>
          </p>
        </div>
      ) : (
        <form class="console-form" onSubmit={ask}>
          <label>
            Pregunta de autoevaluación
            <select value={picked} onChange={(e) => setPicked(e.currentTarget.value)}>
              {questions.map((g) => (
                <optgroup key={g.lesson} label={g.lesson}>
                  {g.items.map((q) => (
                    <option key={q.question.id} value={q.question.id}>
                      {q.question.kind === 'order' ? `Ordenar: ${q.question.prompt}` : q.question.prompt}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <p class="console-actions">
            <button type="submit" disabled={disabled || !picked} data-testid="console-ask">
              Enviar la pregunta
            </button>
          </p>
        </form>
      )}
      <p class="console-state" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}

/** «2.º», a place in an order. */
const place = (i: number) => `${String(i + 1)}.º`;

/**
 * An ordering question's count: how many readers put each step at each place, and once
 * the right order is shown, where each step goes and how many put it there.
 */
function Places({ asked, correct }: { asked: Asked; correct: number[] | undefined }) {
  const { options } = asked.question;
  const columns = ['Paso', ...options.map((_, i) => place(i)), ...(correct ? ['En su sitio'] : [])];
  const rows = options.map((text, item) => {
    const right = correct?.indexOf(item);
    return {
      key: text,
      name: right === undefined ? text : `${text} (va en el ${place(right)})`,
      cells: [
        ...options.map((_, at) => asked.positions?.[item]?.[at] ?? 0),
        ...(correct ? [asked.counts[item] ?? 0] : []),
      ],
    };
  });
  return (
    <>
      <CountTable
        class="console-places"
        testId="console-places"
        caption="Cuántos lectores ponen cada paso en cada lugar"
        visibleCaption
        columns={columns}
        rows={rows}
      />
      {correct && asked.exact !== undefined ? (
        <p data-testid="console-exact">
          Con el orden completo bien: {asked.exact} de {asked.total}.
        </p>
      ) : null}
    </>
  );
}
