export { startBridge, type Bridge, type BridgeCore, type BridgeOptions } from './server.ts';
export { BRIDGE_HOST } from './access.ts';
export { BRIDGE_SOCKET_PATH, BRIDGE_MAX_PAYLOAD, type WireRequest, type WireResponse, type WireEvent } from './protocol.ts';
