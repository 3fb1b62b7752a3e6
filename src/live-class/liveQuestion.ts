/**
 * The reader's side of a live question, without a framework: what the card shows, followed
 * message by message. The room counts; this only keeps what it said.
 */
import { type LiveQuestion, type Tally, tallyOf } from '../../party/wire/classMessages';
import type { ServerMessage } from '../../party/wire/serverMessages';

export interface QuestionView {
  question: LiveQuestion;
  /** This reader's answer as the room counted it. */
  mine?: number[];
  revealed?: { correct: number[]; explanation: string; counts?: number[]; total?: number; exact?: number };
  closed?: Tally;
}

/** The card after one message from the room; messages about other questions change nothing. */
export function followQuestion(view: QuestionView | null, message: ServerMessage): QuestionView | null {
  switch (message.type) {
    case 'question': {
      const next: QuestionView = { question: message.question };
      if (message.mine) next.mine = message.mine;
      if (message.revealed) next.revealed = message.revealed;
      return next;
    }
    case 'answered':
      return view?.question.id === message.id ? { ...view, mine: message.choice } : view;
    case 'revealed': {
      if (view?.question.id !== message.id) return view;
      const { correct, explanation, counts, total, exact } = message;
      const shown = { correct, explanation, counts, total, ...(exact === undefined ? {} : { exact }) };
      return { ...view, revealed: shown };
    }
    case 'questionClosed':
      return view?.question.id === message.id ? { ...view, closed: tallyOf(message) } : view;
    default:
      return view;
  }
}

/** Option letters, as a class says them aloud: A, B, C… */
export const letter = (index: number): string => String.fromCharCode(65 + index);

/** «A y C», the way the card names a choice. */
export function choiceText(choice: readonly number[]): string {
  const letters = choice.map(letter);
  return letters.length <= 1
    ? (letters[0] ?? '')
    : `${letters.slice(0, -1).join(', ')} y ${letters.at(-1) ?? ''}`;
}
