/**
 * The RFC 6455 arithmetic the room uses, for islands that show frames and handshakes:
 * islands import it from here, never from `party/` (see ARCHITECTURE, "How a push travels").
 */
export {
  type AcceptSteps,
  acceptSteps,
  frameBytes,
  responseHeadBytes,
  switchingProtocols,
  utf8Bytes,
  WEBSOCKET_GUID,
} from '../../party/wire/rfc6455';
