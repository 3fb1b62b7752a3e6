/** The live question on a reader's page: answer, change it until it closes, then the reveal. */
import { useEffect, useId, useState } from 'preact/hooks';
import OrderSteps from '../demos/self-check/OrderSteps';
import { choiceText, letter, type QuestionView } from './liveQuestion';

export interface QuestionCardProps {
  view: QuestionView;
  /** The room's refusal of the last answer, in Spanish, if any. */
  error: string;
  onAnswer: (choice: number[]) => void;
  onDismiss: () => void;
}

/** What the card starts with: the counted answer, else nothing picked or the order as sent. */
const start = ({ question, mine }: QuestionView) =>
  mine ?? (question.kind === 'order' ? question.options.map((_, i) => i) : []);

export default function QuestionCard({ view, error, onAnswer, onDismiss }: QuestionCardProps) {
  const uid = useId();
  const { question, mine, revealed, closed } = view;
  const [picked, setPicked] = useState<number[]>(() => start(view));
  // A new question starts afresh; a counted answer is what the card shows.
  useEffect(() => setPicked(start(view)), [question.id, mine?.join()]);
  const single = question.kind === 'single';
  const ordering = question.kind === 'order';
  const toggle = (i: number) =>
    setPicked((p) => (single ? [i] : p.includes(i) ? p.filter((x) => x !== i) : [...p, i].sort()));
  const submit = (event: Event) => {
    event.preventDefault();
    if (picked.length > 0 && !closed) onAnswer(picked);
  };
  const counts = closed?.counts ?? revealed?.counts;
  const total = closed?.total ?? revealed?.total;
  const exact = closed?.exact ?? revealed?.exact;
  return (
    <section class="class-question" aria-labelledby={`${uid}-title`} data-testid="class-question">
      <h2 id={`${uid}-title`} class="class-question-title">
        Pregunta del docente
      </h2>
      <form onSubmit={submit}>
        <fieldset disabled={closed !== undefined}>
          <legend>{question.prompt}</legend>
          {ordering ? (
            <>
              <p class="class-hint">Ordena con los botones Subir y Bajar, y responde.</p>
              <OrderSteps
                texts={question.options}
                order={picked}
                onChange={setPicked}
                locked={closed !== undefined}
                after={(place, item) =>
                  revealed ? (
                    <span class="class-count">
                      {revealed.correct[place] === item
                        ? 'En su sitio.'
                        : `Va en el paso ${String(revealed.correct.indexOf(item) + 1)}.`}
                      {counts ? ` Lo ponen ahí ${String(counts[item] ?? 0)} de ${String(total ?? 0)}.` : ''}
                    </span>
                  ) : null
                }
              />
            </>
          ) : (
            <>
              {single ? null : <p class="class-hint">Puedes marcar más de una.</p>}
              {question.options.map((text, i) => {
                const right = revealed?.correct.includes(i);
                return (
                  <label key={text} class={right ? 'class-option is-correct' : 'class-option'}>
                    <input
                      type={single ? 'radio' : 'checkbox'}
                      name={`${uid}-option`}
                      checked={picked.includes(i)}
                      onChange={() => toggle(i)}
                    />
                    <span>
                      {letter(i)}. {text}
                      {right ? <strong> (correcta)</strong> : null}
                      {counts ? (
                        <span class="class-count">
                          {' '}
                          · {counts[i] ?? 0} de {total ?? 0}
                        </span>
                      ) : null}
                    </span>
                  </label>
                );
              })}
            </>
          )}
        </fieldset>
        {closed ? null : (
          <button type="submit" disabled={picked.length === 0}>
            {mine ? 'Cambiar mi respuesta' : 'Responder'}
          </button>
        )}
      </form>
      <p class="class-answer-status" data-testid="class-answer-status">
        {closed
          ? 'La pregunta está cerrada.'
          : mine
            ? `Respuesta enviada: ${ordering ? 'tu orden' : choiceText(mine)}. Puedes cambiarla hasta que el docente cierre la pregunta.`
            : ''}
        {error ? ` ${error}` : ''}
      </p>
      {revealed ? (
        <div class="class-explanation" data-testid="class-explanation">
          {ordering ? (
            <>
              <p>
                <strong>El orden correcto:</strong>
              </p>
              <ol>
                {revealed.correct.map((i) => (
                  <li key={i}>{question.options[i]}</li>
                ))}
              </ol>
              <p>
                {revealed.explanation} Con el orden completo bien: {exact ?? 0} de {total ?? 0}.
              </p>
            </>
          ) : (
            <p>
              <strong>Respuesta: {choiceText(revealed.correct)}.</strong> {revealed.explanation}
            </p>
          )}
        </div>
      ) : null}
      <button type="button" class="class-hide" onClick={onDismiss}>
        Ocultar la pregunta
      </button>
    </section>
  );
}
