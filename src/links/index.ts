// Share and embed: the link format (v1) and its caps.
// Pure TypeScript, no DOM: the UI wires these in. Other layers import only from here.
export { decodeLink, encodeLink, LINK_FORMAT_VERSION, MAX_HASH_LENGTH, MAX_LINK_ACTIONS, type DecodeFailureReason, type DecodeResult, type LinkState } from './linkFormat';
export { LINK_WARN_LENGTH, linkLength, type LinkLengthInfo } from './linkLength';
export { MAX_PAYLOAD_JSON_LENGTH } from './payload';
export { MAX_VIEW_SPEED, VIEW_TABS, type ViewState, type ViewTab } from './view';
