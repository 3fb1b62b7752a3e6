import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import {
  type ChoiceQuestion,
  gradeChoice,
  gradeOrder,
  type OrderQuestion,
  type SelfCheckQuestion,
  startOrder,
} from './grading';
import OrderSteps from './OrderSteps';
import { markDone, pageStorage, readProgress } from './progress';

export interface SelfCheckProps {
  /** The lesson's id, its file name: what the progress store records. */
  lesson: string;
  /** The lesson's page, so the section links work wherever the self-check is shown. */
  lessonHref: string;
  /** False outside the lesson (the authors' guide): passing records nothing. */
  record: boolean;
  questions: SelfCheckQuestion[];
}

const LessonHref = createContext('');

/** The heading text behind an anchor of this page, for the "read it again" links. */
function SectionLink({ anchor }: { anchor: string }) {
  const lessonHref = useContext(LessonHref);
  const [title, setTitle] = useState('');
  useEffect(() => setTitle(document.getElementById(anchor)?.textContent?.trim() ?? ''), [anchor]);
  return (
    <a href={`${lessonHref}#${anchor}`}>{title ? `Repasa «${title}»` : 'Repasa la sección en la lección'}</a>
  );
}

interface Props<Q> {
  question: Q;
  number: number;
  onGraded: (correct: boolean) => void;
}

function Verdict({ correct, text }: { correct: boolean; text: string }) {
  return (
    <p class="sc-verdict" data-correct={String(correct)}>
      <span aria-hidden="true">{correct ? '✓ ' : '✗ '}</span>
      {text}
    </p>
  );
}

