// La dirección de la sala del curso: la página la rellena por ti.
const sala = '{{sala}}';
const espera = 400; // milisegundos que el servidor espera antes de responder

async function pedir(n) {
  const inicio = performance.now();
  const respuesta = await fetch(`${sala}/demo/delay?delay=${espera}`);
  await respuesta.json();
  const ms = Math.round(performance.now() - inicio);
  console.log(`petición ${n}: ${respuesta.status} en ${ms} ms`);
}

// 1. Una tras otra: cada await espera la respuesta anterior antes de pedir la siguiente.
let inicio = performance.now();
await pedir(1);
await pedir(2);
await pedir(3);
console.log(`una tras otra: ${Math.round(performance.now() - inicio)} ms en total`);

// 2. Todas a la vez: Promise.all las lanza juntas y espera a que lleguen todas.
inicio = performance.now();
await Promise.all([pedir(1), pedir(2), pedir(3)]);
console.log(`a la vez (Promise.all): ${Math.round(performance.now() - inicio)} ms en total`);
