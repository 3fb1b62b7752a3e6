import { describe, expect, it } from 'vitest';
import type { LiveQuestion } from '../../party/wire/classMessages';
import type { ServerMessage } from '../../party/wire/serverMessages';
import { connectClient, setupRoom, type TestClient } from '../harness/room';

const KEY = 'clave-de-prueba-larga';
const room = setupRoom({ vars: { TEACHER_KEY: KEY } });

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** Waits until `client` has received a message of `type` that satisfies `test`. */
async function until<T extends ServerMessage['type']>(
  client: TestClient,
  type: T,
  test: (m: Of<T>) => boolean,
  timeoutMs = 15_000,
): Promise<Of<T>> {
  let found: Of<T> | undefined;
  await expect
    .poll(
      () => {
        found = client.received.filter((m): m is Of<T> => m.type === type).findLast(test);
        return found !== undefined;
      },
      { timeout: timeoutMs, interval: 50 },
    )
    .toBe(true);
  return found as Of<T>;
}

async function teacherIn(name: string): Promise<TestClient> {
  const teacher = await connectClient(room.host, name);
  await teacher.next('welcome');
  teacher.send({ type: 'auth', key: KEY });
  await teacher.next('role');
  return teacher;
}

/** A simulated reader: its own id and its own address, as a real class has. */
function reader(name: string, i: number, query = ''): Promise<TestClient> {
  const id = `lector${String(i).padStart(10, '0')}`;
  const address = `10.1.${String(i >> 8)}.${String(i & 255)}`;
  return connectClient(room.host, name, `?reader=${id}${query}`, {
    headers: { 'CF-Connecting-IP': address },
  });
}

async function readers(name: string, n: number): Promise<TestClient[]> {
  const clients = await Promise.all(Array.from({ length: n }, (_, i) => reader(name, i)));
  await Promise.all(clients.map((c) => c.next('welcome')));
  return clients;
}

const closeAll = (clients: TestClient[]) => Promise.all(clients.map((c) => c.close()));

const QUESTION: LiveQuestion = {
  id: 'dns-traduce',
  lesson: '/lecciones/02-como-llega-una-pagina/',
  prompt: '¿Qué hace el DNS?',
  kind: 'single',
  options: ['Traduce nombres a direcciones', 'Cifra la conexión', 'Guarda cookies'],
};

const LESSONS = ['01-a', '02-b', '03-c', '04-d', '05-e'].map((s) => `/lecciones/${s}/`);