function Choice({ question, number, onGraded }: Props<ChoiceQuestion>) {
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [checked, setChecked] = useState(false);
  const multiple = question.kind === 'multiple';
  const result = gradeChoice(question, picked);
  const toggle = (index: number) => {
    setChecked(false);
    setPicked((old) => {
      if (!multiple) return new Set([index]);
      const next = new Set(old);
      if (!next.delete(index)) next.add(index);
      return next;
    });
  };
  const check = () => {
    setChecked(true);
    onGraded(result.correct);
  };
  const name = `sc-${question.id}`;
  return (
    <fieldset class="sc-q" data-question={question.id} data-result={checked ? String(result.correct) : ''}>
      <legend>
        {number}. {question.prompt}
        {multiple ? <span class="sc-hint"> (marca todas las correctas)</span> : null}
      </legend>
      <ul class="sc-options">
        {question.options.map((option, index) => {
          const chosen = picked.has(index);
          return (
            <li key={option.text}>
              <label>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  checked={chosen}
                  onChange={() => toggle(index)}
                />{' '}
                {option.text}
              </label>
              {checked && chosen ? (
                <div class="sc-explanation" data-correct={String(option.correct)}>
                  <Verdict correct={option.correct} text={option.explanation} />
                  {option.correct ? null : <SectionLink anchor={option.section ?? question.section} />}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Footer
        checked={checked}
        correct={result.correct}
        disabled={picked.size === 0}
        onCheck={check}
        wrongText={
          result.missed && multiple
            ? 'Todavía no: falta marcar alguna opción correcta. Prueba otra vez.'
            : 'Todavía no. Lee la explicación y prueba otra vez.'
        }
      />
    </fieldset>
  );
}

function Order({ question, number, onGraded }: Props<OrderQuestion>) {
  const [order, setOrder] = useState(() => startOrder(question.id, question.steps.length));
  const [checked, setChecked] = useState(false);
  const places = gradeOrder(order);
  const correct = places.every(Boolean);
  const check = () => {
    setChecked(true);
    onGraded(correct);
  };
  return (
    <fieldset class="sc-q" data-question={question.id} data-result={checked ? String(correct) : ''}>
      <legend>
        {number}. {question.prompt}
        <span class="sc-hint"> (ordena con los botones Subir y Bajar)</span>
      </legend>
      <OrderSteps
        texts={question.steps.map((s) => s.text)}
        order={order}
        onChange={(next) => {
          setChecked(false);
          setOrder(next);
        }}
        after={(place, step) =>
          checked ? (
            <div class="sc-explanation" data-correct={String(places[place])}>
              <Verdict
                correct={places[place] === true}
                text={places[place] ? (question.steps[step]?.explanation ?? '') : 'Este paso no va aquí.'}
              />
            </div>
          ) : null
        }
      />
      <Footer
        checked={checked}
        correct={correct}
        disabled={false}
        onCheck={check}
        wrongText={`Todavía no: ${String(places.filter(Boolean).length)} de ${String(places.length)} pasos están en su sitio. Prueba otra vez.`}
        section={question.section}
      />
    </fieldset>
  );
}

function Footer(props: {
  checked: boolean;
  correct: boolean;
  disabled: boolean;
  onCheck: () => void;
  wrongText: string;
  section?: string;
}) {
  return (
    <div class="sc-footer">
      <button
        type="button"
        onClick={() => props.disabled || props.onCheck()}
        aria-disabled={props.disabled ? 'true' : undefined}
      >
        Comprobar
      </button>
      {props.checked ? (
        <p class="sc-result" data-correct={String(props.correct)}>
          {props.correct ? '¡Correcto!' : props.wrongText}
          {!props.correct && props.section ? (
            <>
              {' '}
              <SectionLink anchor={props.section} />
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** A lesson's self-check: a fieldset per question, feedback per option, progress when all pass. */
export default function SelfCheck({ lesson, lessonHref, record, questions }: SelfCheckProps) {
  const [passed, setPassed] = useState<Set<string>>(new Set());
  const [doneAt, setDoneAt] = useState<number | undefined>(undefined);
  const [live, setLive] = useState('');
  useEffect(() => {
    if (record) setDoneAt(readProgress(pageStorage()).done[lesson]);
  }, [lesson, record]);

  const graded = (id: string, correct: boolean) => {
    const next = new Set(passed);
    if (correct) next.add(id);
    setPassed(next);
    const all = questions.every((q) => next.has(q.id));
    if (all && correct && !record)
      setLive('¡Correcto! Has respondido bien todas las preguntas de este ejemplo.');
    else if (all && correct) {
      const { progress, saved } = markDone(pageStorage(), lesson);
      setDoneAt(progress.done[lesson]);
      setLive(
        saved
          ? '¡Correcto! Has respondido bien todas las preguntas: la lección queda marcada como completada en este navegador.'
          : '¡Correcto! Has respondido bien todas las preguntas, pero este navegador no deja guardar tu progreso.',
      );
    } else setLive(correct ? '¡Correcto!' : 'Todavía no. Lee la explicación y prueba otra vez.');
  };

  return (
    <LessonHref.Provider value={lessonHref}>
      <div class="demo selfcheck" data-lesson={lesson} data-done={doneAt === undefined ? 'false' : 'true'}>
        <p class="sc-intro">
          {questions.length} preguntas. Tras «Comprobar» verás por qué cada respuesta es o no correcta, y
          puedes volver a intentarlo. La lección cuenta como completada cuando aciertas todas.
        </p>
        {questions.map((question, index) =>
          question.kind === 'order' ? (
            <Order
              key={question.id}
              question={question}
              number={index + 1}
              onGraded={(c) => graded(question.id, c)}
            />
          ) : (
            <Choice
              key={question.id}
              question={question}
              number={index + 1}
              onGraded={(c) => graded(question.id, c)}
            />
          ),
        )}
        <p class="sc-status">
          {doneAt === undefined
            ? `Aciertos: ${String(passed.size)} de ${String(questions.length)}.`
            : `Lección completada (${new Date(doneAt).toLocaleDateString('es')}). Aciertos en esta visita: ${String(passed.size)} de ${String(questions.length)}.`}
        </p>
        <p class="sc-live sr-only" role="status">
          {live}
        </p>
      </div>
    </LessonHref.Provider>
  );
}
