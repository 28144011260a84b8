// Share, embed, export and import: the link format (v1), its caps and the export formats.
// Pure TypeScript, no DOM: the UI wires these in. Other layers import only from here.
export { type LessonRef } from './lessonLink';
export { decodeLink, encodeLink, LINK_FORMAT_VERSION, MAX_HASH_LENGTH, MAX_LINK_ACTIONS, type DecodeFailureReason, type DecodeResult, type LinkState } from './linkFormat';
export { LINK_WARN_LENGTH, linkLength, type LinkLengthInfo } from './linkLength';
export { MAX_PAYLOAD_JSON_LENGTH } from './payload';
export { EMBED_CONTROLS, MAX_EMBED_ORIGINS, MAX_VIEW_SPEED, VIEW_TABS, type EmbedControl, type ViewState, type ViewTab } from './view';
export { csvNumberCell, seriesToCsv } from './csv';
export { resultToJson } from './resultToJson';
export { importScenario, MAX_IMPORT_LENGTH, type ImportResult } from './importScenario';
export { findJsonError, type JsonSyntaxError } from './jsonSyntax';
export { SVG_METADATA_NAMESPACE, svgMetadata, xmlText } from './svgMetadata';
export { sha256Hex } from './sha256';
export { muxWebm, type WebmFrame, type WebmTrack } from './webm';