describe('room: the live class', () => {
  it('shows the teacher how many of 200 readers are on each of 5 lessons, and who leaves', async () => {
    const teacher = await teacherIn('clase-vista');
    const class200 = await readers('clase-vista', 200);
    class200.forEach((c, i) => {
      c.send({ type: 'page', path: LESSONS[i % 5] ?? '/' });
    });
    const view = await until(teacher, 'class', (m) => m.pages.reduce((n, p) => n + p.count, 0) === 200);
    // The teacher's console reports no page: the count is the class.
    expect(view.count).toBe(200);
    expect(view.pages.map((p) => [p.path, p.count]).sort()).toEqual(LESSONS.map((l) => [l, 40]));
    // Readers move and leave: the counts follow, and only counts reach the teacher.
    for (const c of class200.slice(0, 10)) c.send({ type: 'page', path: '/glosario/' });
    await closeAll(class200.slice(190));
    const moved = await until(
      teacher,
      'class',
      (m) => m.pages.some((p) => p.path === '/glosario/' && p.count === 10) && m.count === 190,
    );
    expect(moved.pages.find((p) => p.path === LESSONS[0])?.count).toBe(38 - 2);
    expect(JSON.stringify(moved)).not.toContain('lector');
    await closeAll([teacher, ...class200.slice(0, 190)]);
  });

  it('counts 200 answers exactly once each, changes and second tabs included', async () => {
    const teacher = await teacherIn('clase-pregunta');
    const class200 = await readers('clase-pregunta', 200);
    teacher.send({ type: 'ask', question: QUESTION });
    await Promise.all(class200.map((c) => c.next('question')));
    // Everyone answers 1, then the first 50 change to 0; a second tab of reader 7 answers 2.
    class200.forEach((c) => {
      c.send({ type: 'answer', id: QUESTION.id, choice: [1] });
    });
    await Promise.all(class200.map((c) => c.next('answered')));
    for (const c of class200.slice(0, 50)) c.send({ type: 'answer', id: QUESTION.id, choice: [0] });
    await Promise.all(class200.slice(0, 50).map((c) => c.next('answered')));
    const tab = await reader('clase-pregunta', 7);
    expect((await tab.next('question')).mine).toEqual([0]);
    tab.send({ type: 'answer', id: QUESTION.id, choice: [2] });
    await tab.next('answered');

    const results = await until(teacher, 'results', (m) => m.counts[2] === 1);
    expect(results).toEqual({ type: 'results', id: QUESTION.id, counts: [49, 150, 1], total: 200 });
    // Readers never see the histogram before the reveal.
    expect(class200[100]?.received.some((m) => m.type === 'results')).toBe(false);
    await closeAll([teacher, tab, ...class200]);
  });

  it('keeps an open question and every answer across a room restart', async () => {
    const name = 'clase-reinicio-pregunta';
    const teacher = await teacherIn(name);
    const first = await readers(name, 200);
    teacher.send({ type: 'ask', question: QUESTION });
    await Promise.all(first.map((c) => c.next('question')));
    first.slice(0, 100).forEach((c, i) => {
      c.send({ type: 'answer', id: QUESTION.id, choice: [i % 3] });
    });
    await Promise.all(first.slice(0, 100).map((c) => c.next('answered')));

    await room.restart();

    const back = await readers(name, 200);
    const asked = await Promise.all(back.map((c) => c.next('question')));
    expect(asked.every((m) => m.question.id === QUESTION.id)).toBe(true);
    expect(asked.slice(0, 100).map((m) => m.mine?.[0])).toEqual(first.slice(0, 100).map((_, i) => i % 3));
    expect(asked[150]?.mine).toBeUndefined();
    // All 200 answer now: the first hundred repeat theirs, which must not count them twice.
    back.forEach((c, i) => {
      c.send({ type: 'answer', id: QUESTION.id, choice: [i % 3] });
    });
    await Promise.all(back.map((c) => c.next('answered')));
    const again = await teacherIn(name);
    const results = await until(again, 'results', () => true);
    expect(results.total).toBe(200);
    expect(results.counts).toEqual([67, 67, 66]);

    again.send({ type: 'reveal', id: QUESTION.id, correct: [0], explanation: 'El DNS traduce nombres.' });
    const revealed = await Promise.all(back.map((c) => c.next('revealed')));
    expect(revealed.every((m) => m.correct[0] === 0 && m.total === 200)).toBe(true);
    again.send({ type: 'closeQuestion', id: QUESTION.id });
    expect((await back[0]?.next('questionClosed'))?.counts).toEqual([67, 67, 66]);
    back[1]?.send({ type: 'answer', id: QUESTION.id, choice: [1] });
    expect((await back[1]?.next('error'))?.code).toBe('no_question');
    await closeAll([teacher, again, ...back]);
  });

  it('counts an ordering question’s 200 answers once each, places and whole orders, across a restart', async () => {
    const name = 'clase-reinicio-orden';
    const ORDER: LiveQuestion = {
      ...QUESTION,
      id: 'carga-pagina',
      kind: 'order',
      options: ['TCP', 'DNS', 'HTTP', 'TLS'],
    };
    const right = [1, 0, 3, 2];
    // Reader i sends orders[i % 3]: a third right, two thirds with two steps swapped.
    const orders = [right, [0, 1, 3, 2], [1, 0, 2, 3]];
    const orderOf = (i: number) => orders[i % 3] ?? right;
    const teacher = await teacherIn(name);
    const first = await readers(name, 200);
    teacher.send({ type: 'ask', question: ORDER });
    await Promise.all(first.map((c) => c.next('question')));
    // The first hundred answer; fifty of them first send another order, then change their mind.
    first.slice(0, 50).forEach((c) => {
      c.send({ type: 'answer', id: ORDER.id, choice: [3, 2, 1, 0] });
    });
    await Promise.all(first.slice(0, 50).map((c) => c.next('answered')));
    first.slice(0, 100).forEach((c, i) => {
      c.send({ type: 'answer', id: ORDER.id, choice: orderOf(i) });
    });
    await Promise.all(first.slice(0, 100).map((c) => c.next('answered')));

    await room.restart();

    const back = await readers(name, 200);
    const asked = await Promise.all(back.map((c) => c.next('question')));
    expect(asked.slice(0, 100).map((m) => m.mine)).toEqual(first.slice(0, 100).map((_, i) => orderOf(i)));
    expect(asked[150]?.mine).toBeUndefined();
    back.forEach((c, i) => {
      c.send({ type: 'answer', id: ORDER.id, choice: orderOf(i) });
    });
    await Promise.all(back.map((c) => c.next('answered')));
    const again = await teacherIn(name);
    const results = await until(again, 'results', () => true);
    // 67 readers send orders[0], 67 orders[1], 66 orders[2]; positions[option][place].
    expect(results).toEqual({
      type: 'results',
      id: ORDER.id,
      counts: [0, 0, 0, 0],
      total: 200,
      positions: [
        [67, 133, 0, 0],
        [133, 67, 0, 0],
        [0, 0, 66, 134],
        [0, 0, 134, 66],
      ],
    });
    expect(results.exact).toBeUndefined();

    again.send({ type: 'reveal', id: ORDER.id, correct: right, explanation: 'Primero el nombre.' });
    const revealed = await Promise.all(back.map((c) => c.next('revealed')));
    expect(revealed.every((m) => m.correct.join() === right.join() && m.total === 200)).toBe(true);
    // Right places: DNS and TCP by orders 0 and 2 (133), HTTP and TLS by orders 0 and 1 (134).
    expect(revealed[0]).toMatchObject({ counts: [133, 133, 134, 134], exact: 67 });
    again.send({ type: 'closeQuestion', id: ORDER.id });
    expect((await back[0]?.next('questionClosed'))?.exact).toBe(67);
    await closeAll([teacher, again, ...back]);
  });

  it('takes questions only from the teacher, and one at a time', async () => {
    const teacher = await teacherIn('clase-limites');
    const [student] = await readers('clase-limites', 1);
    if (!student) throw new Error('sin lector');
    student.send({ type: 'ask', question: QUESTION });
    expect((await student.next('error')).code).toBe('teacher_only');
    teacher.send({ type: 'ask', question: QUESTION });
    await teacher.next('question');
    teacher.send({ type: 'ask', question: { ...QUESTION, id: 'otra' } });
    expect((await teacher.next('error')).code).toBe('question_open');
    for (let i = 0; i < 8; i++) student.send({ type: 'answer', id: QUESTION.id, choice: [i % 3] });
    expect((await student.next('error')).code).toBe('rate_limited');
    student.send({ type: 'ping', t: 1 });
    expect(await student.next('pong')).toEqual({ type: 'pong', t: 1 });
    await closeAll([teacher, student]);
  });
});
