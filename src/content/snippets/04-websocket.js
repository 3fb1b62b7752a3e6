// La dirección WebSocket de la sala del curso: la página la rellena por ti.
const socket = new WebSocket('{{sala-ws}}');

socket.addEventListener('open', () => {
  console.log('open: el canal está abierto');
  // Las salas abiertas no aceptan texto libre: envía una de sus reacciones.
  socket.send(JSON.stringify({ type: 'react', reaction: '👍' }));
  console.log('send: enviaste una reacción 👍 (mírala en la demo de notificaciones)');
});

socket.addEventListener('message', (evento) => {
  const mensaje = JSON.parse(evento.data);
  console.log(`message: llegó «${mensaje.type}»`, evento.data.slice(0, 100));
});

// Espera 3 segundos escuchando y cierra; el ejemplo termina cuando llega el «close».
await new Promise((terminar) => {
  socket.addEventListener('close', (evento) => {
    console.log(`close: canal cerrado con el código ${evento.code}`);
    terminar();
  });
  setTimeout(() => socket.close(1000, 'fin del ejemplo'), 3000);
});
